// Issue 18: the official Node client's samples (test/fixtures/craftgate-node-samples, copied
// unmodified from craftgate/craftgate-node-client) run against Coffer's API with only the base URL
// and the keys changed. Each sample gets a shop of its own (a fresh database, TRY like the
// samples) in which the setup has made what the sample names by id exist (member 1, payment 1,
// refund 1, wallet transaction 72, …), then runs as written: it "runs unchanged" when it reaches
// its success branch (console.info). The test counts them and holds every sample to its expected
// outcome, so a sample that stops running, or starts to, is noticed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import Craftgate from '@craftgate/craftgate';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Database } from '@/db/database';
import { apiKeys } from '@/db/schema';
import { migrateDatabase } from '@/db/migrate';
import { openPostgresDatabase } from '@/db/postgres/engine';
import { openSqliteDatabase } from '@/db/sqlite/engine';
import { toMinor } from '@/lib/api/amounts';
import { createApiKey } from '@/lib/api/secrets';
import { openPaymentPage, type OpenPaymentPageInput } from '@/lib/payment-pages/pages';
import { payOnPage } from '@/lib/payment-pages/pay';
import { demoCardSchema } from '@/lib/payments/demo-card';
import { insertTestUser } from '@/test/helpers/users';
import { createTestDatabase } from '@/test/postgres-database';
import { startApiServer, type TestServer } from './craftgate-server';

// The samples pay in TRY: the shops they run against keep TRY wallets. Set before anything reads the configuration.
vi.hoisted(() => {
  process.env.SHOP_CURRENCY = 'TRY';
});

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/craftgate-node-samples/samples');
/** The client module as a sample's require('../../dist') gets it (the installed, newest published client). */
const craftgateModule: unknown = createRequire(import.meta.url)('@craftgate/craftgate');
const { Currency } = Craftgate.Model;

type Client = InstanceType<typeof Craftgate.Client>;
/** What a setup gets: the sample's own shop and a client of the platform for it. */
type Shop = { db: Database; client: Client };

const card = { cardHolderName: 'Haluk Demir', cardNumber: '5258640000000001', expireYear: '2044', expireMonth: '07', cvc: '000' };
const items = [
  { name: 'Item 1', price: 30 },
  { name: 'Item 2', price: 50 },
  { name: 'Item 3', price: 20 },
];

// Setups: each makes what its sample names exist, and checks the id is the one the sample hard-codes.
async function fundMember(shop: Shop, price: number) {
  const sent = await shop.client.wallet().sendRemittance({ memberId: '1', price, currency: Currency.TRY, description: 'Funds for the sample' });
  return sent.id;
}

async function cardDeposit(shop: Shop, price: number) {
  return (await shop.client.payment().createDepositPayment({ buyerMemberId: 1, price, currency: Currency.TRY, card })).walletTransaction.id;
}

/** Payment 1: 100 TRY in three items, 40 of it from member 1's wallet, the rest by card. */
async function payment1(shop: Shop) {
  await fundMember(shop, 40);
  const payment = await shop.client.payment().createPayment({ price: 100, paidPrice: 100, walletPrice: 40, installment: 1, buyerMemberId: 1, currency: Currency.TRY, card, items });
  expect(payment.id).toBe(1);
  expect(payment.paymentTransactions[0]?.id).toBe(1);
}

/** Withdraw 1: 30 TRY of member 1's wallet, waiting for payout. */
async function withdraw1(shop: Shop) {
  await fundMember(shop, 50);
  const withdraw = await shop.client.wallet().createWithdraw({ memberId: 1, price: 30, description: 'Withdraw 1', currency: Currency.TRY });
  expect(withdraw).toMatchObject({ id: 1, payoutStatus: 'WAITING_FOR_PAYOUT' });
}

async function refund1(shop: Shop) {
  await payment1(shop);
  const refund = await shop.client.payment().refundPaymentTransaction({ paymentTransactionId: 1, refundPrice: 10 });
  expect(refund.id).toBe(1);
}

/** A hosted page with the token the sample hard-codes (checkout form or multi payment, 100 TRY in three items), opened for the shop's key. */
async function pageWithToken(shop: Shop, kind: 'checkout' | 'multi', token: string, paidWith: number[]) {
  const [key] = await shop.db.read.select({ id: apiKeys.id }).from(apiKeys);
  const input: OpenPaymentPageInput = {
    kind,
    apiKeyId: key?.id ?? 0,
    buyerId: null,
    price: 10000,
    paidPrice: 10000,
    currency: 'TRY',
    items: items.map((item) => ({ name: item.name, externalId: null, price: toMinor(item.price, 'TRY', 'price') })),
    conversationId: '456d1297-908e-4bd6-a13b-4be31a6e47d5',
    externalId: null,
    paymentGroup: 'PRODUCT',
    callbackUrl: 'https://www.your-website.com/craftgate-checkout-callback',
    paymentMethods: null,
    maxPayments: null,
    ttlMinutes: null,
    token,
  };
  await shop.db.write((tx) => openPaymentPage(tx, input));
  const demoCard = demoCardSchema().parse({ cardHolderName: card.cardHolderName, cardNumber: card.cardNumber, expiry: `${card.expireMonth}/${card.expireYear}`, cvc: card.cvc });
  for (const [n, amount] of paidWith.entries()) {
    const paid = await payOnPage(shop.db, { token, attemptKey: `sample-${n}`, method: 'card', amount, card: demoCard, payerId: null });
    expect(paid.status).toBe('paid');
  }
}

type Expectation = { runs: true } | { runs: false; because: string; error: RegExp };

type Sample = {
  file: string;
  feature: string;
  setup?: (shop: Shop) => Promise<void>;
  expect: Expectation;
  /** What the sample's result must hold, where it says something the setup decided. */
  result?: Record<string, unknown>;
};

const runs: Expectation = { runs: true };
const notServed = (feature: string): Expectation => ({ runs: false, because: `${feature} are not served (lib/api/README.md)`, error: /UNSUPPORTED/ });

const samples: Sample[] = [
  // Wallet and remittances.
  { file: 'wallet/CreateMemberWallet.js', feature: 'wallet', expect: runs },
  // The sample lets member 1's wallet go down to -10 (its overdraft limit).
  { file: 'wallet/UpdateMemberWallet.js', feature: 'wallet', expect: runs, result: { id: 1, memberId: 1, amount: 0, negativeAmountLimit: -10 } },
  { file: 'wallet/RetrieveMemberWallet.js', feature: 'wallet', expect: runs },
  { file: 'wallet/RetrieveMerchantMemberWallet.js', feature: 'wallet', expect: runs },
  { file: 'wallet/ResetMerchantMemberWalletBalance.js', feature: 'wallet', expect: runs },
  { file: 'wallet/SearchWalletTransactions.js', feature: 'wallet', setup: async (shop) => void (await cardDeposit(shop, 10)), expect: runs },
  { file: 'wallet/SendRemittance.js', feature: 'remittance', expect: runs },
  { file: 'wallet/ReceiveRemittance.js', feature: 'remittance', setup: async (shop) => void (await fundMember(shop, 50)), expect: runs },
  { file: 'wallet/RetrieveRemittance.js', feature: 'remittance', setup: async (shop) => expect(await fundMember(shop, 5)).toBe(1), expect: runs, result: { id: 1, price: 5, memberId: 1 } },
  { file: 'wallet/RefundWalletTransaction.js', feature: 'deposit', setup: async (shop) => expect(await cardDeposit(shop, 100)).toBe(1), expect: runs, result: { refundPrice: 10, refundStatus: 'SUCCESS', walletTransactionId: 1 } },
  { file: 'wallet/RetrieveRefundableAmountOfWalletTransaction.js', feature: 'deposit', setup: async (shop) => expect(await cardDeposit(shop, 100)).toBe(1), expect: runs, result: { refundableAmount: 100 } },
  {
    file: 'wallet/RetrieveRefundWalletTransactions.js',
    feature: 'deposit',
    setup: async (shop) => {
      // Wallet transaction 72: the 72nd card top-up.
      for (let n = 1; n < 72; n++) await cardDeposit(shop, 1);
      expect(await cardDeposit(shop, 20)).toBe(72);
      await shop.client.wallet().refundWalletTransaction(72, { refundPrice: 5 });
    },
    expect: runs,
  },
  // Withdrawals: member 1's 100 TRY held (withdraw 1) until staff pay it out on Payouts.
  {
    file: 'wallet/CreateWithdraw.js',
    feature: 'withdrawal',
    setup: async (shop) => void (await fundMember(shop, 100)),
    expect: runs,
    result: { id: 1, memberId: 1, price: 100, currency: 'TRY', status: 'ACTIVE', payoutStatus: 'WAITING_FOR_PAYOUT', payoutId: null, description: 'Hakediş Çekme Talebi' },
  },
  { file: 'wallet/RetrieveWithdraw.js', feature: 'withdrawal', setup: withdraw1, expect: runs, result: { id: 1, payoutStatus: 'WAITING_FOR_PAYOUT' } },
  { file: 'wallet/CancelWithdraw.js', feature: 'withdrawal', setup: withdraw1, expect: runs, result: { id: 1, status: 'ACTIVE', payoutStatus: 'CANCELLED' } },
  { file: 'wallet/SearchWithdraws.js', feature: 'withdrawal', setup: withdraw1, expect: runs, result: { totalSize: 1, items: [expect.objectContaining({ id: 1, memberId: 1 })] } },
  // Deposits.
  { file: 'payment/CreateDepositPayment.js', feature: 'deposit', expect: runs },
  {
    file: 'payment/CreateFundTransferDepositPayment.js',
    feature: 'deposit',
    expect: runs,
    // Credited at once: the first transfer of this shop, member 1's wallet.
    result: { price: 100, buyerMemberId: 1, walletTransaction: { id: 1, walletTransactionType: 'DEPOSIT_FROM_FUND_TRANSFER', amount: 100, walletId: 1 } },
  },
  // Payments and refunds.
  { file: 'payment/CreatePayment.js', feature: 'payment', expect: runs, result: { id: 1, paymentType: 'CARD_PAYMENT', price: 100, buyerMemberId: null, paymentStatus: 'SUCCESS' } },
  { file: 'payment/RetrievePayment.js', feature: 'payment', setup: payment1, expect: runs, result: { id: 1, paymentType: 'CARD_AND_WALLET_PAYMENT', walletPrice: 40 } },
  {
    file: 'payment/RefundPayment.js',
    feature: 'refund',
    setup: payment1,
    expect: runs,
    // Each part to its source, the whole payment on its day: a CANCEL.
    result: { id: 1, paymentId: 1, refundPrice: 100, refundBankPrice: 60, refundWalletPrice: 40, refundType: 'CANCEL', status: 'SUCCESS' },
  },
  { file: 'payment/RefundPaymentTransaction.js', feature: 'refund', setup: payment1, expect: runs, result: { id: 1, paymentTransactionId: 1, refundPrice: 20, refundBankPrice: 18, refundWalletPrice: 2 } },
  { file: 'payment/RetrievePaymentRefund.js', feature: 'refund', setup: refund1, expect: runs, result: { id: 1, paymentId: 1, refundPrice: 10, refundType: 'REFUND' } },
  { file: 'payment/RetrievePaymentTransactionRefund.js', feature: 'refund', setup: refund1, expect: runs, result: { id: 1, paymentId: 1, paymentTransactionId: 1, refundPrice: 10 } },
  // Reporting.
  { file: 'paymentReporting/RetrievePayment.js', feature: 'reporting', setup: refund1, expect: runs, result: { id: 1, refundablePrice: 90, refundStatus: 'PARTIAL_REFUNDED' } },
  { file: 'paymentReporting/RetrievePaymentTransactions.js', feature: 'reporting', setup: refund1, expect: runs },
  { file: 'paymentReporting/RetrievePaymentRefunds.js', feature: 'reporting', setup: refund1, expect: runs, result: { totalSize: 1, items: [expect.objectContaining({ id: 1 })] } },
  { file: 'paymentReporting/RetrievePaymentTransactionRefunds.js', feature: 'reporting', setup: refund1, expect: runs, result: { totalSize: 1, items: [expect.objectContaining({ id: 1, paymentTransactionId: 1 })] } },
  { file: 'paymentReporting/SearchPayments.js', feature: 'reporting', setup: refund1, expect: runs },
  { file: 'paymentReporting/SearchPaymentRefunds.js', feature: 'reporting', setup: refund1, expect: runs },
  { file: 'paymentReporting/SearchPaymentTransactionRefunds.js', feature: 'reporting', setup: refund1, expect: runs },
  // APM (fund transfer, cash on delivery), multi payment and the checkout form.
  { file: 'payment/CreateFundTransferPayment.js', feature: 'APM', expect: runs, result: { paymentType: 'APM', apmType: 'FUND_TRANSFER', paymentStatus: 'WAITING', price: 100 } },
  { file: 'payment/CreateCashOnDeliveryPayment.js', feature: 'APM', expect: runs, result: { paymentType: 'APM', apmType: 'CASH_ON_DELIVERY', paymentStatus: 'WAITING', price: 100 } },
  {
    file: 'payment/InitMultiPayment.js',
    feature: 'multi payment',
    // The newest published client (1.0.65) has no initMultiPayment yet (the samples are at 1.0.68).
    expect: { runs: false, because: 'the published client has no initMultiPayment', error: /initMultiPayment is not a function/ },
  },
  {
    file: 'payment/RetrieveMultiPayment.js',
    feature: 'multi payment',
    // The sample's token: a 100 TRY basket, 40 of it paid by card.
    setup: (shop) => pageWithToken(shop, 'multi', '6d7e66b5-9b1c-4c1d-879a-2557b651096e', [4000]),
    expect: runs,
    result: { token: '6d7e66b5-9b1c-4c1d-879a-2557b651096e', multiPaymentStatus: 'CREATED', paidPrice: 100, remainingAmount: 60, paymentIds: [1] },
  },
  { file: 'payment/InitCheckoutPayment.js', feature: 'checkout form', expect: runs, result: { token: expect.any(String), pageUrl: expect.stringContaining('/payment-page/'), tokenExpireDate: expect.any(String) } },
  {
    file: 'payment/RetrieveCheckoutPayment.js',
    feature: 'checkout form',
    // The sample's token: a checkout form paid by card.
    setup: (shop) => pageWithToken(shop, 'checkout', '456d1297-908e-4bd6-a13b-4be31a6e47d5', [10000]),
    expect: runs,
    result: { id: 1, paymentType: 'CARD_PAYMENT', paymentSource: 'CHECKOUT_FORM', paymentStatus: 'SUCCESS', price: 100 },
  },
  {
    file: 'payment/InitCheckoutPaymentForDeposit.js',
    feature: 'checkout form',
    // It names no member (buyerMemberId): the page is a top-up link, crediting the signed-in customer who pays it.
    expect: runs,
    result: { token: expect.any(String), pageUrl: expect.stringContaining('/payment-page/'), tokenExpireDate: expect.any(String) },
  },
];

/** How many of the samples above run unchanged: update it when a sample starts (or stops) running. */
const RUN_UNCHANGED = 37;

/** The sample's text with only its keys and base URL changed; refuses a sample that would need more. */
function adapted(source: string, baseUrl: string, keys: { apiKey: string; secretKey: string }): string {
  const changes: [RegExp, string][] = [
    [/apiKey: (['"])api-key\1/, `apiKey: '${keys.apiKey}'`],
    [/secretKey: (['"])secret-key\1/, `secretKey: '${keys.secretKey}'`],
    [/baseUrl: (['"])https:\/\/sandbox-api\.craftgate\.io\1/, `baseUrl: '${baseUrl}'`],
  ];
  return changes.reduce((text, [pattern, replacement]) => {
    if ((text.match(new RegExp(pattern, 'g')) ?? []).length !== 1) throw new Error(`The sample does not hold ${pattern} exactly once.`);
    return text.replace(pattern, replacement);
  }, source);
}

type Outcome = { ran: true; result: unknown } | { ran: false; error: string };

/**
 * Runs a sample's code as Node would run the file: its require of the client gets the client, and
 * what it logs decides: console.info is its success branch, console.error its failure branch.
 */
function runSample(code: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const sampleConsole = {
      info: (_message: string, result: unknown) => resolve({ ran: true, result }),
      error: (_message: string, error: unknown) => resolve({ ran: false, error: describeError(error) }),
      log: () => undefined,
    };
    // The client, built (../../dist) or as source (../../src, which one sample requires).
    const sampleRequire = (name: string) => {
      if (name === '../../dist' || name === '../../src') return craftgateModule;
      throw new Error(`The sample requires ${name}; only the client (../../dist, ../../src) is provided.`);
    };
    try {
      new Function('require', 'console', code)(sampleRequire, sampleConsole);
    } catch (error) {
      resolve({ ran: false, error: describeError(error) });
    }
  });
}

function describeError(error: unknown): string {
  if (error instanceof Craftgate.CraftgateError) return `${error.getErrorCode()}: ${error.getErrorDescription()}`;
  return error instanceof Error ? error.message : String(error);
}

// Each sample's shop: a database of its own on the engine the run uses.
let current: Database | undefined;
let server: TestServer;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-samples-'));

async function freshDatabase(name: string): Promise<Database> {
  if (process.env.COFFER_TEST_ENGINE === 'postgres') {
    const serverUrl = inject('postgresUrl');
    if (!serverUrl) throw new Error('No PostgreSQL server.');
    return openPostgresDatabase(await createTestDatabase(serverUrl));
  }
  const file = path.join(folder, `${name.replace(/\W/g, '-')}.db`);
  await migrateDatabase({ engine: 'sqlite', file });
  return openSqliteDatabase(file);
}

beforeAll(async () => {
  server = await startApiServer({
    database: () => {
      if (!current) throw new Error('No sample is running.');
      return current;
    },
  });
});

afterAll(async () => {
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const outcomes = new Map<string, Outcome>();

describe('the official Node samples, run unchanged but for the base URL and the keys', () => {
  for (const sample of samples) {
    it(`${sample.file} (${sample.feature}) ${sample.expect.runs ? 'runs' : `does not run: ${sample.expect.because}`}`, async () => {
      const db = await freshDatabase(sample.file);
      current = db;
      try {
        // Member 1 first (the samples' member), then the staff member the API key acts for.
        expect((await insertTestUser(db, 'customer')).id).toBe(1);
        const keys = await createApiKey(db, { name: 'Samples', staffId: (await insertTestUser(db, 'staff')).id });
        const client = new Craftgate.Client({ apiKey: keys.apiKey, secretKey: keys.secretKey, baseUrl: server.baseUrl });
        await sample.setup?.({ db, client });

        const outcome = await runSample(adapted(fs.readFileSync(path.join(SAMPLES, sample.file), 'utf8'), server.baseUrl, keys));
        outcomes.set(sample.file, outcome);
        if (sample.expect.runs) expect(outcome).toEqual({ ran: true, result: sample.result ? expect.objectContaining(sample.result) : expect.anything() });
        else expect(outcome).toEqual({ ran: false, error: expect.stringMatching(sample.expect.error) });
      } finally {
        current = undefined;
        await db.close();
      }
    });
  }

  it(`counts ${RUN_UNCHANGED} of ${samples.length} samples that run unchanged; every sample whose feature is served runs`, () => {
    const ran = samples.filter((sample) => outcomes.get(sample.file)?.ran === true);
    expect(outcomes.size).toBe(samples.length);
    expect(ran.length).toBe(RUN_UNCHANGED);
    const servedFeatures = ['wallet', 'remittance', 'deposit', 'payment', 'refund', 'reporting', 'withdrawal', 'APM', 'checkout form'];
    const notRunning = samples.filter((sample) => servedFeatures.includes(sample.feature) && outcomes.get(sample.file)?.ran !== true).map((sample) => sample.file);
    expect(notRunning).toEqual([]);
  });
});
