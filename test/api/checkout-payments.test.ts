// Issue 18, missing surface item 2: the checkout form (initCheckoutPayment, retrieveCheckoutPayment,
// expireCheckoutPayment) with the official Node client over HTTP and as the Java, Python and PHP
// clients send it, paid on the hosted page (lib/payment-pages payOnPage), on either engine.
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { paymentPages } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance } from '@/lib/ledger';
import { payOnPage } from '@/lib/payment-pages/pay';
import { demoCardSchema } from '@/lib/payments/demo-card';
import { updateSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';
import { javaRequest, phpRequest, PhpFloat, PyDecimal, pythonRequest, send, type Credentials, type WireResponse } from './official-clients';

const { Currency, PaymentGroup } = Craftgate.Model;
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

let memberCount = 0;
async function member(funds = 0) {
  memberCount += 1;
  const created = await client.onboarding().createMember({ memberExternalId: `checkout-${memberCount}`, name: `Checkout Member ${memberCount}`, email: `checkout-${memberCount}@example.com`, address: '', phoneNumber: '' });
  if (funds > 0) await client.wallet().sendRemittance({ memberId: String(created.id), price: funds, currency: Currency.USD, description: 'Funds' });
  return created.id;
}

const checkout = (extra: Record<string, unknown> = {}) => ({
  price: 50,
  paidPrice: 50,
  currency: Currency.USD,
  paymentGroup: PaymentGroup.Product,
  conversationId: 'conv-42',
  externalId: 'order-42',
  callbackUrl: 'https://merchant.example/checkout-callback?order=42',
  items: [
    { name: 'Mug', price: 20, externalId: 'mug' },
    { name: 'Tea', price: 30, externalId: 'tea' },
  ],
  ...extra,
});

/** Awaits a call expected to fail; the platform error's code and description. */
async function failure(call: Promise<unknown>): Promise<{ code: string; description: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Craftgate.CraftgateError) return { code: error.getErrorCode(), description: error.getErrorDescription() };
    throw error;
  }
  throw new Error('Expected the call to fail.');
}

/** A request signed exactly as the Node client signs it (for bodies its 1.0.65 types do not allow). */
async function signed(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const { calculateSignature } = await import('@craftgate/craftgate/dist/lib/utils');
  const url = `${server.baseUrl}${path}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, { method, body: text, headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers } });
  return { status: response.status, json: (await response.json()) as { data?: Record<string, unknown>; errors?: { errorCode: string; errorDescription: string } } };
}

const pageRow = async (token: string) => (await db.read.select().from(paymentPages).where(eq(paymentPages.token, token)))[0];
const pay = (token: string, method: 'card' | 'wallet', card = approved, payerId: number | null = null) => payOnPage(db, { token, attemptKey: crypto.randomUUID(), method, amount: null, card, payerId });
const available = async (memberId: number) => (await getBalance(db.read, { wallet: memberId, currency: 'USD' })).available;

function data<T>(response: WireResponse): T {
  if (response.status !== 200) throw new Error(`Expected 200, got ${response.status}: ${response.text}`);
  return response.json.data as T;
}

describe('initCheckoutPayment (the Node client)', () => {
  it('opens a hosted page for the items and answers its token, address and expiry', async () => {
    const buyer = await member();
    const before = Date.now();
    const init = await client.payment().initCheckoutPayment(checkout({ buyerMemberId: buyer }));
    expect(init.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(init.pageUrl).toMatch(new RegExp(`/payment-page/${init.token}$`));
    // The platform's date: UTC without zone, 30 minutes ahead by default.
    expect(String(init.tokenExpireDate)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const expires = Date.parse(`${String(init.tokenExpireDate)}Z`);
    expect(expires - before).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    expect(expires - before).toBeLessThanOrEqual(30 * 60_000 + 5000);
    expect(await pageRow(init.token)).toMatchObject({
      kind: 'checkout',
      state: 'open',
      apiKeyId: key.id,
      buyerId: buyer,
      price: 5000,
      paidPrice: 5000,
      currency: 'USD',
      items: JSON.stringify([
        { name: 'Mug', externalId: 'mug', price: 2000 },
        { name: 'Tea', externalId: 'tea', price: 3000 },
      ]),
      conversationId: 'conv-42',
      externalId: 'order-42',
      paymentGroup: 'PRODUCT',
      callbackUrl: 'https://merchant.example/checkout-callback?order=42',
      paymentMethods: null,
      maxPayments: null,
    });
  });

  it('takes ttl in minutes, the shop currency when none is sent, and CARD or WALLET of the enabled methods', async () => {
    const init = await client.payment().initCheckoutPayment(checkout({ ttl: 5, currency: undefined, enabledPaymentMethods: ['CARD', 'PAPARA'] }));
    const row = await pageRow(init.token);
    expect(row?.expiresAt.getTime()).toBe((row?.createdAt.getTime() ?? 0) + 5 * 60_000);
    expect(row).toMatchObject({ currency: 'USD', paymentMethods: JSON.stringify(['CARD']) });
    const wallet = await client.payment().initCheckoutPayment(checkout({ enabledPaymentMethods: ['WALLET'] }));
    expect(await pageRow(wallet.token)).toMatchObject({ paymentMethods: JSON.stringify(['WALLET']) });
  });

  it('refuses what is wrong with the request, naming the field', async () => {
    const buyer = await member();
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['paidPrice above price (a commission)', { paidPrice: 51 }, 'VALIDATION_ERROR', /^paidPrice: must equal price/],
      ['items that do not add up', { price: 60, paidPrice: 60 }, 'VALIDATION_ERROR', /^price: must equal the sum of the item prices/],
      ['no items', { items: [] }, 'VALIDATION_ERROR', /^items: must hold at least one item/],
      ['no items at all', { items: undefined }, 'VALIDATION_ERROR', /^items: /],
      ['a relative callbackUrl', { callbackUrl: '/callback' }, 'VALIDATION_ERROR', /^callbackUrl: must be an absolute http\(s\) URL/],
      ['a javascript: callbackUrl', { callbackUrl: 'javascript:alert(1)' }, 'VALIDATION_ERROR', /^callbackUrl: /],
      ['no callbackUrl', { callbackUrl: undefined }, 'VALIDATION_ERROR', /^callbackUrl: /],
      ['three decimals', { price: 50.001, paidPrice: 50.001 }, 'VALIDATION_ERROR', /^price: /],
      ['a ttl of 0', { ttl: 0 }, 'VALIDATION_ERROR', /^ttl: /],
      ['a ttl beyond 7 days', { ttl: 7 * 24 * 60 + 1 }, 'VALIDATION_ERROR', /^ttl: must be at most 10080 minutes/],
      ['PRE_AUTH', { paymentPhase: 'PRE_AUTH' }, 'VALIDATION_ERROR', /^paymentPhase: /],
      ['another currency', { currency: Currency.EUR }, 'UNSUPPORTED', /^currency: this shop's wallets hold USD only/],
      ['an unknown member', { buyerMemberId: 999_999 }, 'NOT_FOUND', /^Member 999999 not found/],
      ['a stored card', { cardUserKey: 'key-1' }, 'UNSUPPORTED', /^cardUserKey: /],
      ['stored cards only', { allowOnlyStoredCards: true }, 'UNSUPPORTED', /^allowOnlyStoredCards: /],
      ['storing the card', { alwaysStoreCardAfterPayment: true }, 'UNSUPPORTED', /^alwaysStoreCardAfterPayment: /],
      ['3-D Secure', { forceThreeDS: true }, 'UNSUPPORTED', /^forceThreeDS: 3-D Secure is not supported/],
      ['installments', { enabledInstallments: [1, 3] }, 'UNSUPPORTED', /^enabledInstallments: installments are not supported/],
      ['Masterpass', { masterpassGsmNumber: '905551111111' }, 'UNSUPPORTED', /^masterpassGsmNumber: /],
      ['fraud checks', { fraudParams: { buyerEmail: 'a@example.com' } }, 'UNSUPPORTED', /^fraudParams: /],
      ['only methods Coffer lacks', { enabledPaymentMethods: ['PAPARA', 'KLARNA'] }, 'UNSUPPORTED', /^enabledPaymentMethods: PAPARA, KLARNA not supported/],
      ['a sub-merchant item', { items: [{ name: 'Mug', price: 50, subMerchantMemberId: buyer }] }, 'UNSUPPORTED', /^items.subMerchantMemberId: /],
    ];
    for (const [what, extra, code, description] of cases) {
      const refused = await failure(client.payment().initCheckoutPayment(checkout(extra) as Parameters<ReturnType<typeof client.payment>['initCheckoutPayment']>[0]));
      expect({ what, code: refused.code }).toEqual({ what, code });
      expect(refused.description, what).toMatch(description);
    }
    // What the Java and Python clients always send (false) is accepted.
    const init = await client.payment().initCheckoutPayment(checkout({ allowOnlyStoredCards: false, alwaysStoreCardAfterPayment: false, forceThreeDS: false, enabledInstallments: [1], allowDeleteStoredCard: true }));
    expect(init.token).toBeTruthy();
  });

  it('refuses a page no enabled way can pay', async () => {
    await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'wire_transfer'] }));
    try {
      expect(await failure(client.payment().initCheckoutPayment(checkout({ enabledPaymentMethods: ['CARD'] })))).toMatchObject({ code: 'UNSUPPORTED', description: expect.stringMatching(/CARD is turned off/) });
      expect(await failure(client.payment().initCheckoutPayment(checkout({ depositPayments: true, items: undefined, buyerMemberId: await member() })))).toMatchObject({ code: 'UNSUPPORTED' });
    } finally {
      await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] }));
    }
  });
});

describe('retrieveCheckoutPayment (the Node client)', () => {
  it('answers 404 until a payment is made, then the payment made on the page', async () => {
    const buyer = await member();
    const { token } = await client.payment().initCheckoutPayment(checkout({ buyerMemberId: buyer }));
    expect(await failure(client.payment().retrieveCheckoutPayment(token))).toEqual({ code: 'NOT_FOUND', description: `Checkout payment ${token} has no payment yet (the page is open).` });

    const paid = await pay(token, 'card');
    expect(paid.status).toBe('paid');
    const payment = await client.payment().retrieveCheckoutPayment(token);
    expect(payment).toMatchObject({
      paymentType: 'CARD_PAYMENT',
      paymentStatus: 'SUCCESS',
      paymentSource: 'CHECKOUT_FORM',
      price: 50,
      paidPrice: 50,
      walletPrice: 0,
      buyerMemberId: buyer,
      conversationId: 'conv-42',
      externalId: 'order-42',
      lastFourDigits: '4242',
      paymentError: null,
    });
    expect(payment.id).toBe(paid.status === 'paid' ? paid.payment.id : 0);
    expect(payment.paymentTransactions.map((each) => [each.name, each.price])).toEqual([
      ['Mug', 20],
      ['Tea', 30],
    ]);
    // The same payment through the payments API.
    expect(await client.payment().retrievePayment(payment.id)).toMatchObject({ id: payment.id, paymentStatus: 'SUCCESS', paymentSource: 'CHECKOUT_FORM' });
    // …and in the reports, where the source is a filter: the page's payment is CHECKOUT_FORM, not API.
    const reporting = client.paymentReporting();
    expect(await reporting.retrievePayment(payment.id)).toMatchObject({ paymentSource: 'CHECKOUT_FORM' });
    const bySource = async (paymentSource: string) =>
      (await reporting.searchPayments({ paymentSource: paymentSource as never, conversationId: payment.conversationId ?? undefined })).items.map((item) => item.id);
    expect(await bySource('CHECKOUT_FORM')).toEqual([payment.id]);
    expect(await bySource('API')).toEqual([]);
    expect((await pageRow(token))?.state).toBe('completed');
  });

  it('shows the successful payment after a declined one, and the last attempt while none succeeded', async () => {
    const { token } = await client.payment().initCheckoutPayment(checkout());
    const first = await pay(token, 'card', declined);
    expect(first.status).toBe('declined');
    expect(await client.payment().retrieveCheckoutPayment(token)).toMatchObject({ paymentStatus: 'FAILURE', paymentError: { errorGroup: 'DECLINED' } });
    const second = await pay(token, 'card');
    const shown = await client.payment().retrieveCheckoutPayment(token);
    expect(shown).toMatchObject({ paymentStatus: 'SUCCESS', buyerMemberId: null });
    expect(shown.id).toBe(second.status === 'paid' ? second.payment.id : 0);
  });

  it("a page paid from the buyer's wallet", async () => {
    const buyer = await member(80);
    const { token } = await client.payment().initCheckoutPayment(checkout({ buyerMemberId: buyer, enabledPaymentMethods: ['WALLET'] }));
    expect((await pay(token, 'wallet', approved, buyer)).status).toBe('paid');
    expect(await client.payment().retrieveCheckoutPayment(token)).toMatchObject({ paymentType: 'WALLET_PAYMENT', walletPrice: 50, paymentStatus: 'SUCCESS', buyerMemberId: buyer });
    expect(await available(buyer)).toBe(3000);
  });

  it('any API key of the shop reads a page (the pages are the merchant’s); an unknown token is 404', async () => {
    const { token } = await client.payment().initCheckoutPayment(checkout());
    await pay(token, 'card');
    const other = await createApiKey(db, { name: 'Reports', staffId: (await insertTestUser(db, 'staff')).id });
    const reader = new Craftgate.Client({ apiKey: other.apiKey, secretKey: other.secretKey, baseUrl: server.baseUrl });
    expect(await reader.payment().retrieveCheckoutPayment(token)).toMatchObject({ paymentStatus: 'SUCCESS' });
    expect(await failure(client.payment().retrieveCheckoutPayment(crypto.randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a deposit through the checkout form (depositPayment)', () => {
  it("opens a card-only page that tops up the member's wallet; retrieve shows a DEPOSIT_PAYMENT", async () => {
    const buyer = await member();
    // The Node client's 1.0.65 type names it depositPayments, the other clients and the platform's sample depositPayment.
    const viaNode = await client.payment().initCheckoutPayment({ price: 40, paidPrice: 40, currency: Currency.USD, paymentGroup: PaymentGroup.Product, callbackUrl: 'https://merchant.example/cb', buyerMemberId: buyer, depositPayments: true });
    expect(await pageRow(viaNode.token)).toMatchObject({ kind: 'deposit', buyerId: buyer, items: '[]', paymentMethods: JSON.stringify(['CARD']) });
    const viaSample = await signed('POST', '/payment/v1/checkout-payments/init', { price: 25, paidPrice: 25, currency: 'USD', paymentGroup: 'PRODUCT', callbackUrl: 'https://merchant.example/cb', buyerMemberId: buyer, depositPayment: true, conversationId: 'dep-1' });
    expect(viaSample.status).toBe(200);
    const token = String(viaSample.json.data?.token);
    expect((await pageRow(token))?.kind).toBe('deposit');

    expect((await pay(token, 'card')).status).toBe('paid');
    expect(await available(buyer)).toBe(2500);
    const deposit = await client.payment().retrieveCheckoutPayment(token);
    expect(deposit).toMatchObject({ paymentType: 'DEPOSIT_PAYMENT', paymentStatus: 'SUCCESS', paymentSource: 'CHECKOUT_FORM', price: 25, paidPrice: 25, walletPrice: 0, buyerMemberId: buyer, conversationId: 'dep-1', paymentTransactions: [] });
  });

  it('takes no items, an amount within the shop’s top-up limits, and a member that exists when one is named', async () => {
    const buyer = await member();
    const deposit = { price: 100, paidPrice: 100, currency: 'USD', paymentGroup: 'PRODUCT', callbackUrl: 'https://merchant.example/cb', depositPayment: true };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ buyerMemberId: buyer, items: [{ name: 'Mug', price: 100 }] }, 'VALIDATION_ERROR', /^items: must not be sent for a deposit/],
      [{ items: [{ name: 'Mug', price: 100 }] }, 'VALIDATION_ERROR', /^items: must not be sent for a deposit/],
      [{ buyerMemberId: buyer, price: 1_000_000, paidPrice: 1_000_000 }, 'VALIDATION_ERROR', /^price: /],
      [{ price: 1_000_000, paidPrice: 1_000_000 }, 'VALIDATION_ERROR', /^price: /],
      [{ price: 0.01, paidPrice: 0.01 }, 'VALIDATION_ERROR', /^price: /],
      [{ buyerMemberId: 999_999 }, 'NOT_FOUND', /^Member 999999 not found/],
      [{ buyerMemberId: buyer, enabledPaymentMethods: ['WALLET'] }, 'UNSUPPORTED', /^enabledPaymentMethods: a deposit is paid by CARD/],
    ];
    for (const [extra, code, description] of cases) {
      const response = await signed('POST', '/payment/v1/checkout-payments/init', { ...deposit, ...extra });
      expect(response.json.errors?.errorCode).toBe(code);
      expect(response.json.errors?.errorDescription).toMatch(description);
    }
  });
});

describe('a deposit naming no member (a top-up link)', () => {
  const topUpLink = { price: 30, paidPrice: 30, currency: 'USD', paymentGroup: 'PRODUCT', callbackUrl: 'https://merchant.example/cb', depositPayment: true, conversationId: 'link-1' };

  it('opens a card-only page that tops up the wallet of the customer who pays it; retrieve names that shopper', async () => {
    const response = await signed('POST', '/payment/v1/checkout-payments/init', topUpLink);
    expect(response.status).toBe(200);
    const token = String(response.json.data?.token);
    expect(response.json.data?.pageUrl).toMatch(new RegExp(`/payment-page/${token}$`));
    expect(await pageRow(token)).toMatchObject({ kind: 'deposit', buyerId: null, items: '[]', paymentMethods: JSON.stringify(['CARD']), price: 3000 });
    expect(await failure(client.payment().retrieveCheckoutPayment(token))).toMatchObject({ code: 'NOT_FOUND', description: expect.stringContaining('has no payment yet') });

    // Not signed in: nothing to credit, nothing recorded.
    expect(await pay(token, 'card')).toEqual({ status: 'refused', reason: 'no_buyer' });
    const shopper = await member();
    expect(await pay(token, 'card', declined, shopper)).toMatchObject({ status: 'declined' });
    expect(await client.payment().retrieveCheckoutPayment(token)).toMatchObject({ paymentType: 'DEPOSIT_PAYMENT', paymentStatus: 'FAILURE', buyerMemberId: shopper });
    expect(await pay(token, 'card', approved, shopper)).toMatchObject({ status: 'paid' });
    expect(await available(shopper)).toBe(3000);
    expect(await client.payment().retrieveCheckoutPayment(token)).toMatchObject({
      paymentType: 'DEPOSIT_PAYMENT',
      paymentStatus: 'SUCCESS',
      paymentSource: 'CHECKOUT_FORM',
      price: 30,
      paidPrice: 30,
      walletPrice: 0,
      buyerMemberId: shopper,
      conversationId: 'link-1',
      paymentTransactions: [],
    });
    // One deposit per page.
    const next = await member();
    expect(await pay(token, 'card', approved, next)).toEqual({ status: 'refused', reason: 'closed' });
    expect(await available(next)).toBe(0);
    expect(await failure(client.payment().expireCheckoutPayment(token))).toMatchObject({ code: 'CHECKOUT_PAYMENT_COMPLETED' });
  });

  it('two shoppers paying the same page at once: one deposit, into the wallet of the one who got it', async () => {
    const init = await signed('POST', '/payment/v1/checkout-payments/init', topUpLink);
    expect(init.status).toBe(200);
    const token = String(init.json.data?.token);
    const [first, second] = [await member(), await member()];
    const results = await Promise.all([pay(token, 'card', approved, first), pay(token, 'card', approved, second)]);
    expect(results.map((result) => result.status).sort()).toEqual(['paid', 'refused']);
    expect(results.find((result) => result.status === 'refused')).toEqual({ status: 'refused', reason: 'closed' });
    const winner = results.find((result) => result.status === 'paid');
    const payer = winner?.status === 'paid' ? winner.payment.userId : undefined;
    expect([first, second]).toContain(payer);
    expect((await available(first)) + (await available(second))).toBe(3000);
    expect(await available(payer ?? 0)).toBe(3000);
    expect(await client.payment().retrieveCheckoutPayment(token)).toMatchObject({ paymentStatus: 'SUCCESS', buyerMemberId: payer });
    expect(await pageRow(token)).toMatchObject({ state: 'completed' });
  });
});

describe('expireCheckoutPayment', () => {
  it('closes an open page (again: the same answer); a paid one cannot be expired; unknown → 404', async () => {
    const { token } = await client.payment().initCheckoutPayment(checkout());
    await expect(client.payment().expireCheckoutPayment(token)).resolves.toBeUndefined();
    expect((await pageRow(token))?.state).toBe('expired');
    expect(await pay(token, 'card')).toMatchObject({ status: 'refused', reason: 'closed' });
    await expect(client.payment().expireCheckoutPayment(token)).resolves.toBeUndefined();
    expect(await failure(client.payment().retrieveCheckoutPayment(token))).toMatchObject({ code: 'NOT_FOUND', description: expect.stringContaining('the page is expired') });

    const paid = await client.payment().initCheckoutPayment(checkout());
    await pay(paid.token, 'card');
    expect(await failure(client.payment().expireCheckoutPayment(paid.token))).toMatchObject({ code: 'CHECKOUT_PAYMENT_COMPLETED' });
    expect((await pageRow(paid.token))?.state).toBe('completed');
    expect(await failure(client.payment().expireCheckoutPayment(crypto.randomUUID()))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('as the Java, Python and PHP clients send it', () => {
  const javaItems = [
    { name: 'Item 1', price: 30, externalId: 'i-1' },
    { name: 'Item 2', price: 70, externalId: 'i-2' },
  ];

  it('Java: every primitive boolean sent (false), paymentPhase AUTH; init, retrieve, expire', async () => {
    // InitCheckoutPaymentRequest built with the builder, as Gson writes it (nulls left out, fields in declaration order).
    const body = {
      price: 100,
      paidPrice: 100,
      currency: 'USD',
      paymentGroup: 'LISTING_OR_SUBSCRIPTION',
      conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5',
      callbackUrl: 'https://www.your-website.com/craftgate-checkout-callback',
      paymentPhase: 'AUTH',
      alwaysStoreCardAfterPayment: false,
      allowOnlyStoredCards: false,
      allowOnlyCreditCard: false,
      allowInstallmentOnlyCommercialCards: false,
      forceThreeDS: false,
      forceAuthForNonCreditCards: false,
      depositPayment: false,
      guestCheckout: false,
      allowDeleteStoredCard: false,
      useTopRedirection: false,
      items: javaItems,
    };
    const init = data<{ token: string; pageUrl: string; tokenExpireDate: string }>(await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/checkout-payments/init', body })));
    expect(init).toEqual({ token: expect.any(String), pageUrl: expect.stringContaining(`/payment-page/${init.token}`), tokenExpireDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/) });
    expect((await send(javaRequest(credentials, { method: 'GET', path: `/payment/v1/checkout-payments/${init.token}` }))).json.errors).toMatchObject({ errorCode: 'NOT_FOUND' });
    await pay(init.token, 'card');
    expect(data(await send(javaRequest(credentials, { method: 'GET', path: `/payment/v1/checkout-payments/${init.token}` })))).toMatchObject({ paymentStatus: 'SUCCESS', price: 100 });

    const other = data<{ token: string }>(await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/checkout-payments/init', body })));
    expect((await send(javaRequest(credentials, { method: 'DELETE', path: `/payment/v1/checkout-payments/${other.token}` }))).status).toBe(200);
    expect((await pageRow(other.token))?.state).toBe('expired');
  });

  it('Python: sorted keys, Decimal as float, every boolean; the same x-idempotency-key opens one page', async () => {
    const body = {
      price: new PyDecimal('100'),
      paid_price: new PyDecimal('100'),
      currency: 'USD',
      payment_group: 'PRODUCT',
      conversation_id: 'py-1',
      callback_url: 'https://merchant.example/cb',
      payment_phase: 'AUTH',
      always_store_card_after_payment: false,
      allow_delete_stored_card: false,
      allow_only_stored_cards: false,
      allow_only_credit_card: false,
      allow_installment_only_commercial_cards: false,
      force_three_ds: false,
      force_auth_for_non_credit_cards: false,
      deposit_payment: false,
      use_top_redirection: false,
      ttl: 10,
      items: [
        { name: 'Item 1', price: new PyDecimal('30.5'), external_id: 'i-1' },
        { name: 'Item 2', price: new PyDecimal('69.5'), external_id: 'i-2' },
      ],
    };
    const call = { method: 'POST', path: '/payment/v1/checkout-payments/init', body, idempotencyKey: `py-${crypto.randomUUID()}` };
    const first = data<{ token: string }>(await send(pythonRequest(credentials, call)));
    const again = data<{ token: string }>(await send(pythonRequest(credentials, call)));
    expect(again.token).toBe(first.token);
    expect(await pageRow(first.token)).toMatchObject({ items: JSON.stringify([{ name: 'Item 1', externalId: 'i-1', price: 3050 }, { name: 'Item 2', externalId: 'i-2', price: 6950 }]) });
    await pay(first.token, 'card');
    expect(data(await send(pythonRequest(credentials, { method: 'GET', path: `/payment/v1/checkout-payments/${first.token}` })))).toMatchObject({ paymentStatus: 'SUCCESS', price: 100 });
    // expire_checkout_payment signs no body and sends none.
    const other = data<{ token: string }>(await send(pythonRequest(credentials, { ...call, idempotencyKey: undefined })));
    expect((await send(pythonRequest(credentials, { method: 'DELETE', path: `/payment/v1/checkout-payments/${other.token}` }))).status).toBe(200);
  });

  it('PHP: the official sample (Currency::TL is TRY: refused in a USD shop), then in USD; the deposit sample without a member', async () => {
    const sample = {
      price: 100,
      paidPrice: 100,
      currency: 'TRY',
      paymentGroup: 'LISTING_OR_SUBSCRIPTION',
      conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5',
      callbackUrl: 'https://www.your-website.com/craftgate-checkout-callback',
      items: [
        { externalId: 'a', name: 'Item 1', price: 30 },
        { externalId: 'b', name: 'Item 2', price: 50 },
        { externalId: 'c', name: 'Item 3', price: 20 },
      ],
    };
    expect((await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/checkout-payments/init', body: sample }))).json.errors).toMatchObject({ errorCode: 'UNSUPPORTED' });
    const init = data<{ token: string }>(await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/checkout-payments/init', body: { ...sample, currency: 'USD', price: new PhpFloat(100), paidPrice: new PhpFloat(100) } })));
    await pay(init.token, 'card');
    expect(data(await send(phpRequest(credentials, { method: 'GET', path: `/payment/v1/checkout-payments/${init.token}` })))).toMatchObject({ paymentStatus: 'SUCCESS', paymentSource: 'CHECKOUT_FORM' });

    // Without a member the deposit page is a top-up link: the signed-in customer who pays it is credited.
    const deposit = data<{ token: string; pageUrl: string }>(await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/checkout-payments/init', body: { price: 100, paidPrice: 100, currency: 'USD', paymentGroup: 'PRODUCT', callbackUrl: 'https://merchant.example/cb', depositPayment: true } })));
    expect(deposit.pageUrl).toMatch(new RegExp(`/payment-page/${deposit.token}$`));
    expect(await pageRow(deposit.token)).toMatchObject({ kind: 'deposit', buyerId: null });

    // expireCheckoutPayment(['token' => …]): a DELETE without a body.
    const other = data<{ token: string }>(await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/checkout-payments/init', body: { ...sample, currency: 'USD' } })));
    expect((await send(phpRequest(credentials, { method: 'DELETE', path: `/payment/v1/checkout-payments/${other.token}` }))).status).toBe(200);
    expect((await pageRow(other.token))?.state).toBe('expired');
  });
});
