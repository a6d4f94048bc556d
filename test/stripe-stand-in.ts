// A local HTTP stand-in of the part of Stripe's API that Coffer uses (Checkout Sessions), answering
// with Stripe's own example objects (test/fixtures/stripe, see its README) filled in per request.
// The real stripe SDK talks to it through its host/port/protocol options.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';

type Fixture = Record<string, unknown>;
const fixturesFolder = path.resolve(import.meta.dirname, 'fixtures', 'stripe');
const readFixture = (name: string): Fixture => JSON.parse(fs.readFileSync(path.join(fixturesFolder, `${name}.json`), 'utf8')) as Fixture;

function loadFixtures(): { session: Fixture; event: Fixture; refund: Fixture } {
  return { session: readFixture('checkout-session'), event: readFixture('event'), refund: readFixture('refund') };
}

export type StripeStandIn = {
  url: string;
  sessions: Map<string, Stripe.Checkout.Session>;
  /** Refunds created through POST /v1/refunds, by id. */
  refunds: Map<string, Stripe.Refund>;
  /** While true, POST /v1/refunds answers with a card error, as when the card cannot take it back. */
  refuseRefunds(refuse: boolean): void;
  /**
   * The next `times` POST /v1/refunds end without an answer: a 500 or a dropped connection. With
   * `afterRefund` Stripe makes the refund first and only the answer is lost. Count the SDK's own
   * retries: with maxNetworkRetries 2, one failed call is 3 requests.
   */
  failRefunds(times: number, how: { reply: 'error' | 'drop'; afterRefund?: boolean }): void;
  /** Holds POST /v1/refunds unanswered until release(); arrived(n) resolves once n of them are held. */
  pauseRefunds(): { arrived(count?: number): Promise<void>; release(): void };
  requests: { method: string; path: string; idempotencyKey: string | undefined }[];
  /** What the shopper does on Stripe's page: pay, or let the page expire. */
  payFor(sessionId: string): Stripe.Checkout.Session;
  expire(sessionId: string): Stripe.Checkout.Session;
  /** An event as Stripe would deliver it (the caller signs the JSON with the SDK's test helper). */
  eventFor(type: string, object: object): Stripe.Event;
  close(): Promise<void>;
};

/** The `metadata[name]` fields of a form-encoded Stripe request. */
function metadataOf(form: URLSearchParams): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [key, value] of form) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match?.[1]) metadata[match[1]] = value;
  }
  return metadata;
}

/** Starts the stand-in on a free loopback port. */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const fixtures = loadFixtures();
  const sessions = new Map<string, Stripe.Checkout.Session>();
  const refunds = new Map<string, Stripe.Refund>();
  let refusingRefunds = false;
  let refundFailures = { left: 0, reply: 'error' as 'error' | 'drop', afterRefund: false };
  let refundGate: { arrive(): void; released: Promise<void> } | undefined;
  const byIdempotencyKey = new Map<string, string>();
  const requests: StripeStandIn['requests'] = [];
  let baseUrl = '';

  function createSession(form: URLSearchParams): Stripe.Checkout.Session {
    const id = `cs_test_${crypto.randomBytes(12).toString('hex')}`;
    const unitAmount = Number(form.get('line_items[0][price_data][unit_amount]'));
    const quantity = Number(form.get('line_items[0][quantity]') ?? '1');
    const metadata = metadataOf(form);
    const session = {
      ...structuredClone(fixtures.session),
      id,
      object: 'checkout.session',
      mode: form.get('mode'),
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: unitAmount * quantity,
      amount_total: unitAmount * quantity,
      currency: form.get('line_items[0][price_data][currency]'),
      client_reference_id: form.get('client_reference_id'),
      customer_email: form.get('customer_email'),
      metadata,
      success_url: form.get('success_url'),
      cancel_url: form.get('cancel_url'),
      created: Math.floor(Date.now() / 1000),
      url: `${baseUrl}/pay/${id}`,
    } as unknown as Stripe.Checkout.Session;
    sessions.set(id, session);
    return session;
  }

  function createRefund(form: URLSearchParams): Stripe.Refund {
    const refund = {
      ...structuredClone(fixtures.refund),
      id: `re_test_${crypto.randomBytes(12).toString('hex')}`,
      object: 'refund',
      amount: Number(form.get('amount')),
      payment_intent: form.get('payment_intent'),
      metadata: metadataOf(form),
      status: 'succeeded',
      created: Math.floor(Date.now() / 1000),
    } as unknown as Stripe.Refund;
    refunds.set(refund.id, refund);
    return refund;
  }

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const idempotencyKey = request.headers['idempotency-key'];
      const key = typeof idempotencyKey === 'string' ? idempotencyKey : undefined;
      requests.push({ method: request.method ?? 'GET', path: url.pathname, idempotencyKey: key });
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${crypto.randomUUID()}` });
        response.end(JSON.stringify(payload));
      };
      const failWithoutAnswer = () => {
        if (refundFailures.reply === 'drop') return void request.socket.destroy();
        send(500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
      };
      if (!request.headers.authorization?.startsWith('Bearer sk_test_')) {
        return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      }
      if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const replayed = key ? byIdempotencyKey.get(key) : undefined;
        if (replayed) return send(200, sessions.get(replayed));
        const session = createSession(new URLSearchParams(body));
        if (key) byIdempotencyKey.set(key, session.id);
        return send(200, session);
      }
      if (request.method === 'POST' && url.pathname === '/v1/refunds') {
        const answerRefund = () => {
          if (refusingRefunds) return send(402, { error: { type: 'card_error', code: 'charge_disputed', message: 'This charge cannot be refunded.' } });
          const failing = refundFailures.left > 0;
          if (failing) refundFailures.left -= 1;
          if (failing && !refundFailures.afterRefund) return failWithoutAnswer();
          const replayed = key ? byIdempotencyKey.get(key) : undefined;
          const refund = (replayed ? refunds.get(replayed) : undefined) ?? createRefund(new URLSearchParams(body));
          if (key) byIdempotencyKey.set(key, refund.id);
          return failing ? failWithoutAnswer() : send(200, refund);
        };
        if (!refundGate) return answerRefund();
        refundGate.arrive();
        return void refundGate.released.then(answerRefund);
      }
      if (request.method === 'GET' && url.pathname === '/v1/refunds') {
        const paymentIntent = url.searchParams.get('payment_intent');
        const data = [...refunds.values()].filter((refund) => !paymentIntent || refund.payment_intent === paymentIntent).reverse();
        return send(200, { object: 'list', data, has_more: false, url: '/v1/refunds' });
      }
      const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname);
      if (request.method === 'POST' && expire?.[1]) {
        const session = sessions.get(expire[1]);
        if (!session) return send(404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } });
        // As Stripe: only an open session can be expired (one paid meanwhile is refused).
        if (session.status !== 'open') {
          return send(400, { error: { type: 'invalid_request_error', message: 'Only Checkout Sessions with a status in ["open"] can be expired.' } });
        }
        return send(200, update(expire[1], { status: 'expired' }));
      }
      const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && retrieve?.[1]) {
        const session = sessions.get(retrieve[1]);
        if (!session) return send(404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } });
        return send(200, session);
      }
      return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${url.pathname})` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function update(sessionId: string, changes: Partial<Stripe.Checkout.Session>): Stripe.Checkout.Session {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`unknown session ${sessionId}`);
    const next = { ...session, ...changes };
    sessions.set(sessionId, next);
    return next;
  }

  return {
    url: baseUrl,
    sessions,
    refunds,
    refuseRefunds: (refuse) => {
      refusingRefunds = refuse;
    },
    failRefunds: (times, how) => {
      refundFailures = { left: times, reply: how.reply, afterRefund: how.afterRefund ?? false };
    },
    pauseRefunds: () => {
      let held = 0;
      const waiters: { count: number; resolve(): void }[] = [];
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const arrive = () => {
        held += 1;
        for (const waiter of waiters) if (held >= waiter.count) waiter.resolve();
      };
      refundGate = { arrive, released };
      return {
        arrived: (count = 1) => (held >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
        release: () => {
          refundGate = undefined;
          release();
        },
      };
    },
    requests,
    payFor: (sessionId) => update(sessionId, { status: 'complete', payment_status: 'paid' }),
    expire: (sessionId) => update(sessionId, { status: 'expired' }),
    eventFor: (type, object) =>
      ({
        ...structuredClone(fixtures.event),
        id: `evt_${crypto.randomBytes(12).toString('hex')}`,
        object: 'event',
        type,
        created: Math.floor(Date.now() / 1000),
        data: { object },
      }) as unknown as Stripe.Event,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
