// negativeAmountLimit through the platform's Node client (issue 18, platform semantics): the merchant
// sets a member wallet's overdraft limit (0 or below, major units, read exactly), every debit of the
// API respects it because it goes through the ledger, and lowering it below what is used is refused.
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDatabase } from '@/db';
import { auditLog } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, getWalletNegativeLimit, verifyLedger } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';

const db = getDatabase();
const { Currency, PaymentGroup } = Craftgate.Model;

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

let members = 0;
async function newMember(): Promise<number> {
  members += 1;
  const member = await client.onboarding().createMember({ memberExternalId: `limit-${members}`, name: `Limit ${members}`, email: `limit-${members}@example.com`, address: '', phoneNumber: '' });
  return member.id;
}

/** A member whose wallet may go `limit` (e.g. -10) below zero. */
async function memberWithLimit(limit: number): Promise<number> {
  const memberId = await newMember();
  expect(await client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: limit })).toMatchObject({ negativeAmountLimit: limit });
  return memberId;
}

const card = { cardHolderName: 'Ada Lovelace', cardNumber: '4242424242424242', expireYear: '2044', expireMonth: '07', cvc: '123' };

function walletPayment(buyerMemberId: number, price: number, withCard?: typeof card, walletPrice = price) {
  return { price, paidPrice: price, walletPrice, installment: 1 as const, buyerMemberId, currency: Currency.USD, paymentGroup: PaymentGroup.Product, items: [{ name: 'Item', price }], ...(withCard ? { card: withCard } : {}) };
}

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

/** A PUT signed as the Node client signs it, with a body written by hand (a number the client would round). */
async function signedPut(path: string, rawBody: string) {
  const url = `${server.baseUrl}${path}`;
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: rawBody });
  const response = await fetch(url, {
    method: 'PUT',
    body: rawBody,
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature },
  });
  return { status: response.status, json: await response.json() };
}

const limitOf = (memberId: number) => getWalletNegativeLimit(db.read, { wallet: memberId, currency: 'USD' });
const available = async (memberId: number) => (await getBalance(db.read, { wallet: memberId, currency: 'USD' })).available;
const notSufficient = { code: '10051', group: 'NOT_SUFFICIENT_FUNDS' };

describe('negativeAmountLimit', () => {
  it('is set by updateMemberWallet and createMemberWallet and reported by every wallet response', async () => {
    const memberId = await newMember();
    expect(await client.wallet().retrieveMemberWallet(memberId)).toMatchObject({ negativeAmountLimit: 0 });
    const updated = await client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: -10 });
    expect(updated).toMatchObject({ id: memberId, memberId, amount: 0, withdrawalAmount: 0, negativeAmountLimit: -10, currency: 'USD' });
    expect(await client.wallet().retrieveMemberWallet(memberId)).toMatchObject({ negativeAmountLimit: -10 });
    expect(await limitOf(memberId)).toBe(1000);
    // Staff read who gave the overdraft in the audit log: the API key's staff member.
    expect(await db.read.select({ action: auditLog.action, amount: auditLog.amount }).from(auditLog).where(eq(auditLog.subjectUserId, memberId))).toEqual([
      { action: 'wallet.overdraft_limit', amount: 1000 },
    ]);

    expect(await client.wallet().createMemberWallet(memberId, { negativeAmountLimit: -2.5, currency: Currency.USD })).toMatchObject({ negativeAmountLimit: -2.5 });
    expect(await limitOf(memberId)).toBe(250);
    expect(await client.wallet().createMemberWallet(memberId, { negativeAmountLimit: 0, currency: Currency.USD })).toMatchObject({ negativeAmountLimit: 0 });
    expect(await limitOf(memberId)).toBe(0);
  });

  // Read through the number's shortest decimal text, never multiplied: 0.29 × 100 is 28.999999999999996.
  it.each([
    ['-10', 1000],
    ['-10.01', 1001],
    ['-0.29', 29],
    ['-0.07', 7],
    ['-1.1', 110],
    ['-4.35', 435],
    ['-1234567.89', 123456789],
    ['0', 0],
    ['-0', 0],
  ])('reads negativeAmountLimit %s as %i cents', async (text, cents) => {
    const memberId = await newMember();
    const reply = await signedPut(`/wallet/v1/members/${memberId}/wallets/${memberId}`, `{"negativeAmountLimit":${text}}`);
    expect(reply.status).toBe(200);
    expect(await limitOf(memberId)).toBe(cents);
    expect(reply.json.data.negativeAmountLimit).toBe(cents === 0 ? 0 : -cents / 100);
  });

  it.each([
    ['5', /^negativeAmountLimit: must be 0 or below/],
    ['0.01', /^negativeAmountLimit: must be 0 or below/],
    ['-10.001', /^negativeAmountLimit: USD amounts have at most 2 decimals/],
    ['-1e21', /^negativeAmountLimit: Enter at most/],
    ['"-10"', /^negativeAmountLimit:/],
    ['null', /^negativeAmountLimit:/],
  ])('refuses negativeAmountLimit %s with a 400 naming it', async (text, description) => {
    const memberId = await newMember();
    const reply = await signedPut(`/wallet/v1/members/${memberId}/wallets/${memberId}`, `{"negativeAmountLimit":${text}}`);
    expect(reply).toEqual({ status: 400, json: { errors: { errorCode: 'VALIDATION_ERROR', errorDescription: expect.stringMatching(description) } } });
    expect(await limitOf(memberId)).toBe(0);
  });

  it('answers 404 for another member’s wallet id or an unknown member', async () => {
    const memberId = await newMember();
    expect(await failure(client.wallet().updateMemberWallet(memberId, memberId + 1000, { negativeAmountLimit: -10 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(client.wallet().updateMemberWallet(999_999, 999_999, { negativeAmountLimit: -10 }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await limitOf(memberId)).toBe(0);
  });

  it('lets a wallet payment take an empty wallet to -10.00, not -10.01', async () => {
    const memberId = await memberWithLimit(-10);
    expect(await failure(client.payment().createPayment(walletPayment(memberId, 10.01)))).toMatchObject(notSufficient);
    expect(await client.payment().createPayment(walletPayment(memberId, 10))).toMatchObject({ paymentType: 'WALLET_PAYMENT', paymentStatus: 'SUCCESS', walletPrice: 10 });
    expect(await client.wallet().retrieveMemberWallet(memberId)).toMatchObject({ amount: -10, withdrawalAmount: 0, negativeAmountLimit: -10 });
    expect(await failure(client.payment().createPayment(walletPayment(memberId, 0.01)))).toMatchObject(notSufficient);
  });

  it('lets the wallet part of a card and wallet payment use the limit, not more', async () => {
    const memberId = await memberWithLimit(-10);
    expect(await failure(client.payment().createPayment(walletPayment(memberId, 30, card, 10.01)))).toMatchObject(notSufficient);
    expect(await available(memberId)).toBe(0);
    expect(await client.payment().createPayment(walletPayment(memberId, 30, card, 10))).toMatchObject({ paymentType: 'CARD_AND_WALLET_PAYMENT', paymentStatus: 'SUCCESS' });
    expect(await available(memberId)).toBe(-1000);
  });

  it('lets the merchant receive a remittance down to the limit, not beyond', async () => {
    const memberId = await memberWithLimit(-10);
    const receive = (price: number) => client.wallet().receiveRemittance({ memberId: String(memberId), price, currency: Currency.USD, description: 'Back to the shop' });
    expect(await failure(receive(10.01))).toMatchObject(notSufficient);
    expect(await receive(10)).toMatchObject({ price: 10 });
    expect(await available(memberId)).toBe(-1000);
  });

  it('refuses to lower the limit below what the wallet already uses, with a 400 naming negativeAmountLimit', async () => {
    const memberId = await memberWithLimit(-10);
    await client.payment().createPayment(walletPayment(memberId, 7.5));
    const refused = await failure(client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: -7.49 }));
    expect(refused).toEqual({ code: 'VALIDATION_ERROR', description: "negativeAmountLimit: the wallet's available amount is -7.5 USD: the limit cannot be above -7.5" });
    expect(await failure(client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: 0 }))).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await limitOf(memberId)).toBe(1000);
    expect(await client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: -7.5 })).toMatchObject({ amount: -7.5, negativeAmountLimit: -7.5 });
    expect(await failure(client.payment().createPayment(walletPayment(memberId, 0.01)))).toMatchObject(notSufficient);
    // Raising it is always fine; once the wallet is back above zero, 0 is too.
    expect(await client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: -100 })).toMatchObject({ negativeAmountLimit: -100 });
    await client.payment().createFundTransferDepositPayment({ price: 10, buyerMemberId: memberId });
    expect(await client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: 0 })).toMatchObject({ amount: 2.5, withdrawalAmount: 2.5, negativeAmountLimit: 0 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('lets concurrent payments take the wallet to the limit and no further', async () => {
    const memberId = await memberWithLimit(-10);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.payment().createPayment(walletPayment(memberId, 3))));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    for (const result of results) {
      if (result.status === 'rejected') expect(await failure(Promise.reject(result.reason))).toMatchObject(notSufficient);
    }
    expect(await client.wallet().retrieveMemberWallet(memberId)).toMatchObject({ amount: -9 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('never lets a lowered limit and a payment racing it both pass', async () => {
    for (let round = 0; round < 4; round += 1) {
      const memberId = await memberWithLimit(-10);
      const [paid, lowered] = await Promise.allSettled([
        client.payment().createPayment(walletPayment(memberId, 6)),
        client.wallet().updateMemberWallet(memberId, memberId, { negativeAmountLimit: -5 }),
      ]);
      expect(paid.status === 'fulfilled').toBe(lowered.status === 'rejected');
      expect(await limitOf(memberId)).toBe(lowered.status === 'fulfilled' ? 500 : 1000);
      expect(await available(memberId)).toBe(paid.status === 'fulfilled' ? -600 : 0);
    }
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
