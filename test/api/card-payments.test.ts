// Issue 18, missing surface items 1 and 6: card (and wallet) payments through the API with the Demo
// provider, their refunds to each source, refund retrieval and the payment reporting calls, with
// the official Node client over HTTP, on either engine (COFFER_TEST_ENGINE).
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { apiPaymentRefunds, ledgerTransfers, payments } from '@/db/schema';
import { refundShares } from '@/lib/api/refund-records';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import { startApiProcess, type ApiProcess } from '@/test/reliability/api-process';
import { startApiServer, type TestServer } from './craftgate-server';

const stripe = vi.hoisted(() => ({ enabled: false }));
vi.mock('@/lib/payments/stripe-client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/payments/stripe-client')>()),
  stripeEnabled: () => stripe.enabled,
}));

const { Currency, PaymentGroup, RefundDestinationType, WalletTransactionType } = Craftgate.Model;
const db = getDatabase();

let server: TestServer;
let key: NewApiKey;
let client: InstanceType<typeof Craftgate.Client>;

beforeAll(async () => {
  server = await startApiServer();
  key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
  client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
});

afterAll(() => server.close());

beforeEach(() => {
  stripe.enabled = false;
});

const approvedCard = { cardHolderName: 'Haluk Demir', cardNumber: '5258640000000001', expireYear: '2044', expireMonth: '07', cvc: '000' };
const declinedCard = { ...approvedCard, cardNumber: '4000000000000002' };

let memberCount = 0;
async function fundedMember(amount: number) {
  memberCount += 1;
  const member = await client.onboarding().createMember({
    memberExternalId: `card-${memberCount}`,
    name: `Card Member ${memberCount}`,
    email: `card-${memberCount}@example.com`,
    address: 'Main St 1',
    phoneNumber: '+15550100',
  });
  if (amount > 0) await client.wallet().sendRemittance({ memberId: String(member.id), price: amount, currency: Currency.USD, description: 'Funds' });
  return member;
}

/** A payment of `prices` (major units), `walletPrice` of it from the member's wallet, the rest by card. */
function cardPayment(buyerMemberId: number | undefined, prices: number[], walletPrice: number, card: typeof approvedCard = approvedCard, extra: Record<string, unknown> = {}) {
  const price = prices.reduce((sum, each) => Math.round((sum + each) * 100) / 100, 0);
  return {
    price,
    paidPrice: price,
    walletPrice,
    installment: 1 as const,
    ...(buyerMemberId === undefined ? {} : { buyerMemberId }),
    currency: Currency.USD,
    paymentGroup: PaymentGroup.Product,
    card,
    items: prices.map((each, index) => ({ name: `Item ${index + 1}`, externalId: `sku-${index + 1}`, price: each })),
    ...extra,
  };
}

const available = async (memberId: number) => (await getBalance(db.read, { wallet: memberId, currency: 'USD' })).available;
const system = async (name: 'sales' | 'card_clearing') => (await getBalance(db.read, { system: name, currency: 'USD' })).posted;

/** Awaits a call expected to fail; returns the platform error's code, description and group. */
async function failure(call: Promise<unknown>): Promise<{ code: string; description: string; group?: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Craftgate.CraftgateError) {
      const { errorGroup } = error.getErrorData() as { errorGroup?: string };
      return { code: error.getErrorCode(), description: error.getErrorDescription(), ...(errorGroup === undefined ? {} : { group: errorGroup }) };
    }
    throw error;
  }
  throw new Error('Expected the call to fail.');
}

/** A request signed exactly as the platform's client signs it. */
async function signed(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const url = `${server.baseUrl}${path}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, {
    method,
    body: text,
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  });
  return { status: response.status, json: await response.json() };
}

const paymentRows = (ids: number[]) => Promise.all(ids.map(async (id) => (await db.read.select().from(payments).where(eq(payments.id, id)))[0]));
const walletPartRow = async (paymentId: number) => {
  const [card] = await paymentRows([paymentId]);
  const [part] = await db.read.select().from(payments).where(eq(payments.idempotencyKey, `${card?.idempotencyKey}:wallet`));
  return part;
};

describe('card and wallet payments (CARD_AND_WALLET_PAYMENT, Demo provider)', () => {
  it('holds the wallet part, charges the card for the rest and captures both; the response and the reports agree', async () => {
    const member = await fundedMember(50);
    const salesBefore = await system('sales');
    const paid = await client.payment().createPayment(cardPayment(member.id, [30, 10.01], 20, approvedCard, { conversationId: 'cw-1', externalId: 'order-1' }));
    expect(paid).toMatchObject({
      price: 40.01,
      paidPrice: 40.01,
      walletPrice: 20,
      buyerMemberId: member.id,
      paymentType: 'CARD_AND_WALLET_PAYMENT',
      paymentStatus: 'SUCCESS',
      conversationId: 'cw-1',
      externalId: 'order-1',
      binNumber: '52586400',
      lastFourDigits: '0001',
      cardHolderName: 'Haluk Demir',
      cardAssociation: 'MASTER_CARD',
      paymentError: null,
    });
    // The wallet part is spread over the items in proportion to their prices, exactly.
    expect(paid.paymentTransactions.map((each) => [each.price, each.walletPrice])).toEqual([
      [30, 15],
      [10.01, 5],
    ]);
    expect(paid.paymentTransactions[0]?.id).toBe((paid.id - 1) * 1000 + 1);
    expect(await client.payment().retrievePayment(paid.id)).toEqual(paid);

    expect(await available(member.id)).toBe(3000);
    expect((await system('sales')) - salesBefore).toBe(4001);
    const [card] = await paymentRows([paid.id]);
    expect(card).toMatchObject({ provider: 'demo', state: 'done', amount: 2001, userId: member.id });
    const hold = await walletPartRow(paid.id);
    expect(hold).toMatchObject({ provider: 'wallet', state: 'done', amount: 2000 });
    const [holdTransfer] = await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, hold?.transferId ?? 0));
    expect(holdTransfer).toMatchObject({ state: 'posted', kind: 'payment', amount: 2000, paymentId: paid.id });

    // The member's wallet shows the wallet part as a payment of this payment.
    const redeemed = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.PaymentRedeem] });
    expect(redeemed.items).toEqual([expect.objectContaining({ amount: -20, transactionId: paid.id })]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('releases the wallet part when the card is declined: 422 CARD_DECLINED, recorded as a failed payment, nothing moved', async () => {
    const member = await fundedMember(50);
    const salesBefore = await system('sales');
    const declined = await failure(client.payment().createPayment(cardPayment(member.id, [40], 25, declinedCard, { conversationId: 'declined-1' })));
    expect(declined).toMatchObject({ code: 'CARD_DECLINED', group: 'DECLINED' });
    expect(await available(member.id)).toBe(5000);
    expect(await system('sales')).toBe(salesBefore);

    const [failed] = (await client.paymentReporting().searchPayments({ conversationId: 'declined-1' })).items;
    expect(failed).toMatchObject({ paymentStatus: 'FAILURE', paymentType: 'CARD_AND_WALLET_PAYMENT', refundablePrice: 0, refundStatus: 'NO_REFUND' });
    expect(failed?.paymentError).toMatchObject({ errorCode: 'CARD_DECLINED', errorGroup: 'DECLINED' });
    const hold = await walletPartRow(failed?.id ?? 0);
    expect(hold).toMatchObject({ state: 'canceled', failureCode: 'cardDeclined' });
    const [holdTransfer] = await db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, hold?.transferId ?? 0));
    expect(holdTransfer?.state).toBe('voided');
    // A failed payment cannot be refunded.
    expect(await failure(client.payment().refundPayment({ paymentId: failed?.id ?? 0 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses a wallet part the wallet cannot cover with 10051 and records nothing', async () => {
    const member = await fundedMember(10);
    const refused = await failure(client.payment().createPayment(cardPayment(member.id, [40], 10.01)));
    expect(refused).toMatchObject({ code: '10051', group: 'NOT_SUFFICIENT_FUNDS' });
    expect(await available(member.id)).toBe(1000);
    expect(await db.read.select().from(payments).where(and(eq(payments.userId, member.id), eq(payments.provider, 'demo')))).toEqual([]);
  });

  it('takes a card payment without a member (the platform sample), refunded to the card only', async () => {
    const paid = await client.payment().createPayment(cardPayment(undefined, [30, 50, 20], 0, approvedCard, { paymentGroup: PaymentGroup.ListingOrSubscription }));
    expect(paid).toMatchObject({ paymentType: 'CARD_PAYMENT', buyerMemberId: null, walletPrice: 0, paymentGroup: 'LISTING_OR_SUBSCRIPTION' });
    expect(await failure(client.payment().refundPayment({ paymentId: paid.id, refundDestinationType: RefundDestinationType.Wallet }))).toMatchObject({ code: 'UNSUPPORTED' });
    const clearingBefore = await system('card_clearing');
    const refund = await client.payment().refundPayment({ paymentId: paid.id });
    expect(refund).toMatchObject({ refundDestinationType: 'PROVIDER', refundPrice: 100, refundBankPrice: 100, refundWalletPrice: 0, refundType: 'CANCEL', status: 'SUCCESS' });
    expect((await system('card_clearing')) - clearingBefore).toBe(10_000);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('checks what it is sent: the card, the member, stored cards, Stripe and the settings', async () => {
    const member = await fundedMember(20);
    const body = cardPayment(member.id, [10], 5);
    const { card: _card, ...noCard } = body;
    expect((await failure(client.payment().createPayment(noCard))).description).toMatch(/^card: is required/);
    expect((await failure(client.payment().createPayment({ ...body, buyerMemberId: undefined }))).description).toMatch(/^buyerMemberId:/);
    expect((await failure(client.payment().createPayment({ ...body, walletPrice: 10 }))).description).toMatch(/^card: must not be sent/);
    expect((await failure(client.payment().createPayment({ ...body, card: { ...approvedCard, cardNumber: '5258640000000002' } }))).description).toMatch(/^card\.cardNumber:/);
    expect((await failure(client.payment().createPayment({ ...body, card: { cardUserKey: 'user', cardToken: 'token' } }))).code).toBe('UNSUPPORTED');
    expect((await failure(client.payment().createPayment({ ...body, card: { ...approvedCard, storeCardAfterSuccessPayment: true } }))).code).toBe('UNSUPPORTED');
    expect((await failure(client.payment().createPayment({ ...body, items: [{ name: 'X', price: 10, subMerchantMemberId: 4 }] }))).code).toBe('UNSUPPORTED');
    expect(await failure(client.payment().createPayment({ ...body, buyerMemberId: 999_999 }))).toMatchObject({ code: 'NOT_FOUND' });

    stripe.enabled = true;
    const viaStripe = await failure(client.payment().createPayment(body));
    expect(viaStripe.code).toBe('UNSUPPORTED');
    expect(viaStripe.description).toMatch(/Demo card provider/);
    stripe.enabled = false;

    await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'wire_transfer'] }));
    try {
      expect((await failure(client.payment().createPayment(body))).description).toMatch(/Card payments are turned off/);
    } finally {
      await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] }));
    }
    expect(await available(member.id)).toBe(2000);
    expect(await db.read.select().from(payments).where(and(eq(payments.userId, member.id), eq(payments.provider, 'demo')))).toEqual([]);
  });
});

describe('refunds of card and wallet payments: each part to its source', () => {
  it('gives an item back card part first with PROVIDER, the rest to the wallet; WALLET gives all to the wallet', async () => {
    const member = await fundedMember(100);
    // Item 1: 60 (30 wallet, 30 card); item 2: 40 (20 wallet, 20 card).
    const paid = await client.payment().createPayment(cardPayment(member.id, [60, 40], 50));
    const [first, second] = paid.paymentTransactions.map((each) => each.id);
    if (first === undefined || second === undefined) throw new Error('Expected two payment transactions.');
    expect(await available(member.id)).toBe(5000);

    const partial = await client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 20, conversationId: 'part-1', refundDestinationType: RefundDestinationType.Provider });
    expect(partial).toMatchObject({ refundPrice: 20, refundBankPrice: 20, refundWalletPrice: 0, refundDestinationType: 'PROVIDER', status: 'SUCCESS', paymentId: paid.id, paymentTransactionId: first });
    const across = await client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 15 });
    expect(across).toMatchObject({ refundPrice: 15, refundBankPrice: 10, refundWalletPrice: 5, refundDestinationType: 'PROVIDER' });
    expect(await available(member.id)).toBe(5500);
    const toWallet = await client.payment().refundPaymentTransaction({ paymentTransactionId: second, refundPrice: 4, refundDestinationType: RefundDestinationType.Wallet });
    expect(toWallet).toMatchObject({ refundPrice: 4, refundBankPrice: 0, refundWalletPrice: 4, refundDestinationType: 'WALLET' });
    expect(await failure(client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 25.01 }))).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE' });

    // The rest: item 1 has 25 left (all its wallet part), item 2 has 36 (20 card, 16 wallet).
    const rest = await client.payment().refundPayment({ paymentId: paid.id });
    expect(rest).toMatchObject({ refundPrice: 61, refundBankPrice: 20, refundWalletPrice: 41, refundType: 'REFUND', status: 'SUCCESS', refundDestinationType: 'PROVIDER' });
    expect(rest.paymentTransactionRefunds.map((each) => [each.paymentTransactionId, each.refundBankPrice, each.refundWalletPrice])).toEqual([
      [first, 0, 25],
      [second, 20, 16],
    ]);
    // Everything went back to its source: the card got its 50 (20 + 10 + 20), the wallet its 50 (5 + 4 + 25 + 16).
    expect(await available(member.id)).toBe(10_000);
    expect(await failure(client.payment().refundPayment({ paymentId: paid.id }))).toMatchObject({ code: 'NOTHING_TO_REFUND' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('reports a whole refund on the day of the payment as CANCEL, on a later day as REFUND (shop time zone)', async () => {
    const member = await fundedMember(20);
    const today = await client.payment().createPayment(cardPayment(member.id, [30], 10));
    expect(await client.payment().refundPayment({ paymentId: today.id })).toMatchObject({ refundType: 'CANCEL', refundBankPrice: 20, refundWalletPrice: 10 });

    const older = await client.payment().createPayment(cardPayment(member.id, [30], 10));
    await db.write((tx) => tx.update(payments).set({ createdAt: new Date(Date.now() - 2 * 86_400_000) }).where(eq(payments.id, older.id)));
    const refund = await client.payment().refundPayment({ paymentId: older.id });
    expect(refund.refundType).toBe('REFUND');
    expect(await client.payment().retrievePaymentRefund(refund.id)).toMatchObject({ id: refund.id, refundType: 'REFUND' });
    expect(await available(member.id)).toBe(2000);
  });
});

describe('refund retrieval and payment reporting: ids agree with the refund calls', () => {
  it('finds every refund by the id the refund calls answered, in every report', async () => {
    const member = await fundedMember(100);
    const paid = await client.payment().createPayment(cardPayment(member.id, [25, 25], 20, approvedCard, { conversationId: 'report-1' }));
    const [first, second] = paid.paymentTransactions.map((each) => each.id);
    if (first === undefined || second === undefined) throw new Error('Expected two payment transactions.');
    const one = await client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 5, conversationId: 'report-r1' });
    const all = await client.payment().refundPayment({ paymentId: paid.id, conversationId: 'report-r2' });
    const allTransactions = all.paymentTransactionRefunds.map((each) => each.id);

    // Retrieval by id.
    expect(await client.payment().retrievePaymentTransactionRefund(one.id)).toEqual(one);
    expect(await client.payment().retrievePaymentRefund(all.id)).toEqual(all);
    for (const transaction of all.paymentTransactionRefunds) expect(await client.payment().retrievePaymentTransactionRefund(transaction.id)).toEqual(transaction);
    // The single-item refund is a payment refund too: its id is its transaction refund's.
    expect(await client.payment().retrievePaymentRefund(one.id)).toMatchObject({ id: one.id, refundPrice: 5, paymentTransactionRefunds: [one] });
    expect(await failure(client.payment().retrievePaymentRefund(999_999))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(client.payment().retrievePaymentTransactionRefund(999_999))).toMatchObject({ code: 'NOT_FOUND' });

    // Reports.
    const reported = await client.paymentReporting().retrievePayment(paid.id);
    expect(reported).toMatchObject({ id: paid.id, refundablePrice: 0, refundStatus: 'FULLY_REFUNDED', buyerMember: expect.objectContaining({ id: member.id }) });
    expect(reported.refunds.map((each) => each.id)).toEqual([one.id, all.id]);
    expect((await client.paymentReporting().retrievePaymentRefunds(paid.id)).items.map((each) => each.id)).toEqual([one.id, all.id]);
    expect((await client.paymentReporting().searchPaymentRefunds({ paymentId: paid.id })).items.map((each) => each.id)).toEqual([all.id, one.id]);
    expect((await client.paymentReporting().searchPaymentRefunds({ id: all.id })).items).toEqual([expect.objectContaining({ id: all.id, refundPrice: 45, paymentType: 'CARD_AND_WALLET_PAYMENT' })]);
    expect((await client.paymentReporting().retrievePaymentTransactionRefunds(paid.id, first)).items.map((each) => each.id)).toEqual([one.id, allTransactions[0]]);
    expect((await client.paymentReporting().retrievePaymentTransactionRefunds(paid.id, second)).items.map((each) => each.id)).toEqual([allTransactions[1]]);
    const searched = await client.paymentReporting().searchPaymentTransactionRefunds({ paymentId: paid.id });
    expect(searched).toMatchObject({ totalSize: 3 });
    expect(searched.items.map((each) => each.id)).toEqual([...allTransactions].reverse().concat(one.id));
    expect((await client.paymentReporting().searchPaymentTransactionRefunds({ paymentTransactionId: first })).items.map((each) => each.id)).toEqual([allTransactions[0], one.id]);
    expect((await client.paymentReporting().searchPaymentTransactionRefunds({ id: one.id, paymentId: paid.id })).items).toEqual([expect.objectContaining({ id: one.id, refundBankPrice: 5 })]);

    const transactions = await client.paymentReporting().retrievePaymentTransactions(paid.id);
    expect(transactions.items.map((each) => [each.id, each.refundablePrice, each.refundStatus])).toEqual([
      [first, 0, 'FULLY_REFUNDED'],
      [second, 0, 'FULLY_REFUNDED'],
    ]);
  });

  it('searches payments by what the platform filters on', async () => {
    const member = await fundedMember(100);
    const both = await client.payment().createPayment(cardPayment(member.id, [12], 2, approvedCard, { conversationId: 'search-1', externalId: 'ext-1' }));
    const cardOnly = await client.payment().createPayment(cardPayment(member.id, [7], 0, { ...approvedCard, cardNumber: '4242424242424242' }));
    const wallet = await client.payment().createPayment({ ...cardPayment(member.id, [3], 3), card: undefined });
    await failure(client.payment().createPayment(cardPayment(member.id, [9], 0, declinedCard)));
    const ids = async (request: Parameters<ReturnType<typeof client.paymentReporting>['searchPayments']>[0]) =>
      (await client.paymentReporting().searchPayments({ buyerMemberId: member.id, ...request })).items.map((each) => each.id);

    expect((await ids({})).length).toBe(4);
    expect(await ids({ paymentType: Craftgate.Model.PaymentType.CardAndWalletPayment })).toEqual([both.id]);
    expect(await ids({ paymentType: Craftgate.Model.PaymentType.CardPayment, paymentStatus: Craftgate.Model.PaymentStatus.Success })).toEqual([cardOnly.id]);
    expect(await ids({ paymentType: Craftgate.Model.PaymentType.WalletPayment })).toEqual([wallet.id]);
    expect((await ids({ paymentStatus: Craftgate.Model.PaymentStatus.Failure })).length).toBe(1);
    expect(await ids({ binNumber: '525864', lastFourDigits: '0001' })).toEqual([both.id]);
    expect(await ids({ binNumber: '42424242' })).toEqual([cardOnly.id]);
    expect(await ids({ minPaidPrice: 7, maxPaidPrice: 12, paymentStatus: Craftgate.Model.PaymentStatus.Success })).toEqual([cardOnly.id, both.id]);
    expect(await ids({ conversationId: 'search-1', externalId: 'ext-1', orderId: both.orderId })).toEqual([both.id]);
    expect(await ids({ paymentTransactionId: both.paymentTransactions[0]?.id })).toEqual([both.id]);
    expect(await ids({ paymentTransactionId: (both.paymentTransactions[0]?.id ?? 0) + 1 })).toEqual([]);
    expect(await ids({ isThreeDS: true })).toEqual([]);
    expect(await ids({ subMerchantMemberId: 1 })).toEqual([]);
    const page = await client.paymentReporting().searchPayments({ buyerMemberId: member.id, size: 2, page: 1 });
    expect(page).toMatchObject({ page: 1, size: 2, totalSize: 4 });
    expect(page.items.map((each) => each.id)).toEqual([cardOnly.id, both.id]);
  });
});

describe('ids beyond any row id', () => {
  it('name nothing: 404 or 400, never a 500 from a PostgreSQL integer overflow', async () => {
    const huge = 99_999_999_999;
    const calls: [string, () => Promise<unknown>][] = [
      ['member wallet', () => client.wallet().retrieveMemberWallet(huge)],
      ['payment', () => client.payment().retrievePayment(huge)],
      ['payment refund', () => client.payment().retrievePaymentRefund(huge)],
      ['transaction refund', () => client.payment().retrievePaymentTransactionRefund(huge)],
      ['reported payment', () => client.paymentReporting().retrievePayment(huge)],
      ['its transaction refunds', () => client.paymentReporting().retrievePaymentTransactionRefunds(huge, huge * 1000)],
      ['refund of it', () => client.payment().refundPayment({ paymentId: huge })],
      ['refund of its item', () => client.payment().refundPaymentTransaction({ paymentTransactionId: huge * 1000 })],
      ['its buyer', () => client.payment().createPayment({ ...cardPayment(huge, [1], 1), card: undefined })],
      ['searched payment', () => client.paymentReporting().searchPayments({ paymentId: huge })],
      ['searched refund', () => client.paymentReporting().searchPaymentRefunds({ id: huge })],
    ];
    for (const [what, call] of calls) expect(['NOT_FOUND', 'VALIDATION_ERROR'], what).toContain((await failure(call())).code);
    // A payment transaction id may be larger than a row id; one naming a payment beyond them finds nothing.
    expect(await client.paymentReporting().searchPaymentTransactionRefunds({ paymentTransactionId: huge * 1000 })).toMatchObject({ totalSize: 0 });
    expect(await client.paymentReporting().searchPayments({ paymentTransactionId: huge * 1000 })).toMatchObject({ totalSize: 0 });
    expect(await client.onboarding().searchMembers({ memberIds: [huge] })).toMatchObject({ totalSize: 0 });
  });
});

describe('money under concurrency (both engines)', () => {
  it('lets exactly the affordable ones of 20 concurrent card and wallet payments against one wallet through', async () => {
    const member = await fundedMember(10);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.payment().createPayment(cardPayment(member.id, [5], 3))));
    const paid = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(paid).toHaveLength(3);
    for (const reason of refused) expect(reason instanceof Craftgate.CraftgateError && reason.getErrorCode()).toBe('10051');
    expect(await available(member.id)).toBe(100);
    // No hold is left behind: every wallet part was captured or never written.
    const holds = await db.read.select().from(payments).where(and(eq(payments.userId, member.id), eq(payments.provider, 'wallet')));
    expect(holds.map((hold) => hold.state)).toEqual(['done', 'done', 'done']);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('takes one payment for one Idempotency-Key sent by five callers at once, declined ones too', async () => {
    const member = await fundedMember(50);
    const body = cardPayment(member.id, [20], 10);
    const replies = await Promise.all(Array.from({ length: 5 }, () => signed('POST', '/payment/v1/card-payments', body, { 'Idempotency-Key': 'card-pay-1' })));
    expect(new Set(replies.map((reply) => JSON.stringify(reply))).size).toBe(1);
    expect(replies[0]?.status).toBe(200);
    expect(await available(member.id)).toBe(4000);
    expect(await db.read.select().from(payments).where(and(eq(payments.userId, member.id), eq(payments.provider, 'demo')))).toHaveLength(1);

    const declinedBody = cardPayment(member.id, [20], 10, declinedCard);
    const declined = await Promise.all(Array.from({ length: 3 }, () => signed('POST', '/payment/v1/card-payments', declinedBody, { 'x-idempotency-key': 'card-pay-2' })));
    expect(declined.map((reply) => reply.status)).toEqual([422, 422, 422]);
    expect(new Set(declined.map((reply) => JSON.stringify(reply))).size).toBe(1);
    expect(await available(member.id)).toBe(4000);
    const other = await signed('POST', '/payment/v1/card-payments', { ...body, price: 21, paidPrice: 21, items: [{ name: 'X', price: 21 }] }, { 'Idempotency-Key': 'card-pay-1' });
    expect(other).toEqual({ status: 409, json: { errors: { errorCode: 'IDEMPOTENCY_CONFLICT', errorDescription: expect.any(String) } } });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('lets concurrent refunds of one item through only up to its price, each share once; one refund key from five callers refunds once', async () => {
    const member = await fundedMember(50);
    const paid = await client.payment().createPayment(cardPayment(member.id, [20], 8));
    const item = paid.paymentTransactions[0]?.id ?? 0;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.payment().refundPaymentTransaction({ paymentTransactionId: item, refundPrice: 3 })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(6);
    // The card part (12) went back first, then 6 of the wallet part (8).
    const shares = await refundShares(db.read, eq(apiPaymentRefunds.paymentId, paid.id));
    expect(shares.filter((share) => share.toCard).reduce((sum, share) => sum + share.amount, 0)).toBe(1200);
    expect(shares.filter((share) => !share.toCard).reduce((sum, share) => sum + share.amount, 0)).toBe(600);
    expect(await available(member.id)).toBe(4200 + 600);

    const again = await client.payment().createPayment(cardPayment(member.id, [10], 5));
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => signed('POST', '/payment/v1/refunds', { paymentId: again.id }, { 'Idempotency-Key': 'refund-all-1' })),
    );
    expect(new Set(replies.map((reply) => JSON.stringify(reply))).size).toBe(1);
    expect(replies[0]?.json.data).toMatchObject({ refundPrice: 10, refundBankPrice: 5, refundWalletPrice: 5, refundType: 'CANCEL' });
    expect((await client.paymentReporting().retrievePaymentRefunds(again.id)).totalSize).toBe(1);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('two app servers on one database (each its own connection or pool)', () => {
  let servers: ApiProcess[] = [];
  beforeAll(async () => {
    servers = await Promise.all([startApiProcess(), startApiProcess()]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((each) => each.stop()));
  });

  /** A POST signed for the address a load balancer in front of both servers would have. */
  async function sendTo(index: number, path: string, body: unknown, headers: Record<string, string>) {
    const base = servers[index]?.baseUrl;
    if (!base) throw new Error('No server.');
    const text = JSON.stringify(body);
    const rnd = crypto.randomUUID();
    const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url: `http://shop.test/api/craftgate${path}`, body: text });
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      body: text,
      headers: {
        'content-type': 'application/json',
        'x-api-key': key.apiKey,
        'x-rnd-key': rnd,
        'x-auth-version': '1',
        'x-signature': signature,
        'x-forwarded-host': 'shop.test',
        'x-forwarded-proto': 'http',
        ...headers,
      },
    });
    return { status: response.status, text: await response.text() };
  }

  it('one Idempotency-Key sent to both servers at once takes one card and wallet payment and refunds it once', async () => {
    const member = await fundedMember(100);
    const keys = Array.from({ length: 6 }, (_, index) => `two-servers-card-${index}`);
    const answers = await Promise.all(
      keys.map((idempotencyKey) => Promise.all([0, 1, 0, 1].map((index) => sendTo(index, '/payment/v1/card-payments', cardPayment(member.id, [10], 4), { 'Idempotency-Key': idempotencyKey })))),
    );
    for (const copies of answers) {
      expect(copies.map((copy) => copy.status)).toEqual([200, 200, 200, 200]);
      expect(new Set(copies.map((copy) => copy.text)).size).toBe(1);
    }
    expect(await available(member.id)).toBe(10_000 - keys.length * 400);
    const cardParts = await db.read.select().from(payments).where(and(eq(payments.userId, member.id), eq(payments.provider, 'demo')));
    expect(cardParts.map((part) => part.state)).toEqual(keys.map(() => 'done'));

    const paymentId = (JSON.parse(answers[0]?.[0]?.text ?? '{}') as { data: { id: number } }).data.id;
    const refunds = await Promise.all([0, 1, 0, 1].map((index) => sendTo(index, '/payment/v1/refunds', { paymentId }, { 'Idempotency-Key': 'two-servers-refund' })));
    expect(refunds.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(refunds.map((reply) => reply.text)).size).toBe(1);
    expect((await client.paymentReporting().retrievePaymentRefunds(paymentId)).items).toEqual([expect.objectContaining({ refundPrice: 10, refundBankPrice: 6, refundWalletPrice: 4 })]);
    expect(await available(member.id)).toBe(10_000 - (keys.length - 1) * 400);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('what Coffer does not serve yet', () => {
  it('answers online APM, 3-D Secure and stored card calls with 422 UNSUPPORTED after the signature check', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      // Online APMs (Papara …); fund transfer and cash on delivery are served (test/api/apm-payments.test.ts).
      ['APM', () => client.payment().initApmPayment({ apmType: Craftgate.Model.ApmType.Papara, merchantApmId: 1, price: 1, paidPrice: 1, buyerMemberId: 1, currency: Currency.USD, paymentGroup: PaymentGroup.Product, callbackUrl: 'https://example.com', items: [{ name: 'X', price: 1 }] })],
      // The checkout form and multi payment are served (test/api/checkout-payments.test.ts, multi-payments.test.ts); 3-D Secure and stored cards are not.
      ['3-D Secure', () => client.payment().complete3DSPayment({ paymentId: 1 })],
      ['stored cards', () => client.payment().searchStoredCards({ cardUserKey: 'key-1' })],
    ];
    for (const [what, call] of calls) expect(await failure(call()), what).toMatchObject({ code: 'UNSUPPORTED', description: expect.stringMatching(/not supported by Coffer/) });
    const unsigned = await fetch(`${server.baseUrl}/payment/v1/apm-payments`, { method: 'POST' });
    expect(unsigned.status).toBe(401);
  });
});
