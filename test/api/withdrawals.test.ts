// Issue 18, missing surface item 5: withdrawals through the merchant API with the official Node
// client over HTTP (createWithdraw, retrieveWithdraw, cancelWithdraw, searchWithdraws), the
// platform's errors, and concurrency (many requests against one wallet on two app servers, one
// Idempotency-Key from two callers), on either engine (COFFER_TEST_ENGINE).
import Craftgate from '@craftgate/craftgate';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { ledgerTransfers, withdrawals } from '@/db/schema';
import { createApiKey, type NewApiKey } from '@/lib/api/secrets';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { payOutWithdrawal, rejectWithdrawal } from '@/lib/withdrawals/decide';
import { insertTestUser } from '@/test/helpers/users';
import { startApiProcess, type ApiProcess } from '@/test/reliability/api-process';
import { signedPost } from '@/test/reliability/signed-request';
import { startApiServer, type TestServer } from './craftgate-server';
import { JavaLocalDateTime, javaQuery, javaRequest, phpQuery, phpRequest, PyDecimal, pythonQuery, pythonRequest, send, type Credentials, type WireResponse } from './official-clients';

const { Currency, TransactionPayoutStatus } = Craftgate.Model;
type Wallet = ReturnType<InstanceType<typeof Craftgate.Client>['wallet']>;
type CreateWithdraw = Parameters<Wallet['createWithdraw']>[0];
type SearchWithdraws = Parameters<Wallet['searchWithdraws']>[0];
const db = getDatabase();

let server: TestServer;
let key: NewApiKey;
let staffId: number;
let client: InstanceType<typeof Craftgate.Client>;

beforeAll(async () => {
  server = await startApiServer();
  staffId = (await insertTestUser(db, 'staff')).id;
  key = await createApiKey(db, { name: 'ERP', staffId });
  client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
});

afterAll(() => server.close());

let memberCount = 0;
async function fundedMember(amount: number) {
  memberCount += 1;
  const member = await client.onboarding().createMember({ memberExternalId: `wd-${memberCount}`, name: `Withdraw Member ${memberCount}`, email: `wd-${memberCount}@example.com`, address: '', phoneNumber: '' });
  if (amount > 0) await client.wallet().sendRemittance({ memberId: String(member.id), price: amount, currency: Currency.USD, description: 'Funds' });
  return member;
}

const balance = (memberId: number) => getBalance(db.read, { wallet: memberId, currency: 'USD' });

async function failure(promise: Promise<unknown>): Promise<{ code: string; description: string; group: string | undefined; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Craftgate.CraftgateError) {
      const data = error.getErrorData() as { errorGroup?: string } | undefined;
      return { code: error.getErrorCode(), description: error.getErrorDescription(), group: data?.errorGroup, status: undefined };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('withdrawals with the official Node client', () => {
  it('creates a withdrawal that holds the amount, retrieves it, and cancels it once', async () => {
    const member = await fundedMember(100);
    const created = await client.wallet().createWithdraw({ memberId: member.id, price: 40.5, description: 'Hakediş Çekme Talebi', currency: Currency.USD });
    expect(created).toEqual({
      id: expect.any(Number),
      createdDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      status: 'ACTIVE',
      price: 40.5,
      description: 'Hakediş Çekme Talebi',
      currency: 'USD',
      payoutStatus: 'WAITING_FOR_PAYOUT',
      memberId: member.id,
      payoutId: null,
    });
    expect(await balance(member.id)).toMatchObject({ posted: 10_000, held: 4_050, available: 5_950 });
    expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 59.5, withdrawalAmount: 59.5 });
    expect(await client.wallet().retrieveWithdraw(created.id)).toEqual(created);

    const cancelled = await client.wallet().cancelWithdraw(created.id);
    expect(cancelled).toEqual({ ...created, payoutStatus: 'CANCELLED' });
    expect(await balance(member.id)).toMatchObject({ posted: 10_000, held: 0, available: 10_000 });
    // Again: the same answer, nothing moves a second time.
    expect(await client.wallet().cancelWithdraw(created.id)).toEqual(cancelled);
    expect(await balance(member.id)).toMatchObject({ available: 10_000 });
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('takes the wallet currency when none is sent; reports a payout and its ledger transfer once staff pay it out', async () => {
    const member = await fundedMember(50);
    const created = await client.wallet().createWithdraw({ memberId: member.id, price: 20, description: 'Payout' } as CreateWithdraw);
    expect(created).toMatchObject({ currency: 'USD', price: 20 });
    await payOutWithdrawal(db, { withdrawalId: created.id, staffId });
    const [row] = await db.read.select().from(withdrawals).where(eq(withdrawals.id, created.id));
    expect(await client.wallet().retrieveWithdraw(created.id)).toEqual({ ...created, payoutStatus: 'PAYOUT_COMPLETED', payoutId: row?.transferId });
    expect(await balance(member.id)).toMatchObject({ posted: 3_000, available: 3_000 });
    // A paid-out withdrawal cannot be cancelled.
    expect(await failure(client.wallet().cancelWithdraw(created.id))).toMatchObject({ code: 'WITHDRAW_NOT_CANCELLABLE' });
    // The posted withdrawal is a WITHDRAW wallet transaction.
    const transactions = await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [Craftgate.Model.WalletTransactionType.Withdraw] });
    expect(transactions.items).toEqual([expect.objectContaining({ walletTransactionType: 'WITHDRAW', amount: -20 })]);
    // A rejected one reads CANCELLED too.
    const other = await client.wallet().createWithdraw({ memberId: member.id, price: 5, description: 'Second', currency: Currency.USD });
    await rejectWithdrawal(db, { withdrawalId: other.id, staffId, reason: 'Unknown account' });
    expect(await client.wallet().retrieveWithdraw(other.id)).toMatchObject({ payoutStatus: 'CANCELLED', status: 'ACTIVE', payoutId: null });
  });

  it("answers in the platform's error shape: 10051 beyond the available balance, 404 for an unknown member or withdrawal, 422 for another currency, 400 for a bad IBAN", async () => {
    const member = await fundedMember(10);
    expect(await failure(client.wallet().createWithdraw({ memberId: member.id, price: 10.01, description: 'Too much', currency: Currency.USD }))).toMatchObject({
      code: '10051',
      group: 'NOT_SUFFICIENT_FUNDS',
      description: expect.stringContaining('$10.00'),
    });
    expect(await failure(client.wallet().createWithdraw({ memberId: 999_999, price: 1, description: 'Nobody', currency: Currency.USD }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(client.wallet().createWithdraw({ memberId: member.id, price: 1, description: 'Lira', currency: Currency.TRY }))).toMatchObject({ code: 'UNSUPPORTED' });
    expect(await failure(client.wallet().createWithdraw({ memberId: member.id, price: 0, description: 'Zero', currency: Currency.USD }))).toMatchObject({ code: 'VALIDATION_ERROR', description: expect.stringMatching(/^price/) });
    expect(await failure(client.wallet().createWithdraw({ memberId: member.id, price: 1.001, description: 'Mills', currency: Currency.USD }))).toMatchObject({ code: 'VALIDATION_ERROR', description: expect.stringMatching(/^price/) });
    // Coffer's own fields ride along in the body (the client sends what it is given).
    const typo = { memberId: member.id, price: 1, description: 'To my bank', currency: Currency.USD, iban: 'GB82 WEST 1234 5698 7654 23' } as CreateWithdraw;
    expect(await failure(client.wallet().createWithdraw(typo))).toMatchObject({ code: 'VALIDATION_ERROR', description: expect.stringMatching(/^iban: This IBAN has a typo/) });
    expect(await failure(client.wallet().retrieveWithdraw(2_147_483_647))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(client.wallet().cancelWithdraw(999_999))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await balance(member.id)).toMatchObject({ available: 1_000, held: 0 });
    // Coffer's own iban and accountHolder name the bank account staff pay it to.
    const named = await client.wallet().createWithdraw({ ...typo, iban: 'gb82 west 1234 5698 7654 32', accountHolder: 'Ada Lovelace' } as CreateWithdraw);
    const [row] = await db.read.select().from(withdrawals).where(eq(withdrawals.id, named.id));
    expect(row).toMatchObject({ iban: 'GB82WEST12345698765432', accountHolder: 'Ada Lovelace', source: 'api' });
  });

  it('searches by member, payout status, price and date, newest first, paged as other searches', async () => {
    const member = await fundedMember(100);
    const small = await client.wallet().createWithdraw({ memberId: member.id, price: 5, description: 'Small', currency: Currency.USD });
    const big = await client.wallet().createWithdraw({ memberId: member.id, price: 50, description: 'Big', currency: Currency.USD });
    await client.wallet().cancelWithdraw(small.id);
    const search = (request: SearchWithdraws) => client.wallet().searchWithdraws({ memberId: member.id, ...request });
    expect(await search({})).toEqual({ page: 0, size: 10, totalSize: 2, items: [expect.objectContaining({ id: big.id }), expect.objectContaining({ id: small.id, payoutStatus: 'CANCELLED' })] });
    expect((await search({ payoutStatus: TransactionPayoutStatus.WaitingForPayout })).items.map((item) => item.id)).toEqual([big.id]);
    expect((await search({ payoutStatus: TransactionPayoutStatus.Cancelled })).items.map((item) => item.id)).toEqual([small.id]);
    expect((await search({ payoutStatus: TransactionPayoutStatus.PayoutStarted })).totalSize).toBe(0);
    expect((await search({ minWithdrawPrice: 10, maxWithdrawPrice: 1000 })).items.map((item) => item.id)).toEqual([big.id]);
    expect((await search({ currency: Currency.TRY })).totalSize).toBe(0);
    expect((await search({ minCreatedDate: new Date(Date.now() - 60_000), maxCreatedDate: new Date(Date.now() + 60_000) })).totalSize).toBe(2);
    expect((await search({ minCreatedDate: new Date(Date.now() + 60_000) })).totalSize).toBe(0);
    expect(await search({ page: 1, size: 1 })).toEqual({ page: 1, size: 1, totalSize: 2, items: [expect.objectContaining({ id: small.id })] });
  });
});

describe('withdrawals as the Java, Python and PHP clients send them', () => {
  const credentials = (): Credentials => ({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
  const data = <T>(response: WireResponse): T => {
    expect(response.status, response.text).toBe(200);
    return response.json.data as T;
  };
  type Withdraw = { id: number; payoutStatus: string; price: number; memberId: number; payoutId: number | null; status: string };
  type Page = { totalSize: number; items: Withdraw[] };

  it('Java (CreateWithdrawRequest in Gson, SearchWithdrawsRequest with its defaults and a trailing &, cancel without a body)', async () => {
    const member = await fundedMember(100);
    // WalletSample.create_withdraw: memberId, price, description, currency.
    const created = data<Withdraw>(await send(javaRequest(credentials(), { method: 'POST', path: '/wallet/v1/withdraws', body: { price: 100, memberId: member.id, description: 'Hakediş Çekme Talebi', currency: 'USD' } })));
    expect(created).toMatchObject({ memberId: member.id, price: 100, status: 'ACTIVE', payoutStatus: 'WAITING_FOR_PAYOUT', payoutId: null });
    const query = javaQuery([
      ['memberId', member.id],
      ['currency', null],
      ['payoutStatus', 'WAITING_FOR_PAYOUT'],
      ['minWithdrawPrice', 5],
      ['maxWithdrawPrice', 1000],
      ['minCreatedDate', new JavaLocalDateTime('2020-01-01T00:00:00')],
      ['maxCreatedDate', null],
      ['page', 0],
      ['size', 10],
    ]);
    expect(query).toBe(`?memberId=${member.id}&payoutStatus=WAITING_FOR_PAYOUT&minWithdrawPrice=5&maxWithdrawPrice=1000&minCreatedDate=2020-01-01T00%3A00%3A00&page=0&size=10&`);
    expect(data<Page>(await send(javaRequest(credentials(), { method: 'GET', path: `/wallet/v1/withdraws${query}` }))).items.map((item) => item.id)).toEqual([created.id]);
    // WalletAdapter.cancelWithdraw: POST with no body.
    expect(data<Withdraw>(await send(javaRequest(credentials(), { method: 'POST', path: `/wallet/v1/withdraws/${created.id}/cancel` })))).toMatchObject({ id: created.id, status: 'ACTIVE', payoutStatus: 'CANCELLED' });
    expect(await balance(member.id)).toMatchObject({ available: 10_000, held: 0 });
  });

  it('Python (sorted snake_case body as camelCase, Decimal price, x-idempotency-key retried; search_withdraws in field order)', async () => {
    const member = await fundedMember(100);
    const call = { method: 'POST', path: '/wallet/v1/withdraws', body: { member_id: member.id, price: new PyDecimal('12.5'), description: 'Py', currency: 'USD' }, idempotencyKey: 'py-withdraw-1' };
    const first = await send(pythonRequest(credentials(), call));
    const again = await send(pythonRequest(credentials(), call));
    expect(again.text).toBe(first.text);
    expect(data<Withdraw>(first)).toMatchObject({ price: 12.5, payoutStatus: 'WAITING_FOR_PAYOUT' });
    expect(await balance(member.id)).toMatchObject({ held: 1_250 });
    const query = pythonQuery([
      ['member_id', member.id],
      ['currency', 'USD'],
      ['payout_status', 'WAITING_FOR_PAYOUT'],
      ['min_withdraw_price', new PyDecimal('12.5')],
      ['max_withdraw_price', null],
      ['min_created_date', null],
      ['max_created_date', null],
      ['page', 0],
      ['size', 10],
    ]);
    expect(data<Page>(await send(pythonRequest(credentials(), { method: 'GET', path: `/wallet/v1/withdraws${query}` }))).totalSize).toBe(1);
  });

  it('PHP (json_encode body with x-idempotency-key, http_build_query search, cancel with an empty body)', async () => {
    const member = await fundedMember(100);
    const created = data<Withdraw>(await send(phpRequest(credentials(), { method: 'POST', path: '/wallet/v1/withdraws', body: { memberId: member.id, price: 20, description: 'Hakediş / PHP', currency: 'USD' }, idempotencyKey: 'php-withdraw-1' })));
    expect(created).toMatchObject({ price: 20, payoutStatus: 'WAITING_FOR_PAYOUT' });
    const found = data<Page>(await send(phpRequest(credentials(), { method: 'GET', path: `/wallet/v1/withdraws${phpQuery({ memberId: member.id, payoutStatus: 'WAITING_FOR_PAYOUT', page: 0, size: 10 })}` })));
    expect(found.items.map((item) => item.id)).toEqual([created.id]);
    expect(data<Withdraw>(await send(phpRequest(credentials(), { method: 'POST', path: `/wallet/v1/withdraws/${created.id}/cancel` })))).toMatchObject({ payoutStatus: 'CANCELLED' });
    expect(await balance(member.id)).toMatchObject({ available: 10_000 });
  });
});

describe('withdrawals under concurrency, on two app servers', () => {
  let servers: ApiProcess[] = [];
  beforeAll(async () => {
    servers = await Promise.all([startApiProcess(), startApiProcess()]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((each) => each.stop()));
  });

  const baseOf = (index: number) => servers[index % servers.length]?.baseUrl ?? '';

  it('ten withdrawals of 30.00 against a wallet of 100.00 sent to both at once: three held, seven refused with 10051', async () => {
    const member = await fundedMember(100);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => signedPost(baseOf(index), key, '/wallet/v1/withdraws', { memberId: member.id, price: 30, description: `Race ${index}`, currency: 'USD' })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused).toHaveLength(7);
    for (const answer of refused) expect(JSON.parse(answer.text)).toMatchObject({ errors: { errorCode: '10051', errorGroup: 'NOT_SUFFICIENT_FUNDS' } });
    expect(await balance(member.id)).toMatchObject({ posted: 10_000, held: 9_000, available: 1_000 });
    expect((await client.wallet().searchWithdraws({ memberId: member.id })).totalSize).toBe(3);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('one Idempotency-Key sent by two callers to both servers at once makes one withdrawal, and one cancel voids it once', async () => {
    const member = await fundedMember(100);
    const body = { memberId: member.id, price: 25, description: 'Once', currency: 'USD' };
    const answers = await Promise.all([0, 1, 0, 1].map((index) => signedPost(baseOf(index), key, '/wallet/v1/withdraws', body, { 'Idempotency-Key': 'withdraw-once-1' })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    const { id } = (JSON.parse(answers[0]?.text ?? '{}') as { data: { id: number } }).data;
    expect(await db.read.select({ id: withdrawals.id }).from(withdrawals).where(eq(withdrawals.userId, member.id))).toEqual([{ id }]);
    expect(await balance(member.id)).toMatchObject({ held: 2_500, available: 7_500 });

    const cancels = await Promise.all([0, 1, 0, 1].map((index) => signedPost(baseOf(index), key, `/wallet/v1/withdraws/${id}/cancel`, {})));
    expect(cancels.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    for (const answer of cancels) expect(JSON.parse(answer.text)).toMatchObject({ data: { id, payoutStatus: 'CANCELLED' } });
    expect(await balance(member.id)).toMatchObject({ held: 0, available: 10_000 });
    const [row] = await db.read.select().from(withdrawals).where(eq(withdrawals.id, id));
    expect(await db.read.select({ state: ledgerTransfers.state }).from(ledgerTransfers).where(eq(ledgerTransfers.id, row?.transferId ?? 0))).toEqual([{ state: 'voided' }]);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});
