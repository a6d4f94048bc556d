import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers, payments } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';

const stripe = vi.hoisted(() => ({ enabled: false }));
vi.mock('@/lib/payments/stripe-client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/payments/stripe-client')>()),
  stripeEnabled: () => stripe.enabled,
}));

const { Currency, WalletTransactionType } = Craftgate.Model;

const db = getDatabase();

let server: TestServer;
let key: NewApiKey;
let client: InstanceType<typeof Craftgate.Client>;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
  client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  stripe.enabled = false;
});

let memberCount = 0;
async function newMember() {
  memberCount += 1;
  return client.onboarding().createMember({
    memberExternalId: `deposit-${memberCount}`,
    name: `Member ${memberCount}`,
    email: `deposit-${memberCount}@example.com`,
    address: 'Main St 1',
    phoneNumber: '+15550100',
  });
}

const approvedCard = { cardHolderName: 'Ada Lovelace', cardNumber: '4242424242424242', expireYear: '2044', expireMonth: '07', cvc: '123' };
const declinedCard = { ...approvedCard, cardNumber: '4000000000000002' };

function deposit(buyerMemberId: number, price: number, card = approvedCard, conversationId?: string) {
  return { buyerMemberId, price, currency: Currency.USD, card, ...(conversationId ? { conversationId } : {}) };
}

async function available(memberId: number): Promise<number> {
  return (await getBalance(db.read, { wallet: memberId, currency: 'USD' })).available;
}

async function cardDepositTransfers(memberId: number) {
  const rows = await db.read
    .select()
    .from(ledgerTransfers)
    .innerJoin(payments, eq(payments.id, ledgerTransfers.paymentId))
    .where(eq(payments.userId, memberId));
  return rows.filter((row) => row.ledger_transfers.kind === 'deposit_card');
}

const paymentsOf = (memberId: number) => db.read.select().from(payments).where(eq(payments.userId, memberId));
const settingsChange = (changes: Parameters<typeof updateSettings>[1]) => db.write((tx) => updateSettings(tx, changes));

/** Awaits a call expected to fail; returns the platform error's code and description. */
async function failure(call: Promise<unknown>): Promise<{ code: string; description: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Craftgate.CraftgateError) return { code: error.getErrorCode(), description: error.getErrorDescription() };
    throw error;
  }
  throw new Error('Expected the call to fail.');
}

/** A request signed exactly as the platform's client signs it, with extra headers. */
async function signedPost(path: string, body: unknown, headers: Record<string, string>) {
  const url = `${server.baseUrl}${path}`;
  const text = JSON.stringify(body);
  // A new random key per request, as the platform's client does: a repeat is refused as a replay.
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  });
  return { status: response.status, json: await response.json() };
}

describe('deposit payment by card (Demo provider)', () => {
  it('credits the wallet once and lists the top-up as DEPOSIT_FROM_CARD', async () => {
    const member = await newMember();
    const paid = await client.payment().createDepositPayment(deposit(member.id, 25.5, approvedCard, 'erp-deposit-1'));
    expect(paid).toMatchObject({
      price: 25.5,
      currency: 'USD',
      buyerMemberId: member.id,
      conversationId: 'erp-deposit-1',
      paymentType: 'DEPOSIT_PAYMENT',
      paymentStatus: 'SUCCESS',
      walletTransaction: { walletTransactionType: 'DEPOSIT_FROM_CARD', amount: 25.5, walletId: member.id },
    });
    expect(String(paid.createdDate)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(await available(member.id)).toBe(2550);
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 25.5 });

    const [payment] = await db.read.select().from(payments).where(eq(payments.id, paid.id));
    expect(payment).toMatchObject({ userId: member.id, purpose: 'top_up', provider: 'demo', state: 'done', amount: 2550, transferId: paid.walletTransaction.id });
    const transfers = await cardDepositTransfers(member.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]?.ledger_transfers).toMatchObject({ id: paid.walletTransaction.id, amount: 2550, state: 'posted' });

    const found = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.DepositFromCard] });
    expect(found.items).toEqual([expect.objectContaining({ id: paid.walletTransaction.id, walletTransactionType: 'DEPOSIT_FROM_CARD', amount: 25.5, transactionId: paid.id })]);
    // The deposit is a card top-up like any other: it can go back to the card.
    expect(await client.wallet().retrieveRefundableAmountOfWalletTransaction(paid.walletTransaction.id)).toEqual({ refundableAmount: 25.5 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses a declined card with 422 CARD_DECLINED in the DECLINED payment error group and credits nothing', async () => {
    const member = await newMember();
    const declined = await failure(client.payment().createDepositPayment(deposit(member.id, 40, declinedCard)));
    expect(declined).toEqual({ code: 'CARD_DECLINED', description: expect.stringMatching(/declined/) });
    expect(await available(member.id)).toBe(0);
    expect(await cardDepositTransfers(member.id)).toHaveLength(0);
    expect(await paymentsOf(member.id)).toEqual([expect.objectContaining({ state: 'error', provider: 'demo' })]);

    const raw = await signedPost('/payment/v1/deposits', deposit(member.id, 40, declinedCard), {});
    expect(raw).toEqual({ status: 422, json: { errors: { errorCode: 'CARD_DECLINED', errorDescription: expect.any(String), errorGroup: 'DECLINED' } } });
    expect(await available(member.id)).toBe(0);
  });

  it('answers 400 naming the card field that is wrong, and moves nothing', async () => {
    const member = await newMember();
    const cases: [Partial<typeof approvedCard>, RegExp][] = [
      [{ cardNumber: '4242424242424241' }, /^card\.cardNumber: This card number is not valid/],
      [{ cardNumber: '4242' }, /^card\.cardNumber: Enter the 12 to 19 digits/],
      [{ cvc: '12' }, /^card\.cvc:/],
      [{ cardHolderName: 'A' }, /^card\.cardHolderName:/],
      [{ expireMonth: '13' }, /^card\.expireMonth:/],
      [{ expireYear: '2020' }, /^card\.expireYear: This card has expired/],
    ];
    for (const [change, description] of cases) {
      const refused = await failure(client.payment().createDepositPayment(deposit(member.id, 10, { ...approvedCard, ...change })));
      expect(refused, JSON.stringify(change)).toEqual({ code: 'VALIDATION_ERROR', description: expect.stringMatching(description) });
    }
    const missing = await signedPost('/payment/v1/deposits', { buyerMemberId: member.id, price: 10, currency: 'USD', card: { cardToken: 'tok', cardUserKey: 'user' } }, {});
    // A stored card is the platform's, not Coffer's: not supported.
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toMatchObject({ errorCode: 'UNSUPPORTED', errorDescription: expect.stringMatching(/stored cards/) });
    const noHolder = await signedPost('/payment/v1/deposits', { buyerMemberId: member.id, price: 10, currency: 'USD', card: { ...approvedCard, cardHolderName: undefined } }, {});
    expect(noHolder.status).toBe(400);
    expect(noHolder.json.errors.errorDescription).toMatch(/^card\.cardHolderName:/);
    expect(await available(member.id)).toBe(0);
    expect(await paymentsOf(member.id)).toEqual([]);
  });

  it("applies the shop's minimum and maximum top-up, its currency, and unknown members → 404", async () => {
    const member = await newMember();
    await settingsChange({ minTopUp: 500, maxTopUp: 10_000 });
    try {
      expect((await failure(client.payment().createDepositPayment(deposit(member.id, 4.99)))).description).toMatch(/^price: The smallest top-up/);
      expect((await failure(client.payment().createDepositPayment(deposit(member.id, 100.01)))).description).toMatch(/^price: The largest top-up/);
      expect((await failure(client.payment().createDepositPayment(deposit(member.id, 1.001)))).description).toMatch(/^price:/);
      expect(await failure(client.payment().createDepositPayment({ ...deposit(member.id, 10), currency: Currency.EUR }))).toMatchObject({ code: 'UNSUPPORTED' });
      expect(await failure(client.payment().createDepositPayment(deposit(999_999, 10)))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await available(member.id)).toBe(0);
      expect((await client.payment().createDepositPayment(deposit(member.id, 100))).price).toBe(100);
      expect(await available(member.id)).toBe(10_000);
      // The currency may be left out, as the platform's own sample does: the wallet's.
      const { currency: _currency, ...noCurrency } = deposit(member.id, 5);
      expect(await signedPost('/payment/v1/deposits', noCurrency, {})).toMatchObject({ status: 200, json: { data: { price: 5, currency: 'USD' } } });
      expect(await available(member.id)).toBe(10_500);
    } finally {
      await settingsChange({ minTopUp: 100, maxTopUp: 1_000_000 });
    }
  });

  it("refuses a deposit beyond the shop's maximum wallet balance with 422 WALLET_LIMIT_EXCEEDED, recording and charging nothing", async () => {
    const member = await newMember();
    await client.payment().createDepositPayment(deposit(member.id, 90));
    const paymentsBefore = (await db.read.select().from(payments).where(eq(payments.userId, member.id))).length;
    await settingsChange({ maxWalletBalance: 10_000 });
    try {
      expect(await failure(client.payment().createDepositPayment(deposit(member.id, 10.01)))).toMatchObject({ code: 'WALLET_LIMIT_EXCEEDED', description: 'A wallet may hold at most 100 USD.' });
      expect((await db.read.select().from(payments).where(eq(payments.userId, member.id))).length).toBe(paymentsBefore);
      expect(await available(member.id)).toBe(9_000);
      expect((await client.payment().createDepositPayment(deposit(member.id, 10))).price).toBe(10);
      expect(await available(member.id)).toBe(10_000);
    } finally {
      await settingsChange({ maxWalletBalance: 1_000_000_000_000 });
    }
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('credits a retried request with the same Idempotency-Key once and refuses the key for another body', async () => {
    const member = await newMember();
    const body = deposit(member.id, 12.34);
    const first = await signedPost('/payment/v1/deposits', body, { 'Idempotency-Key': 'deposit-1' });
    const again = await signedPost('/payment/v1/deposits', body, { 'Idempotency-Key': 'deposit-1' });
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    expect(await available(member.id)).toBe(1234);
    expect(await cardDepositTransfers(member.id)).toHaveLength(1);

    const concurrent = await Promise.all(Array.from({ length: 5 }, () => signedPost('/payment/v1/deposits', body, { 'Idempotency-Key': 'deposit-2' })));
    expect(new Set(concurrent.map((reply) => JSON.stringify(reply))).size).toBe(1);
    expect(concurrent[0]?.status).toBe(200);
    expect(await available(member.id)).toBe(2468);
    expect(await cardDepositTransfers(member.id)).toHaveLength(2);

    const other = await signedPost('/payment/v1/deposits', { ...body, price: 50 }, { 'Idempotency-Key': 'deposit-1' });
    expect(other).toEqual({ status: 409, json: { errors: { errorCode: 'IDEMPOTENCY_CONFLICT', errorDescription: expect.any(String) } } });

    const declinedBody = deposit(member.id, 5, declinedCard);
    const declined = await signedPost('/payment/v1/deposits', declinedBody, { 'Idempotency-Key': 'deposit-3' });
    expect(declined.status).toBe(422);
    expect(await signedPost('/payment/v1/deposits', declinedBody, { 'Idempotency-Key': 'deposit-3' })).toEqual(declined);
    expect(await available(member.id)).toBe(2468);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses card deposits with 422 when the shop takes cards through Stripe', async () => {
    const member = await newMember();
    stripe.enabled = true;
    const refused = await failure(client.payment().createDepositPayment(deposit(member.id, 10)));
    expect(refused.code).toBe('UNSUPPORTED');
    expect(refused.description).toMatch(/Demo card provider/);
    expect(refused.description).toMatch(/Stripe Checkout/);
    expect(await available(member.id)).toBe(0);
    expect(await paymentsOf(member.id)).toEqual([]);
  });
});
