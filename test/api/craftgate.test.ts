import Craftgate from '@craftgate/craftgate';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { auditLog } from '@/db/schema';
import { createApiKey, revokeApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, getTransfer, verifyLedger } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { listPendingWireTopUps } from '@/lib/wallet/wire-top-ups';
import { createPaymentRecord, findPayment } from '@/lib/payments/records';
import { createCheckoutSession, syncCheckoutSession } from '@/lib/payments/stripe';
import { startStripeStandIn, type StripeStandIn } from '@/test/stripe-stand-in';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';

const db = getDatabase();

const { Currency, PaymentGroup, RefundDestinationType, WalletTransactionType } = Craftgate.Model;

let server: TestServer;
let key: NewApiKey;
let staffId: number;
let client: InstanceType<typeof Craftgate.Client>;
let stripeStandIn: StripeStandIn;

beforeAll(async () => {
  stripeStandIn = await startStripeStandIn();
  process.env.STRIPE_SECRET_KEY = 'sk_test_coffer';
  process.env.STRIPE_WEBHOOK_SECRET = 'whsec_test_coffer_api';
  process.env.STRIPE_API_URL = stripeStandIn.url;
  server = await startApiServer();
  const staff = await insertTestUser(db, 'staff');
  staffId = staff.id;
  key = await createApiKey(db, { name: 'ERP', staffId: staff.id });
  client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
});

afterAll(async () => {
  await server.close();
  await stripeStandIn.close();
});

let memberCount = 0;
async function newMember() {
  memberCount += 1;
  return client.onboarding().createMember({
    memberExternalId: `erp-${memberCount}`,
    name: `Member ${memberCount}`,
    email: `member-${memberCount}@example.com`,
    address: 'Main St 1',
    phoneNumber: '+15550100',
  });
}

/** A card top-up of a member's wallet through Demo or Stripe Checkout; returns its deposit transfer id. */
async function cardTopUp(member: { id: number; email: string }, amount: number, provider: 'demo' | 'stripe'): Promise<number> {
  const { payment } = await db.write((tx) =>
    createPaymentRecord(tx, { userId: member.id, purpose: 'top_up', provider, amount, currency: 'USD', idempotencyKey: `test-top-up:${crypto.randomUUID()}` }),
  );
  if (provider === 'demo') {
    await db.write((tx) => completePayment(tx, payment.id, amount));
  } else {
    await createCheckoutSession(db, payment, member.email);
    const sessionId = (await findPayment(db.read, payment.id))?.providerReference ?? '';
    stripeStandIn.payFor(sessionId);
    await syncCheckoutSession(db, sessionId);
  }
  const transferId = (await findPayment(db.read, payment.id))?.transferId;
  if (!transferId) throw new Error('The top-up did not complete.');
  return transferId;
}

/** Awaits a call expected to fail; returns the platform error's code, description and group (payment errors only). */
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

function walletPayment(buyerMemberId: number, prices: number[], extra: { conversationId?: string; externalId?: string } = {}) {
  const price = prices.reduce((sum, each) => Math.round((sum + each) * 100) / 100, 0);
  return {
    price,
    paidPrice: price,
    walletPrice: price,
    installment: 1 as const,
    buyerMemberId,
    currency: Currency.USD,
    paymentGroup: PaymentGroup.Product,
    items: prices.map((each, index) => ({ name: `Item ${index + 1}`, externalId: `sku-${index + 1}`, price: each })),
    ...extra,
  };
}

/** A request signed exactly as the platform's client signs it, with optional extra headers. */
async function signedFetch(method: string, path: string, body: unknown, headers: Record<string, string> = {}, rawBody?: string) {
  const url = `${server.baseUrl}${path}`;
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  // A new random key per request, as the platform's client does: a repeat is refused as a replay.
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, {
    method,
    body: text,
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  });
  return { status: response.status, json: await response.json() };
}

describe('merchant wallet API with the platform client', () => {
  it('creates a member, funds the wallet, pays from it and lists the transactions', async () => {
    const member = await newMember();
    expect(member).toMatchObject({ name: 'Member 1', email: 'member-1@example.com', memberExternalId: 'erp-1', isBuyer: true, status: 'ACTIVE' });
    expect(await client.onboarding().retrieveMember(member.id)).toMatchObject({ id: member.id, phoneNumber: '+15550100' });
    const updated = await client.onboarding().updateMember(member.id, { name: 'Member One', email: 'member-1@example.com', address: 'Side St 2' });
    expect(updated).toMatchObject({ name: 'Member One', address: 'Side St 2', phoneNumber: '+15550100' });
    const found = await client.onboarding().searchMembers({ memberExternalId: 'erp-1' });
    expect(found.items.map((each) => each.id)).toEqual([member.id]);
    expect((await client.onboarding().searchMembers({ name: 'one' })).totalSize).toBe(1);
    // A space and an empty list in the query: under next start the handler sees them re-serialised.
    expect((await client.onboarding().searchMembers({ name: 'Member One', memberIds: [], page: 0 })).items.map((each) => each.id)).toEqual([member.id]);

    const wallet = await client.wallet().createMemberWallet(member.id, { negativeAmountLimit: 0, currency: Currency.USD });
    expect(wallet).toMatchObject({ memberId: member.id, amount: 0, withdrawalAmount: 0, negativeAmountLimit: 0, currency: 'USD' });

    const sent = await client.wallet().sendRemittance({ memberId: String(member.id), price: 100.5, currency: Currency.USD, description: 'Welcome credit' });
    expect(sent).toMatchObject({ price: 100.5, memberId: member.id, remittanceType: 'SEND', description: 'Welcome credit' });
    expect(await client.wallet().retrieveRemittance(sent.id)).toMatchObject({ id: sent.id, price: 100.5, remittanceType: 'SEND' });

    const payment = await client.payment().createPayment(walletPayment(member.id, [10.25, 20], { conversationId: 'conv-1', externalId: 'order-77' }));
    expect(payment).toMatchObject({
      price: 30.25,
      paidPrice: 30.25,
      walletPrice: 30.25,
      buyerMemberId: member.id,
      conversationId: 'conv-1',
      externalId: 'order-77',
      paymentType: 'WALLET_PAYMENT',
      paymentStatus: 'SUCCESS',
    });
    expect(payment.paymentTransactions.map((each) => each.price)).toEqual([10.25, 20]);
    expect(await client.payment().retrievePayment(payment.id)).toMatchObject({ id: payment.id, externalId: 'order-77' });

    const received = await client.wallet().receiveRemittance({ memberId: String(member.id), price: 0.25, currency: Currency.USD, description: 'Correction' });
    expect(received).toMatchObject({ remittanceType: 'RECEIVE', price: 0.25 });
    expect(await failure(client.wallet().receiveRemittance({ memberId: String(member.id), price: 1000, currency: Currency.USD, description: 'Too much' }))).toMatchObject({
      code: '10051',
      group: 'NOT_SUFFICIENT_FUNDS',
    });

    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 70, withdrawalAmount: 70 });
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(7000);

    const all = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [] });
    expect(all.totalSize).toBe(3);
    expect(all.items.map((each) => [each.walletTransactionType, each.amount])).toEqual([
      ['REMITTANCE', -0.25],
      ['PAYMENT_REDEEM', -30.25],
      ['REMITTANCE', 100.5],
    ]);
    const payments = await client.wallet().searchWalletTransactions(member.id, {
      walletTransactionTypes: [WalletTransactionType.PaymentRedeem],
      minCreatedDate: new Date(Date.now() - 60_000),
      maxCreatedDate: new Date(Date.now() + 60_000),
    });
    expect(payments.items).toEqual([expect.objectContaining({ walletTransactionType: 'PAYMENT_REDEEM', amount: -30.25, transactionId: payment.id, walletId: member.id })]);
    const large = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [], minAmount: 50, page: 0, size: 1 });
    expect(large).toMatchObject({ page: 0, size: 1, totalSize: 1, items: [expect.objectContaining({ amount: 100.5 })] });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refunds a wallet payment to the wallet, per item or in full, never beyond what was paid', async () => {
    const member = await newMember();
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 50, currency: Currency.USD, description: 'Funds' });
    const payment = await client.payment().createPayment(walletPayment(member.id, [10.25, 20]));
    const [first, second] = payment.paymentTransactions.map((each) => each.id);
    if (first === undefined || second === undefined) throw new Error('Expected two payment transactions.');

    const partial = await client.payment().refundPaymentTransaction({ paymentTransactionId: second, refundPrice: 5, conversationId: 'r-1', refundDestinationType: RefundDestinationType.Wallet });
    expect(partial).toMatchObject({ paymentTransactionId: second, paymentId: payment.id, refundPrice: 5, refundWalletPrice: 5, status: 'SUCCESS', conversationId: 'r-1', currency: 'USD' });
    expect(await failure(client.payment().refundPaymentTransaction({ paymentTransactionId: second, refundPrice: 15.01 }))).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE' });
    // PROVIDER gives each part back to its source: a wallet payment's is the wallet.
    expect(await client.payment().refundPaymentTransaction({ paymentTransactionId: second, refundPrice: 1, refundDestinationType: RefundDestinationType.Provider })).toMatchObject({
      refundDestinationType: 'WALLET',
      refundWalletPrice: 1,
      refundBankPrice: 0,
    });
    expect(await failure(client.payment().refundPaymentTransaction({ paymentTransactionId: second + 1, refundPrice: 1 }))).toMatchObject({ code: 'NOT_FOUND' });
    const rest = await client.payment().refundPaymentTransaction({ paymentTransactionId: first });
    expect(rest).toMatchObject({ paymentTransactionId: first, refundPrice: 10.25 });

    const full = await client.payment().refundPayment({ paymentId: payment.id });
    expect(full).toMatchObject({ paymentId: payment.id, refundPrice: 14, refundType: 'REFUND', status: 'SUCCESS' });
    expect(full.paymentTransactionRefunds).toEqual([expect.objectContaining({ paymentTransactionId: second, refundPrice: 14 })]);
    expect(await failure(client.payment().refundPayment({ paymentId: payment.id }))).toMatchObject({ code: 'NOTHING_TO_REFUND' });
    expect(await failure(client.payment().refundPayment({ paymentId: 999_999 }))).toMatchObject({ code: 'NOT_FOUND' });

    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 50 });
    const refunds = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.RefundTransactionToWallet] });
    expect(refunds.items.map((each) => each.amount)).toEqual([14, 10.25, 1, 5]);
    const reported = await client.paymentReporting().searchPaymentRefunds({ paymentId: payment.id });
    expect(reported).toMatchObject({ totalSize: 4 });
    expect(reported.items.map((each) => [each.refundPrice, each.paymentType])).toEqual([
      [14, 'WALLET_PAYMENT'],
      [10.25, 'WALLET_PAYMENT'],
      [1, 'WALLET_PAYMENT'],
      [5, 'WALLET_PAYMENT'],
    ]);
    const large = await client.paymentReporting().searchPaymentRefunds({ buyerMemberId: member.id, minRefundPrice: 10, size: 1 });
    expect(large).toMatchObject({ totalSize: 2, size: 1, items: [expect.objectContaining({ refundPrice: 14 })] });
    expect((await client.paymentReporting().searchPaymentRefunds({ conversationId: 'r-1' })).items.map((each) => each.refundPrice)).toEqual([5]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('lets concurrent partial refunds of one item through only up to its price', async () => {
    const member = await newMember();
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 20, currency: Currency.USD, description: 'Funds' });
    const payment = await client.payment().createPayment(walletPayment(member.id, [20]));
    const item = payment.paymentTransactions[0]?.id ?? 0;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.payment().refundPaymentTransaction({ paymentTransactionId: item, refundPrice: 3 })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(6);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(1800);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refuses a wrong secret, a revoked key and an unsigned request with 401', async () => {
    const wrong = new Craftgate.Client({ apiKey: key.apiKey, secretKey: `${key.secretKey}x`, baseUrl: server.baseUrl });
    expect(await failure(wrong.onboarding().searchMembers({}))).toMatchObject({ code: 'UNAUTHORIZED' });

    const staff = await insertTestUser(db, 'staff');
    const other = await createApiKey(db, { name: 'Old app', staffId: staff.id });
    const otherClient = new Craftgate.Client({ apiKey: other.apiKey, secretKey: other.secretKey, baseUrl: server.baseUrl });
    await expect(otherClient.onboarding().searchMembers({})).resolves.toMatchObject({ page: 0 });
    expect(await db.write((tx) => revokeApiKey(tx, other.apiKey))).toBe(true);
    expect(await failure(otherClient.onboarding().searchMembers({}))).toMatchObject({ code: 'UNAUTHORIZED' });

    const unsigned = await fetch(`${server.baseUrl}/onboarding/v1/members`);
    expect(unsigned.status).toBe(401);
    const text = await unsigned.text();
    expect(JSON.parse(text)).toEqual({ errors: { errorCode: 'UNAUTHORIZED', errorDescription: expect.any(String) } });
    expect(text).not.toMatch(/\bat \w|\.ts:/);
  });

  it('answers validation errors naming the field, unknown members and endpoints with 404', async () => {
    const member = await newMember();
    expect(await failure(client.wallet().sendRemittance({ memberId: String(member.id), price: 1.005, currency: Currency.USD, description: 'x' }))).toEqual({
      code: 'VALIDATION_ERROR',
      description: 'price: USD amounts have at most 2 decimals.',
    });
    const mismatch = { ...walletPayment(member.id, [1, 2]), price: 4, paidPrice: 4, walletPrice: 4 };
    expect((await failure(client.payment().createPayment(mismatch))).description).toMatch(/^price: must equal the sum/);
    expect((await failure(client.payment().createPayment({ ...walletPayment(member.id, [1]), walletPrice: 0 }))).description).toMatch(/^card: is required/);
    expect((await failure(client.payment().createPayment({ ...walletPayment(member.id, [1]), walletPrice: 2 }))).description).toMatch(/^walletPrice:/);
    expect((await failure(client.onboarding().createMember({ memberExternalId: 'x', email: 'not-an-email', name: 'X', address: '', phoneNumber: '' }))).description).toMatch(/^email:/);
    expect(await failure(client.onboarding().createMember({ memberExternalId: 'erp-new', email: member.email, name: 'Dup', address: '', phoneNumber: '' }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await failure(client.wallet().retrieveMemberWallet(999_999))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(client.wallet().retrieveRemittance(999_999))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(client.installment().searchInstallments({ binNumber: '123456', price: 10, currency: Currency.USD }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await failure(client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [], size: 101 }))).description).toMatch(/^size:/);

    // A limit is 0 or below (how far below zero the wallet may go); wallet-limits.test.ts covers the rest.
    expect(await failure(client.wallet().updateMemberWallet(member.id, member.id, { negativeAmountLimit: 10 }))).toMatchObject({ code: 'VALIDATION_ERROR', description: expect.stringMatching(/^negativeAmountLimit: must be 0 or below/) });
    expect(await client.wallet().updateMemberWallet(member.id, member.id, { negativeAmountLimit: 0 })).toMatchObject({ id: member.id, negativeAmountLimit: 0 });
    expect(await failure(client.wallet().sendRemittance({ memberId: String(member.id), price: 5, currency: Currency.EUR, description: 'x' }))).toMatchObject({
      code: 'UNSUPPORTED',
    });
    const notJson = await signedFetch('POST', '/wallet/v1/remittances/send', undefined, {}, '{"price": 1,');
    expect(notJson).toEqual({ status: 400, json: { errors: { errorCode: 'VALIDATION_ERROR', errorDescription: 'body: is not valid JSON' } } });
    const noBody = await signedFetch('POST', '/wallet/v1/remittances/send', undefined);
    expect(noBody.json.errors.errorDescription).toMatch(/^body:/);

    const staffUser = await insertTestUser(db, 'staff');
    expect(await failure(client.onboarding().retrieveMember(staffUser.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets exactly the affordable ones of 50 concurrent wallet payments through', async () => {
    const member = await newMember();
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 100, currency: Currency.USD, description: 'Funds' });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.payment().createPayment(walletPayment(member.id, [3]))));
    const paid = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(paid).toHaveLength(33);
    expect(refused).toHaveLength(17);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(Craftgate.CraftgateError);
      // The platform's code and payment error group for a balance that does not cover the payment.
      expect(reason instanceof Craftgate.CraftgateError && [reason.getErrorCode(), reason.getErrorData()]).toEqual(['10051', { errorGroup: 'NOT_SUFFICIENT_FUNDS' }]);
    }
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(100);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('replays a retried request with the same Idempotency-Key and refuses the key for another body', async () => {
    const member = await newMember();
    const remittance = { memberId: String(member.id), price: 12.34, currency: 'USD', description: 'Retry me' };
    const first = await signedFetch('POST', '/wallet/v1/remittances/send', remittance, { 'Idempotency-Key': 'send-1' });
    const again = await signedFetch('POST', '/wallet/v1/remittances/send', remittance, { 'Idempotency-Key': 'send-1' });
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(1234);

    const other = await signedFetch('POST', '/wallet/v1/remittances/send', { ...remittance, price: 50 }, { 'Idempotency-Key': 'send-1' });
    expect(other).toEqual({ status: 409, json: { errors: { errorCode: 'IDEMPOTENCY_CONFLICT', errorDescription: expect.any(String) } } });

    const payment = walletPayment(member.id, [10]);
    const paid = await signedFetch('POST', '/payment/v1/card-payments', payment, { 'Idempotency-Key': 'pay-1' });
    const paidAgain = await signedFetch('POST', '/payment/v1/card-payments', payment, { 'Idempotency-Key': 'pay-1' });
    expect(paid.status).toBe(200);
    expect(paidAgain).toEqual(paid);
    const refused = await signedFetch('POST', '/payment/v1/card-payments', payment, { 'Idempotency-Key': 'pay-2' });
    expect(refused.status).toBe(422);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(234);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it("reads the merchant's own wallet and resets its balance to 0, whatever walletAmount says, as the platform does", async () => {
    const before = await client.wallet().retrieveMerchantMemberWallet();
    expect(before).toMatchObject({ currency: 'USD', negativeAmountLimit: 0 });
    expect(before.amount).toBe((await getBalance(db.read, { system: 'adjustments', currency: 'USD' })).posted / 100);

    const member = await newMember();
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 100.5, currency: Currency.USD, description: 'Gift' });
    expect(await client.wallet().retrieveMerchantMemberWallet()).toMatchObject({ amount: before.amount - 100.5 });
    // The platform's own tests reset with walletAmount -100 (Java WalletSample) and -5 (Python test_wallet_sample) and expect 0.
    expect(await client.wallet().resetMerchantMemberWalletBalance({ walletAmount: -100 })).toMatchObject({ amount: 0, withdrawalAmount: 0, currency: 'USD' });
    await client.wallet().receiveRemittance({ memberId: String(member.id), price: 0.5, currency: Currency.USD, description: 'Back' });
    expect((await client.wallet().retrieveMerchantMemberWallet()).amount).toBe(0.5);
    expect(await client.wallet().resetMerchantMemberWalletBalance({ walletAmount: 500 })).toMatchObject({ amount: 0 });
    expect(await client.wallet().resetMerchantMemberWalletBalance({ walletAmount: -5 })).toMatchObject({ amount: 0 });
    expect((await getBalance(db.read, { system: 'adjustments', currency: 'USD' })).posted).toBe(0);
    // Audited as the API's reset, in the key's staff member's name, with no sentence of Coffer's as its reason.
    const resets = await db.read.select().from(auditLog).where(eq(auditLog.action, 'wallet.reset_merchant_wallet'));
    expect(resets.map(({ actorId, amount, reason }) => ({ actorId, amount, reason }))).toEqual(
      resets.map(() => ({ actorId: staffId, amount: 0, reason: null })),
    );
    expect(resets.length).toBeGreaterThanOrEqual(2); // the two resets above that moved money (the third found 0)

    await client.wallet().sendRemittance({ memberId: String(member.id), price: 10, currency: Currency.USD, description: 'Beyond' });
    expect(await client.wallet().retrieveMerchantMemberWallet()).toMatchObject({ amount: -10, withdrawalAmount: 0 });
    // Members' wallets are not touched.
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 110 });
    expect((await failure(client.wallet().resetMerchantMemberWalletBalance({ walletAmount: 1.001 }))).description).toMatch(/^walletAmount:/);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refunds a card top-up to the card, never beyond what is left of it or what the wallet has', async () => {
    const member = await newMember();
    const deposit = await cardTopUp(member, 5000, 'demo');
    const wallet = client.wallet();
    expect(await wallet.retrieveRefundableAmountOfWalletTransaction(deposit)).toEqual({ refundableAmount: 50 });
    const topUps = await wallet.searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.DepositFromCard] });
    expect(topUps.items.map((each) => [each.id, each.amount])).toEqual([[deposit, 50]]);

    const first = await wallet.refundWalletTransaction(deposit, { refundPrice: 12.5 });
    expect(first).toMatchObject({ refundPrice: 12.5, walletTransactionId: deposit, refundStatus: 'SUCCESS', transactionType: 'PAYMENT', transactionId: (await getTransfer(db.read, deposit))?.paymentId });
    expect(await getTransfer(db.read, first.id)).toMatchObject({ kind: 'refund_deposit_to_card', state: 'posted', amount: 1250, relatedTransferId: deposit });
    expect(await wallet.retrieveRefundableAmountOfWalletTransaction(deposit)).toEqual({ refundableAmount: 37.5 });

    // Spending from the wallet lowers what can go back to the card.
    await client.payment().createPayment(walletPayment(member.id, [30]));
    expect(await wallet.retrieveRefundableAmountOfWalletTransaction(deposit)).toEqual({ refundableAmount: 7.5 });
    expect(await failure(wallet.refundWalletTransaction(deposit, { refundPrice: 7.51 }))).toMatchObject({ code: 'REFUND_EXCEEDS_REFUNDABLE' });
    await wallet.refundWalletTransaction(deposit, { refundPrice: 7.5 });
    expect(await wallet.retrieveRefundableAmountOfWalletTransaction(deposit)).toEqual({ refundableAmount: 0 });
    expect((await wallet.retrieveRefundWalletTransactions(deposit)).items.map((each) => [each.refundPrice, each.status])).toEqual([
      [12.5, 'SUCCESS'],
      [7.5, 'SUCCESS'],
    ]);
    expect(await wallet.retrieveMemberWallet(member.id)).toMatchObject({ amount: 0 });
    const refunds = await wallet.searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.RefundTransactionToCard] });
    expect(refunds.items.map((each) => each.amount)).toEqual([-7.5, -12.5]);

    // Only card top-ups go back to a card.
    const sent = await wallet.sendRemittance({ memberId: String(member.id), price: 5, currency: Currency.USD, description: 'Gift' });
    expect(await failure(wallet.retrieveRefundableAmountOfWalletTransaction(sent.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(wallet.refundWalletTransaction(sent.id, { refundPrice: 1 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('lets concurrent card refunds of one top-up through only up to its amount', async () => {
    const member = await newMember();
    const deposit = await cardTopUp(member, 2000, 'demo');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.wallet().refundWalletTransaction(deposit, { refundPrice: 3 })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(6);
    expect((await getBalance(db.read, { wallet: member.id, currency: 'USD' })).available).toBe(200);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('refunds a Stripe top-up through the Stripe Refund API on its payment intent', async () => {
    const member = await newMember();
    const deposit = await cardTopUp(member, 4000, 'stripe');
    const payment = await findPayment(db.read, (await getTransfer(db.read, deposit))?.paymentId ?? 0);
    const session = stripeStandIn.sessions.get(payment?.providerReference ?? '');
    const refund = await client.wallet().refundWalletTransaction(deposit, { refundPrice: 15 });
    expect(refund).toMatchObject({ refundPrice: 15, refundStatus: 'SUCCESS', transactionId: payment?.id });
    const atStripe = [...stripeStandIn.refunds.values()];
    expect(atStripe).toEqual([expect.objectContaining({ amount: 1500, payment_intent: session?.payment_intent, status: 'succeeded' })]);
    expect(stripeStandIn.requests.filter((each) => each.path === '/v1/refunds')).toEqual([
      expect.objectContaining({ method: 'POST', idempotencyKey: `wallet-refund:${refund.id}` }),
    ]);
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 25 });
    expect(await client.wallet().retrieveRefundableAmountOfWalletTransaction(deposit)).toEqual({ refundableAmount: 25 });

    // A retry with the same Idempotency-Key gets the same refund, and Stripe is asked once.
    const path = `/payment/v1/wallet-transactions/${deposit}/refunds`;
    const retried = await signedFetch('POST', path, { refundPrice: 5 }, { 'Idempotency-Key': 'card-refund-1' });
    expect(retried.json.data).toMatchObject({ refundPrice: 5, refundStatus: 'SUCCESS' });
    expect(await signedFetch('POST', path, { refundPrice: 5 }, { 'Idempotency-Key': 'card-refund-1' })).toEqual(retried);
    expect(stripeStandIn.refunds.size).toBe(2);

    // When Stripe refuses, the held money goes back to the wallet and the refund is listed as failed.
    stripeStandIn.refuseRefunds(true);
    try {
      expect(await failure(client.wallet().refundWalletTransaction(deposit, { refundPrice: 10 }))).toMatchObject({ code: 'PROVIDER_REFUND_FAILED' });
    } finally {
      stripeStandIn.refuseRefunds(false);
    }
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 20 });
    expect((await client.wallet().retrieveRefundWalletTransactions(deposit)).items.map((each) => [each.refundPrice, each.status])).toEqual([
      [15, 'SUCCESS'],
      [5, 'SUCCESS'],
      [10, 'FAILURE'],
    ]);
    expect(await client.wallet().retrieveRefundableAmountOfWalletTransaction(deposit)).toEqual({ refundableAmount: 20 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('credits a deposit by fund transfer at once (the merchant reports the money arrived), once per Idempotency-Key', async () => {
    const member = await newMember();
    const deposit = await client.payment().createFundTransferDepositPayment({ price: 25.5, buyerMemberId: member.id, conversationId: 'wire-1' });
    expect(deposit).toMatchObject({
      price: 25.5,
      currency: 'USD',
      buyerMemberId: member.id,
      conversationId: 'wire-1',
      walletTransaction: { walletTransactionType: 'DEPOSIT_FROM_FUND_TRANSFER', amount: 25.5, walletId: member.id },
    });
    const transfer = await getTransfer(db.read, deposit.walletTransaction.id);
    expect(transfer).toMatchObject({ kind: 'deposit_wire', state: 'posted', amount: 2550 });
    const payment = await findPayment(db.read, transfer?.paymentId ?? 0);
    expect(payment).toMatchObject({ provider: 'wire_transfer', purpose: 'top_up', state: 'done', transferId: transfer?.id, userId: member.id });
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 25.5 });
    // Nothing waits for staff: the shop's Pending Top-ups list does not show it.
    expect((await listPendingWireTopUps(db.read)).filter((each) => each.customerId === member.id)).toEqual([]);
    const wires = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.DepositFromFundTransfer] });
    expect(wires.items.map((each) => [each.id, each.amount])).toEqual([[deposit.walletTransaction.id, 25.5]]);

    expect((await failure(client.payment().createFundTransferDepositPayment({ price: 0.5, buyerMemberId: member.id }))).description).toMatch(/^price: The smallest top-up/);
    expect(await failure(client.payment().createFundTransferDepositPayment({ price: 5, buyerMemberId: 999_999 }))).toMatchObject({ code: 'NOT_FOUND' });
    // The same Idempotency-Key: the same reply, one credit; without one, each call is a deposit of its own.
    const body = { price: 10, buyerMemberId: member.id };
    const first = await signedFetch('POST', '/payment/v1/deposits/fund-transfer', body, { 'Idempotency-Key': 'wire-retry' });
    expect(first.status).toBe(200);
    expect(await signedFetch('POST', '/payment/v1/deposits/fund-transfer', body, { 'Idempotency-Key': 'wire-retry' })).toEqual(first);
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 35.5 });
    await client.payment().createFundTransferDepositPayment(body);
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 45.5 });
    // One key from two callers at once: one credit, one reply.
    const twins = await Promise.all([1, 2].map(() => signedFetch('POST', '/payment/v1/deposits/fund-transfer', { price: 4, buyerMemberId: member.id }, { 'Idempotency-Key': 'wire-twins' })));
    expect(twins[0]?.status).toBe(200);
    expect(twins[1]).toEqual(twins[0]);
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 49.5 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('checks the signature against the address the client used behind a proxy', async () => {
    const path = '/onboarding/v1/members?page=0&size=5';
    const publicUrl = `https://shop.example.com/api/craftgate${path}`;
    const rnd = 'proxy1';
    const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url: publicUrl });
    const headers = { 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature };
    const direct = await fetch(`${server.baseUrl}${path}`, { headers });
    expect(direct.status).toBe(401);
    const proxied = await fetch(`${server.baseUrl}${path}`, { headers: { ...headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example.com' } });
    expect(proxied.status).toBe(200);
  });
});
