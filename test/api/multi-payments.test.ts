// Issue 18, missing surface item 4: multi payment (initMultiPayment, retrieveMultiPayment): a basket
// paid on the hosted page in several payments, followed by the token, with the Node client over HTTP
// (its 1.0.65 has retrieveMultiPayment but no initMultiPayment: the init is signed as its HEAD sends
// it) and as the Java, Python and PHP clients send it, on either engine.
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { paymentPages } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { payOnPage } from '@/lib/payment-pages/pay';
import { demoCardSchema } from '@/lib/payments/demo-card';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';
import { javaRequest, phpRequest, PyDecimal, pythonRequest, send, type Credentials, type WireResponse } from './official-clients';

const { Currency } = Craftgate.Model;
const db = getDatabase();

let server: TestServer;
let key: NewApiKey;
let client: InstanceType<typeof Craftgate.Client>;
let credentials: Credentials;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
  client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
  credentials = { apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl };
});

afterAll(() => server.close());

const approved = demoCardSchema().parse({ cardHolderName: 'Ada Lovelace', cardNumber: '4242424242424242', expiry: '07/2044', cvc: '000' });
const declined = { ...approved, cardNumber: '4000000000000002' };

type Init = { token: string; pageUrl: string; tokenExpireDate: string };
type Multi = { id: number; multiPaymentStatus: string; token: string; price: number; paidPrice: number; remainingAmount: number; paymentIds: number[]; tokenExpireDate: string };

/** initMultiPayment as the Node client's repository HEAD sends it (this._client.post('/payment/v1/multi-payments/init', request)). */
async function initMulti(body: Record<string, unknown>) {
  const url = `${server.baseUrl}/payment/v1/multi-payments/init`;
  const text = JSON.stringify(body);
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature } });
  return (await response.json()) as { data?: Init; errors?: { errorCode: string; errorDescription: string } };
}

const basket = (extra: Record<string, unknown> = {}) => ({
  price: 100,
  callbackUrl: 'https://merchant.example/multi-callback',
  currency: Currency.USD,
  conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5',
  externalId: 'basket-1',
  paymentGroup: 'LISTING_OR_SUBSCRIPTION',
  enabledInstallments: [1],
  items: [
    { name: 'Item 1', price: 30, externalId: 'i-1' },
    { name: 'Item 2', price: 50, externalId: 'i-2' },
    { name: 'Item 3', price: 20, externalId: 'i-3' },
  ],
  ...extra,
});

async function opened(extra: Record<string, unknown> = {}): Promise<Init> {
  const reply = await initMulti(basket(extra));
  if (!reply.data) throw new Error(`initMultiPayment failed: ${JSON.stringify(reply.errors)}`);
  return reply.data;
}

const pageRow = async (token: string) => (await db.read.select().from(paymentPages).where(eq(paymentPages.token, token)))[0];
const pay = (token: string, amount: number, card = approved, method: 'card' | 'wallet' = 'card', payerId: number | null = null) =>
  payOnPage(db, { token, attemptKey: crypto.randomUUID(), method, amount, card, payerId });
const retrieve = (token: string) => client.payment().retrieveMultiPayment(token) as unknown as Promise<Multi>;

function data<T>(response: WireResponse): T {
  if (response.status !== 200) throw new Error(`Expected 200, got ${response.status}: ${response.text}`);
  return response.json.data as T;
}

describe('initMultiPayment and retrieveMultiPayment', () => {
  it('opens the page for the basket (a day by default) and follows it to COMPLETED: remainingAmount and every payment, failed ones too', async () => {
    const before = Date.now();
    const init = await opened({ maximumSplitPaymentCount: 3 });
    expect(init.pageUrl).toMatch(new RegExp(`/payment-page/${init.token}$`));
    expect(Date.parse(`${init.tokenExpireDate}Z`) - before).toBeGreaterThanOrEqual(24 * 60 * 60_000 - 1000);
    const row = await pageRow(init.token);
    expect(row).toMatchObject({ kind: 'multi', state: 'open', price: 10000, paidPrice: 10000, maxPayments: 3, paymentGroup: 'LISTING_OR_SUBSCRIPTION', buyerId: null });

    expect(await retrieve(init.token)).toEqual({
      id: row?.id,
      multiPaymentStatus: 'CREATED',
      token: init.token,
      conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5',
      externalId: 'basket-1',
      paidPrice: 100,
      price: 100,
      remainingAmount: 100,
      tokenExpireDate: init.tokenExpireDate,
      paymentIds: [],
    });

    const first = await pay(init.token, 4000);
    const failed = await pay(init.token, 2000, declined);
    expect([first.status, failed.status]).toEqual(['paid', 'declined']);
    const midway = await retrieve(init.token);
    expect(midway).toMatchObject({ multiPaymentStatus: 'CREATED', remainingAmount: 60 });
    const ids = [first, failed].map((each) => (each.status === 'refused' ? 0 : each.payment.id));
    expect(midway.paymentIds).toEqual(ids);

    const last = await pay(init.token, 6000);
    expect(last.status).toBe('paid');
    const done = await retrieve(init.token);
    expect(done).toMatchObject({ multiPaymentStatus: 'COMPLETED', remainingAmount: 0, paidPrice: 100 });
    expect(done.paymentIds).toEqual([...ids, last.status === 'refused' ? 0 : last.payment.id]);
    // Each payment is a payment of the API: its items are its share of the basket.
    const payment = await client.payment().retrievePayment(ids[0] ?? 0);
    expect(payment).toMatchObject({ paymentStatus: 'SUCCESS', price: 40, conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5' });
  });

  it('an unpaid page that expired stays CREATED (the platform has no other status); its tokenExpireDate tells', async () => {
    const init = await opened({ ttl: 1 });
    await db.write((tx) => tx.update(paymentPages).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(paymentPages.token, init.token)));
    const expired = await retrieve(init.token);
    expect(expired).toMatchObject({ multiPaymentStatus: 'CREATED', remainingAmount: 100 });
    expect(Date.parse(`${expired.tokenExpireDate}Z`)).toBeLessThan(Date.now());
  });

  it('refuses what is wrong with the request; a checkout form’s token is not a multi payment', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ maximumSplitPaymentCount: 0 }, 'VALIDATION_ERROR', /^maximumSplitPaymentCount: /],
      [{ items: undefined }, 'VALIDATION_ERROR', /^items: must hold at least one item/],
      [{ price: 90 }, 'VALIDATION_ERROR', /^price: must equal the sum of the item prices/],
      [{ paidPrice: 110 }, 'VALIDATION_ERROR', /^paidPrice: must equal price/],
      [{ callbackUrl: 'callbackUrl' }, 'VALIDATION_ERROR', /^callbackUrl: must be an absolute http\(s\) URL/],
      [{ enabledInstallments: [2] }, 'UNSUPPORTED', /^enabledInstallments: /],
      [{ disableStoreCard: true, forceThreeDS: true }, 'UNSUPPORTED', /^forceThreeDS: /],
      [{ apmUserIdentity: 'payoneer-1' }, 'UNSUPPORTED', /^apmUserIdentity: /],
      [{ buyerMemberId: 999_999 }, 'NOT_FOUND', /^Member 999999 not found/],
    ];
    for (const [extra, code, description] of cases) {
      const reply = await initMulti(basket(extra));
      expect(reply.errors?.errorCode).toBe(code);
      expect(reply.errors?.errorDescription).toMatch(description);
    }
    const checkout = await client.payment().initCheckoutPayment({ price: 10, paidPrice: 10, currency: Currency.USD, paymentGroup: Craftgate.Model.PaymentGroup.Product, callbackUrl: 'https://merchant.example/cb', items: [{ name: 'Mug', price: 10 }] });
    await expect(retrieve(checkout.token)).rejects.toThrow(/Multi payment .* not found/);
    const multi = await opened();
    await expect(client.payment().retrieveCheckoutPayment(multi.token)).rejects.toThrow(/Checkout payment .* not found/);
    await expect(client.payment().expireCheckoutPayment(multi.token)).rejects.toThrow(/not found/);
  });
});

describe('as the Java, Python and PHP clients send it', () => {
  it('Java: price only, every primitive boolean; retrieve reads price (and paidPrice)', async () => {
    const body = {
      price: 100,
      currency: 'USD',
      paymentGroup: 'PRODUCT',
      conversationId: 'java-multi',
      externalId: 'java-basket',
      callbackUrl: 'https://merchant.example/cb',
      allowOnlyCreditCard: false,
      forceAuthForNonCreditCards: false,
      allowOnlyStoredCards: false,
      allowInstallmentOnlyCommercialCards: false,
      alwaysStoreCardAfterPayment: false,
      disableStoreCard: false,
      forceThreeDS: false,
      items: [
        { name: 'Item 1', price: 60, externalId: '38983903' },
        { name: 'Item 2', price: 40, externalId: '92983294' },
      ],
      ttl: 60,
      maximumSplitPaymentCount: 2,
    };
    const init = data<Init>(await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/multi-payments/init', body })));
    expect(Object.keys(init).sort()).toEqual(['pageUrl', 'token', 'tokenExpireDate']);
    await pay(init.token, 2500);
    expect(data<Multi>(await send(javaRequest(credentials, { method: 'GET', path: `/payment/v1/multi-payments/${init.token}` })))).toMatchObject({
      multiPaymentStatus: 'CREATED',
      price: 100,
      paidPrice: 100,
      remainingAmount: 75,
      conversationId: 'java-multi',
      externalId: 'java-basket',
    });
  });

  it('Python: sorted snake_case → camelCase keys, Decimal as float, the idempotency key', async () => {
    const body = {
      price: new PyDecimal('100'),
      currency: 'USD',
      payment_group: 'PRODUCT',
      conversation_id: 'py-multi',
      callback_url: 'https://merchant.example/cb',
      allow_only_credit_card: false,
      force_auth_for_non_credit_cards: false,
      allow_only_stored_cards: false,
      allow_installment_only_commercial_cards: false,
      always_store_card_after_payment: false,
      disable_store_card: false,
      force_three_ds: false,
      maximum_split_payment_count: 4,
      items: [
        { name: 'Item 1', price: new PyDecimal('60'), external_id: 'a' },
        { name: 'Item 2', price: new PyDecimal('40'), external_id: 'b' },
      ],
    };
    const call = { method: 'POST', path: '/payment/v1/multi-payments/init', body, idempotencyKey: `py-multi-${crypto.randomUUID()}` };
    const init = data<Init>(await send(pythonRequest(credentials, call)));
    expect(data<Init>(await send(pythonRequest(credentials, call))).token).toBe(init.token);
    expect((await pageRow(init.token))?.maxPayments).toBe(4);
    expect(data<Multi>(await send(pythonRequest(credentials, { method: 'GET', path: `/payment/v1/multi-payments/${init.token}` })))).toMatchObject({ price: 100, remainingAmount: 100, paymentIds: [] });
  });

  it('PHP: the official sample (callbackUrl "callbackUrl" is refused: the buyer is sent back there), then with an address', async () => {
    const sample = {
      price: 100,
      callbackUrl: 'callbackUrl',
      currency: 'USD',
      conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5',
      externalId: 'php-basket',
      paymentGroup: 'PRODUCT',
      items: [
        { name: 'Item 1', externalId: '38983903', price: 60 },
        { name: 'Item 2', externalId: '92983294', price: 40 },
      ],
    };
    expect((await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/multi-payments/init', body: sample }))).json.errors).toMatchObject({ errorCode: 'VALIDATION_ERROR' });
    const init = data<Init>(await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/multi-payments/init', body: { ...sample, callbackUrl: 'https://merchant.example/cb' } })));
    await pay(init.token, 10000);
    expect(data<Multi>(await send(phpRequest(credentials, { method: 'GET', path: `/payment/v1/multi-payments/${init.token}` })))).toMatchObject({ multiPaymentStatus: 'COMPLETED', remainingAmount: 0 });
  });
});
