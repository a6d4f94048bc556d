// Issue 18, tests: every money-moving endpoint of the merchant API under concurrency, on either
// engine (COFFER_TEST_ENGINE). Three kinds of race, each table-driven:
// - N requests at once against one wallet that covers (or may take in) only some of them: exactly
//   those succeed, the rest get the endpoint's refusal, the wallet never passes its limit, the
//   ledger verifies;
// - one Idempotency-Key from two callers at once (each signs anew, so both pass the replay
//   check), on two app servers: the money moves once and both get the same reply;
// - refunds of every kind racing on one payment: never more than was paid, each share to its
//   source once.
// Requests alternate between two servers. On PostgreSQL each has a Database of its own (its own
// pool on the same database), as two app servers would. On SQLite both share the one handle: a
// second handle in the same process would block the event loop waiting for the file's write lock;
// two processes on one SQLite file are tested in test/reliability/two-servers.test.ts.
import crypto from 'node:crypto';
import { calculateSignature } from '@craftgate/craftgate/dist/lib/utils';
import { and, count, eq, gt, inArray, max, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import type { Database } from '@/db/database';
import { openPostgresDatabase } from '@/db/postgres/engine';
import { apiPaymentRefunds, ledgerAccounts, ledgerTransfers, payments, withdrawals } from '@/db/schema';
import { refundShares } from '@/lib/api/refund-records';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { toMajor, toMinor } from '@/lib/api/amounts';
import { accountCode, getBalance, getWalletNegativeLimit, postTransfer, setWalletNegativeLimit, verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';

const onPostgres = process.env.COFFER_TEST_ENGINE === 'postgres';
const db = getDatabase();
let other: Database;
let servers: TestServer[] = [];
let key: NewApiKey;

beforeAll(async () => {
  other = onPostgres ? openPostgresDatabase(process.env.DATABASE_URL ?? '') : db;
  servers = await Promise.all([startApiServer({ database: () => db }), startApiServer({ database: () => other })]);
  key = await createApiKey(db, { name: 'Concurrency', staffId: (await insertTestUser(db, 'staff')).id });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  if (other !== db) await other.close();
});

type Call = { method?: 'POST' | 'PUT'; path: string; body: unknown };
type Reply = { status: number; text: string; data: Record<string, unknown> | undefined; code: string | undefined; group: string | undefined };

/** Sends a call to server `index % 2`, signed as the platform's client signs it (a new x-rnd-key each time). */
async function send(index: number, call: Call, headers: Record<string, string> = {}): Promise<Reply> {
  const server = servers[index % servers.length];
  if (!server) throw new Error('No server.');
  const url = `${server.baseUrl}${call.path}`;
  const text = JSON.stringify(call.body);
  const rnd = crypto.randomUUID();
  const signature = calculateSignature({ apiKey: key.apiKey, secretKey: key.secretKey, randomStr: rnd, url, body: text });
  const response = await fetch(url, {
    method: call.method ?? 'POST',
    body: text,
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  });
  const answer = await response.text();
  const json = JSON.parse(answer) as { data?: Record<string, unknown>; errors?: { errorCode: string; errorGroup?: string } };
  return { status: response.status, text: answer, data: json.data, code: json.errors?.errorCode, group: json.errors?.errorGroup };
}

/** All calls at once, alternating between the two servers. */
const sendAll = (calls: Call[], headers: (index: number) => Record<string, string> = () => ({})) => Promise.all(calls.map((call, index) => send(index, call, headers(index))));

async function ok(call: Call): Promise<Record<string, unknown>> {
  const reply = await send(0, call);
  expect(reply.status, reply.text).toBe(200);
  return reply.data ?? {};
}

const USD = 'USD';
/** A JSON amount of a reply in minor units, read as the API reads amounts (exact, or it throws). */
const cents = (major: number) => toMinor(major, USD, 'amount', { allowZero: true });
const wallet = (memberId: number) => ({ wallet: memberId, currency: USD });
const balanceOf = (memberId: number) => getBalance(db.read, wallet(memberId));
const merchantPosted = async () => (await getBalance(db.read, { system: 'adjustments', currency: USD })).posted;

let fundings = 0;
/** A member (a customer) whose wallet got `amount` minor units by card (a posted deposit_card transfer: refundable to the card) and an overdraft limit. */
async function member(amount = 0, negativeLimit = 0): Promise<{ id: number; depositId: number }> {
  const { id } = await insertTestUser(db);
  let depositId = 0;
  if (amount > 0) {
    fundings += 1;
    const idempotencyKey = `concurrency-fund-${fundings}`;
    const { transfer } = await db.write((tx) =>
      postTransfer(tx, {
        debit: { system: 'card_clearing', currency: USD },
        credit: wallet(id),
        amount,
        currency: USD,
        kind: 'deposit_card',
        idempotencyKey,
        description: { code: 'text', params: { text: 'Funds for a concurrency test' } },
      }),
    );
    depositId = transfer.id;
  }
  if (negativeLimit > 0) await db.write((tx) => setWalletNegativeLimit(tx, wallet(id), negativeLimit));
  return { id, depositId };
}

/** How many ledger transfers touch this member's wallet (any kind, any state). */
async function walletTransfers(memberId: number): Promise<number> {
  const [account] = await db.read.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.code, accountCode(wallet(memberId))));
  if (!account) return 0;
  const [row] = await db.read
    .select({ n: count() })
    .from(ledgerTransfers)
    .where(or(eq(ledgerTransfers.debitAccountId, account.id), eq(ledgerTransfers.creditAccountId, account.id)));
  return row?.n ?? 0;
}

async function expectLedgerBalanced() {
  const verification = await verifyLedger(db.read);
  expect(verification.problems).toEqual([]);
  expect(verification.ok).toBe(true);
  for (const total of Object.values(verification.totalsByCurrency)) expect(total).toBe(0);
}

const card = { cardHolderName: 'Haluk Demir', cardNumber: '5258640000000001', expireYear: '2044', expireMonth: '07', cvc: '000' };

/** A payment of `prices` (major units), `walletPrice` of it from the wallet, the rest by card (none: a card-only payment without a member). */
function payment(buyerMemberId: number | undefined, prices: number[], walletPrice: number): Call {
  const price = toMajor(prices.reduce((sum, each) => sum + cents(each), 0), USD);
  const byCard = walletPrice < price;
  return {
    path: '/payment/v1/card-payments',
    body: {
      price,
      paidPrice: price,
      walletPrice,
      installment: 1,
      ...(buyerMemberId === undefined ? {} : { buyerMemberId }),
      currency: USD,
      paymentGroup: 'PRODUCT',
      ...(byCard ? { card } : {}),
      items: prices.map((each, index) => ({ name: `Item ${index + 1}`, externalId: `sku-${index + 1}`, price: each })),
    },
  };
}

const receive = (memberId: number, price: number): Call => ({ path: '/wallet/v1/remittances/receive', body: { memberId, price, currency: USD, description: 'Taken back' } });
const sendMoney = (memberId: number, price: number): Call => ({ path: '/wallet/v1/remittances/send', body: { memberId, price, description: 'Credit' } });
const withdraw = (memberId: number, price: number): Call => ({ path: '/wallet/v1/withdraws', body: { memberId, price, description: 'Payout', currency: USD } });
const refundToCard = (depositId: number, refundPrice: number): Call => ({ path: `/payment/v1/wallet-transactions/${depositId}/refunds`, body: { refundPrice } });
const fundTransfer = (buyerMemberId: number, price: number): Call => ({ path: '/payment/v1/deposits/fund-transfer', body: { price, buyerMemberId } });
const cardDeposit = (buyerMemberId: number, price: number): Call => ({ path: '/payment/v1/deposits', body: { price, buyerMemberId, currency: USD, card } });
const reset: Call = { path: '/wallet/v1/merchants/me/wallet/reset-balance', body: { walletAmount: 0 } };
const setLimit = (memberId: number, negativeAmountLimit: number): Call => ({ method: 'PUT', path: `/wallet/v1/members/${memberId}/wallets/${memberId}`, body: { negativeAmountLimit } });
const refundPayment = (paymentId: number, refundDestinationType: 'WALLET' | 'PROVIDER'): Call => ({ path: '/payment/v1/refunds', body: { paymentId, refundDestinationType } });
const refundItem = (paymentTransactionId: number, refundPrice: number, refundDestinationType: 'WALLET' | 'PROVIDER'): Call => ({
  path: '/payment/v1/refund-transactions',
  body: { paymentTransactionId, refundPrice, refundDestinationType },
});

const NOT_SUFFICIENT = { status: 422, code: '10051', group: 'NOT_SUFFICIENT_FUNDS' };
const WALLET_LIMIT = { status: 422, code: 'WALLET_LIMIT_EXCEEDED', group: undefined };
const EXCEEDS_REFUNDABLE = { status: 422, code: 'REFUND_EXCEEDS_REFUNDABLE', group: undefined };

const N = 12;

type Crowd = {
  name: string;
  /** Balance (minor units) and overdraft limit (minor units, positive) the wallet starts with. */
  funds: number;
  limit?: number;
  /** The shop's maxWalletBalance while the requests run. */
  cap?: number;
  /** One of the N requests, given the member. */
  call: (member: { id: number; depositId: number }) => Call;
  succeed: number;
  refusal: { status: number; code: string; group: string | undefined };
  /** The wallet afterwards (minor units). */
  after: { available: number; posted?: number; held?: number };
};

const crowds: Crowd[] = [
  { name: 'wallet payments (WALLET_PAYMENT)', funds: 1000, call: (m) => payment(m.id, [3], 3), succeed: 3, refusal: NOT_SUFFICIENT, after: { available: 100, posted: 100 } },
  { name: 'card and wallet payments (their wallet parts)', funds: 1000, call: (m) => payment(m.id, [5], 3), succeed: 3, refusal: NOT_SUFFICIENT, after: { available: 100, posted: 100, held: 0 } },
  { name: 'wallet payments into an overdraft limit of -10', funds: 500, limit: 1000, call: (m) => payment(m.id, [3], 3), succeed: 5, refusal: NOT_SUFFICIENT, after: { available: -1000 } },
  { name: 'remittance receives', funds: 1000, call: (m) => receive(m.id, 3), succeed: 3, refusal: NOT_SUFFICIENT, after: { available: 100, posted: 100 } },
  { name: 'remittance receives into an overdraft limit of -10', funds: 0, limit: 1000, call: (m) => receive(m.id, 3), succeed: 3, refusal: NOT_SUFFICIENT, after: { available: -900 } },
  // Withdrawals never draw on the overdraft limit.
  { name: 'withdrawals (the limit of -10 is not drawn on)', funds: 1000, limit: 1000, call: (m) => withdraw(m.id, 3), succeed: 3, refusal: NOT_SUFFICIENT, after: { available: 100, posted: 1000, held: 900 } },
  // The card top-up was 20.00; 11.00 of it spent, so the wallet bounds the refund, not the deposit.
  { name: 'refunds of a card top-up to the card, bounded by the wallet', funds: 2000, call: (m) => refundToCard(m.depositId, 2), succeed: 4, refusal: EXCEEDS_REFUNDABLE, after: { available: 100, posted: 100 } },
  { name: 'remittance sends under a maximum wallet balance of 10', funds: 0, cap: 1000, call: (m) => sendMoney(m.id, 3), succeed: 3, refusal: WALLET_LIMIT, after: { available: 900, posted: 900 } },
  { name: 'fund-transfer deposits under a maximum wallet balance of 10', funds: 0, cap: 1000, call: (m) => fundTransfer(m.id, 3), succeed: 3, refusal: WALLET_LIMIT, after: { available: 900, posted: 900 } },
];

describe('N requests at once against one wallet: exactly the covered ones succeed, on two servers', () => {
  it.each(crowds)('$name', async (crowd) => {
    const m = await member(crowd.funds, crowd.limit);
    // The top-up whose refunds are raced is partly spent first.
    if (crowd.name.startsWith('refunds of a card top-up')) await ok(receive(m.id, 11));
    if (crowd.cap !== undefined) await db.write((tx) => updateSettings(tx, { maxWalletBalance: crowd.cap }));
    let replies: Reply[];
    try {
      replies = await sendAll(Array.from({ length: N }, () => crowd.call(m)));
    } finally {
      if (crowd.cap !== undefined) await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000_000_000_000 }));
    }
    const succeeded = replies.filter((reply) => reply.status === 200);
    const refused = replies.filter((reply) => reply.status !== 200);
    expect(succeeded, JSON.stringify(refused[0])).toHaveLength(crowd.succeed);
    for (const reply of refused) expect({ status: reply.status, code: reply.code, group: reply.group }, reply.text).toEqual(crowd.refusal);
    const balance = await balanceOf(m.id);
    expect(balance).toMatchObject(crowd.after);
    expect(balance.available).toBeGreaterThanOrEqual(-(crowd.limit ?? 0));
    if (crowd.cap !== undefined) expect(balance.posted + balance.pendingIncoming).toBeLessThanOrEqual(crowd.cap);
    await expectLedgerBalanced();
  });

  it('card deposits: all twelve are credited, each once (a card deposit has no balance to run out of)', async () => {
    const m = await member();
    const replies = await sendAll(Array.from({ length: N }, () => cardDeposit(m.id, 3)));
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    const transferIds = replies.map((reply) => (reply.data?.walletTransaction as { id: number }).id);
    expect(new Set(transferIds).size).toBe(N);
    expect(await balanceOf(m.id)).toMatchObject({ posted: N * 300, available: N * 300 });
    expect(await walletTransfers(m.id)).toBe(N);
    await expectLedgerBalanced();
  });

  it('overdraft limit updates racing payments: the wallet never ends below the limit it has', async () => {
    const m = await member(0, 1000);
    // Six payments of 3.00 and six updates to -3 at once: a payment that commits first keeps the
    // limit at -10 (the update is refused), an update that commits first refuses the payments beyond -3.
    const calls = Array.from({ length: N }, (_, index) => (index % 2 === 0 ? payment(m.id, [3], 3) : setLimit(m.id, -3)));
    const replies = await sendAll(calls);
    const paid = replies.filter((reply, index) => index % 2 === 0 && reply.status === 200).length;
    const lowered = replies.filter((reply, index) => index % 2 === 1 && reply.status === 200).length;
    for (const [index, reply] of replies.entries()) {
      if (reply.status === 200) continue;
      if (index % 2 === 0) expect({ status: reply.status, code: reply.code, group: reply.group }).toEqual(NOT_SUFFICIENT);
      else expect({ status: reply.status, code: reply.code }, reply.text).toEqual({ status: 400, code: 'VALIDATION_ERROR' });
    }
    const limit = await getWalletNegativeLimit(db.read, wallet(m.id));
    const { available } = await balanceOf(m.id);
    expect(available).toBe(-300 * paid);
    expect(available).toBeGreaterThanOrEqual(-limit);
    expect(limit).toBe(lowered > 0 ? 300 : 1000);
    expect(paid).toBeGreaterThanOrEqual(1);
    expect(paid).toBeLessThanOrEqual(3);
    await expectLedgerBalanced();
  });

  it('merchant resets at once move the difference once: the merchant wallet ends at 0, moved by exactly what it was', async () => {
    await ok(reset);
    const m = await member();
    await ok(sendMoney(m.id, 25));
    expect(await merchantPosted()).toBe(-2500);
    const [last] = await db.read.select({ id: max(ledgerTransfers.id) }).from(ledgerTransfers);
    const resets = await sendAll(Array.from({ length: N }, () => reset));
    for (const reply of resets) expect({ status: reply.status, amount: reply.data?.amount }, reply.text).toEqual({ status: 200, amount: 0 });
    expect(await merchantPosted()).toBe(0);
    // One transfer of exactly the difference; the resets that read the balance before it committed moved nothing.
    const moved = await db.read
      .select({ amount: ledgerTransfers.amount, state: ledgerTransfers.state })
      .from(ledgerTransfers)
      .where(and(eq(ledgerTransfers.kind, 'balance_reset'), gt(ledgerTransfers.id, last?.id ?? 0)));
    expect(moved).toEqual([{ amount: 2500, state: 'posted' }]);
    expect(await balanceOf(m.id)).toMatchObject({ posted: 2500 });
    await expectLedgerBalanced();
  });

  it('merchant resets racing remittance sends: every reset answers 0 and the wallet ends a whole number of sends below 0', async () => {
    await ok(reset);
    const m = await member();
    const calls = Array.from({ length: N }, (_, index) => (index % 2 === 0 ? reset : sendMoney(m.id, 2)));
    const replies = await sendAll(calls);
    for (const [index, reply] of replies.entries()) {
      expect(reply.status, reply.text).toBe(200);
      if (index % 2 === 0) expect(reply.data?.amount).toBe(0);
    }
    const posted = await merchantPosted();
    expect(Math.abs(posted) % 200).toBe(0);
    expect(posted).toBeGreaterThanOrEqual(-200 * (N / 2));
    expect(posted).toBeLessThanOrEqual(0);
    expect(await balanceOf(m.id)).toMatchObject({ posted: 200 * (N / 2) });
    await expectLedgerBalanced();
  });
});

type Twin = {
  name: string;
  /** Sets the scene; returns the call both callers send and what must hold afterwards. */
  setup: () => Promise<{ call: Call; memberId?: number; available?: number; walletTransfers?: number; extra?: () => Promise<void> }>;
};

/** A paid card and wallet payment of 20.00 (8.00 from the wallet, 12.00 by card) over two items of 12.00 and 8.00. */
async function paidCardAndWallet(): Promise<{ memberId: number; paymentId: number; items: number[] }> {
  const m = await member(800);
  const paid = await ok(payment(m.id, [12, 8], 8));
  const items = (paid.paymentTransactions as { id: number }[]).map((each) => each.id);
  return { memberId: m.id, paymentId: paid.id as number, items };
}

const demoPaymentsOf = async (memberId: number) => (await db.read.select({ id: payments.id }).from(payments).where(and(eq(payments.userId, memberId), eq(payments.provider, 'demo')))).length;

// Where the wallet covers the amount exactly once, a second run of the same request would be refused:
// both callers must still get the one success.
const twins: Twin[] = [
  { name: 'remittance send', setup: async () => { const m = await member(); return { call: sendMoney(m.id, 5), memberId: m.id, available: 500, walletTransfers: 1 }; } },
  // The wallet covers the amount twice, so the second caller's run is not refused: it finds the first's transfer (see the known race below for exactly once).
  { name: 'remittance receive', setup: async () => { const m = await member(1000); return { call: receive(m.id, 5), memberId: m.id, available: 500, walletTransfers: 2 }; } },
  { name: 'merchant reset-balance', setup: async () => { const m = await member(); await ok(sendMoney(m.id, 3)); return { call: reset, extra: async () => expect(await merchantPosted()).toBe(0) }; } },
  { name: 'wallet payment of the whole balance', setup: async () => { const m = await member(500); return { call: payment(m.id, [5], 5), memberId: m.id, available: 0, walletTransfers: 2 }; } },
  { name: 'card payment (no wallet)', setup: async () => { const m = await member(); return { call: payment(m.id, [7], 0), memberId: m.id, available: 0, walletTransfers: 0, extra: async () => expect(await demoPaymentsOf(m.id)).toBe(1) }; } },
  { name: 'card and wallet payment taking the whole balance', setup: async () => { const m = await member(300); return { call: payment(m.id, [5], 3), memberId: m.id, available: 0, walletTransfers: 2, extra: async () => expect(await demoPaymentsOf(m.id)).toBe(1) }; } },
  { name: 'refundPayment to PROVIDER', setup: async () => { const p = await paidCardAndWallet(); return { call: refundPayment(p.paymentId, 'PROVIDER'), memberId: p.memberId, available: 800, walletTransfers: 3 }; } },
  { name: 'refundPayment to WALLET', setup: async () => { const p = await paidCardAndWallet(); return { call: refundPayment(p.paymentId, 'WALLET'), memberId: p.memberId, available: 2000, walletTransfers: 3 }; } },
  { name: 'refundPaymentTransaction to PROVIDER', setup: async () => { const p = await paidCardAndWallet(); return { call: refundItem(p.items[0] ?? 0, 10, 'PROVIDER'), memberId: p.memberId, available: 280, walletTransfers: 3 }; } },
  { name: 'refundPaymentTransaction to WALLET', setup: async () => { const p = await paidCardAndWallet(); return { call: refundItem(p.items[0] ?? 0, 10, 'WALLET'), memberId: p.memberId, available: 1000, walletTransfers: 3 }; } },
  { name: 'fund-transfer deposit', setup: async () => { const m = await member(); return { call: fundTransfer(m.id, 4), memberId: m.id, available: 400, walletTransfers: 1 }; } },
  { name: 'card deposit', setup: async () => { const m = await member(); return { call: cardDeposit(m.id, 4), memberId: m.id, available: 400, walletTransfers: 1 }; } },
  { name: 'refund of part of a top-up to the card', setup: async () => { const m = await member(1000); return { call: refundToCard(m.depositId, 5), memberId: m.id, available: 500, walletTransfers: 2 }; } },
  {
    name: 'withdrawal of the whole balance',
    setup: async () => {
      const m = await member(500);
      return { call: withdraw(m.id, 5), memberId: m.id, available: 0, walletTransfers: 2, extra: async () => expect(await db.read.select().from(withdrawals).where(eq(withdrawals.userId, m.id))).toHaveLength(1) };
    },
  },
  {
    name: 'negativeAmountLimit update',
    setup: async () => {
      const m = await member();
      return { call: setLimit(m.id, -7.5), memberId: m.id, available: 0, walletTransfers: 0, extra: async () => expect(await getWalletNegativeLimit(db.read, wallet(m.id))).toBe(750) };
    },
  },
];

const ROUNDS = 3;
let twinKeys = 0;

describe('one Idempotency-Key from two callers at once, on two servers: the money moves once, both get the same reply', () => {
  it.each(twins)('$name', async (twin) => {
    // A few rounds at once, each a scene of its own with a key of its own, to give the race its chances.
    const scenes = await Promise.all(Array.from({ length: ROUNDS }, () => twin.setup()));
    const answers = await Promise.all(
      scenes.map((scene) => {
        twinKeys += 1;
        const idempotencyKey = `twin-${twinKeys}`;
        return Promise.all([0, 1].map((index) => send(index, scene.call, { 'Idempotency-Key': idempotencyKey })));
      }),
    );
    for (const [round, [first, second]] of answers.entries()) {
      const scene = scenes[round];
      expect(first?.status, `${twin.name}, round ${round}: ${first?.text}`).toBe(200);
      expect(second?.text, `${twin.name}, round ${round}`).toBe(first?.text);
      expect(second?.status).toBe(200);
      if (scene?.memberId !== undefined) {
        if (scene.available !== undefined) expect((await balanceOf(scene.memberId)).available, `${twin.name}, round ${round}`).toBe(scene.available);
        if (scene.walletTransfers !== undefined) expect(await walletTransfers(scene.memberId), `${twin.name}, round ${round}`).toBe(scene.walletTransfers);
      }
      await scene?.extra?.();
    }
    await expectLedgerBalanced();
  });
});

// KNOWN RACE (PostgreSQL; /tmp/coffer-registry.md "concurrency findings"): on an `own` route the
// second caller of an Idempotency-Key that is still in progress runs the work again
// (lib/api/idempotency.ts onceForKeyAsync). On PostgreSQL its ledger key lookup can miss the first
// caller's transfer (not committed yet); its account UPDATE then waits for the first caller's row
// lock and, once that commits, the guard (or the refund's bound) would refuse the money the twin
// already moved. The ledger (lib/ledger/transfers.ts recordTransfer) and the refund to the card
// (lib/api/wallet-card-refunds.ts) look for the key again before refusing and replay the twin's
// transfer instead. Found by this test (1 round in 10 to 1 in 3 failed before the fix).
const tightTwins: Twin[] = [
  { name: 'remittance receive of the whole balance', setup: async () => { const m = await member(500); return { call: receive(m.id, 5), memberId: m.id, available: 0, walletTransfers: 2 }; } },
  { name: 'remittance send up to the maximum wallet balance', setup: async () => { const m = await member(9500); return { call: sendMoney(m.id, 5), memberId: m.id, available: 10_000, walletTransfers: 2 }; } },
  { name: 'refund of the whole top-up to the card', setup: async () => { const m = await member(500); return { call: refundToCard(m.depositId, 5), memberId: m.id, available: 0, walletTransfers: 2 }; } },
];

describe('one Idempotency-Key from two callers when the wallet can take the amount only once (own routes)', () => {
  it('both callers are told of the one movement that happened, never a refusal while the money moved', async () => {
    await db.write((tx) => updateSettings(tx, { maxWalletBalance: 10_000 }));
    const wrong: string[] = [];
    try {
      // On PostgreSQL the race shows in roughly 1 round in 10 (receive, send) to 1 in 3 (refund to the card): up to 48 rounds each.
      for (let batch = 0; batch < (onPostgres ? 4 : 1) && wrong.length === 0; batch += 1) {
        for (const twin of tightTwins) {
          const scenes = await Promise.all(Array.from({ length: 12 }, () => twin.setup()));
          const answers = await Promise.all(
            scenes.map((scene) => {
              twinKeys += 1;
              const idempotencyKey = `tight-twin-${twinKeys}`;
              return Promise.all([0, 1].map((index) => send(index, scene.call, { 'Idempotency-Key': idempotencyKey })));
            }),
          );
          for (const [round, pair] of answers.entries()) {
            const scene = scenes[round];
            if (!scene?.memberId) continue;
            // The money moved exactly once, whatever the replies say.
            expect((await balanceOf(scene.memberId)).available).toBe(scene.available);
            expect(await walletTransfers(scene.memberId)).toBe(scene.walletTransfers);
            const replies = pair.map((reply) => `${reply.status} ${reply.code ?? ''}`);
            if (replies.some((reply) => reply !== '200 ')) wrong.push(`${twin.name}: ${replies.join(' / ')} although the money moved`);
          }
        }
      }
    } finally {
      await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000_000_000_000 }));
    }
    expect(wrong).toEqual([]);
    await expectLedgerBalanced();
  });
});

describe('refunds of every kind racing on one card and wallet payment', () => {
  it('never refunds more than was paid, each share to its source once; what is left refunds to exactly the price', async () => {
    const p = await paidCardAndWallet();
    const [first, second] = p.items;
    const salesBefore = (await getBalance(db.read, { system: 'sales', currency: USD })).posted;
    const clearingBefore = (await getBalance(db.read, { system: 'card_clearing', currency: USD })).posted;
    const walletBefore = (await balanceOf(p.memberId)).available;
    const calls: Call[] = [
      refundPayment(p.paymentId, 'PROVIDER'),
      refundPayment(p.paymentId, 'WALLET'),
      refundItem(first ?? 0, 3, 'PROVIDER'),
      refundItem(first ?? 0, 3, 'WALLET'),
      refundItem(second ?? 0, 3, 'PROVIDER'),
      refundItem(second ?? 0, 3, 'WALLET'),
    ];
    const replies = await sendAll([...calls, ...calls]);
    for (const reply of replies) {
      if (reply.status === 200) continue;
      expect(reply.status, reply.text).toBe(422);
      expect(['NOTHING_TO_REFUND', 'REFUND_EXCEEDS_REFUNDABLE']).toContain(reply.code);
    }
    const succeeded = replies.filter((reply) => reply.status === 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    const answered = succeeded.reduce((sum, reply) => sum + cents(reply.data?.refundPrice as number), 0);
    for (const reply of succeeded) {
      const { refundPrice, refundBankPrice, refundWalletPrice } = reply.data as { refundPrice: number; refundBankPrice: number; refundWalletPrice: number };
      expect(cents(refundBankPrice) + cents(refundWalletPrice)).toBe(cents(refundPrice));
    }

    // What the rows say, what the replies said and what the ledger moved agree, and stay within what was paid.
    const shares = await refundShares(db.read, eq(apiPaymentRefunds.paymentId, p.paymentId));
    const total = (list: typeof shares) => list.reduce((sum, share) => sum + share.amount, 0);
    expect(total(shares)).toBe(answered);
    expect(total(shares)).toBeLessThanOrEqual(2000);
    // Per item: never beyond its price, and its card share never beyond its card part (7.20 and 4.80).
    for (const [itemNumber, price, cardPart] of [[1, 1200, 720], [2, 800, 480]] as const) {
      const ofItem = shares.filter((share) => share.itemNumber === itemNumber);
      expect(total(ofItem)).toBeLessThanOrEqual(price);
      expect(total(ofItem.filter((share) => share.toCard))).toBeLessThanOrEqual(cardPart);
    }
    // Each share moved once: one transfer per share, the wallet shares into the wallet, the card shares to card clearing.
    const transferIds = [...new Set(shares.map((share) => share.transferId))];
    const transfers = await db.read.select().from(ledgerTransfers).where(inArray(ledgerTransfers.id, transferIds));
    expect(transfers).toHaveLength(transferIds.length);
    for (const transfer of transfers) {
      const ofTransfer = shares.filter((share) => share.transferId === transfer.id);
      expect(transfer.amount).toBe(total(ofTransfer));
      expect(transfer.kind).toBe(ofTransfer[0]?.toCard ? 'refund_deposit_to_card' : 'refund_to_wallet');
    }
    expect(shares.every((share) => share.state === 'posted')).toBe(true);
    expect((await balanceOf(p.memberId)).available - walletBefore).toBe(total(shares.filter((share) => !share.toCard)));
    expect((await getBalance(db.read, { system: 'card_clearing', currency: USD })).posted - clearingBefore).toBe(total(shares.filter((share) => share.toCard)));
    expect(salesBefore - (await getBalance(db.read, { system: 'sales', currency: USD })).posted).toBe(total(shares));

    // Whatever is left goes back in one more refund (or nothing was left): then exactly the price was refunded.
    const rest = await send(0, refundPayment(p.paymentId, 'PROVIDER'));
    if (rest.status !== 200) expect(rest.code).toBe('NOTHING_TO_REFUND');
    const after = await refundShares(db.read, eq(apiPaymentRefunds.paymentId, p.paymentId));
    expect(total(after)).toBe(2000);
    expect(total(after.filter((share) => share.toCard))).toBeLessThanOrEqual(1200);
    expect(await db.read.select({ id: apiPaymentRefunds.id }).from(apiPaymentRefunds).where(inArray(apiPaymentRefunds.transferId, after.map((share) => share.transferId)))).toHaveLength(after.length);
    await expectLedgerBalanced();
  });
});
