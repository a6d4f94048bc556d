// Issue 18, missing surface item 3: APM payments (POST /payment/v1/apm-payments) with apmType
// FUND_TRANSFER and CASH_ON_DELIVERY, with the official Node client over HTTP and as the Java,
// Python and PHP clients send them (test/api/official-clients.ts), on either engine: recorded
// WAITING with nothing moved, completed or cancelled by staff (lib/apm-payments), reported, and
// refunded only where the money can go back.
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { apiPayments, ledgerTransfers, payments } from '@/db/schema';
import { createApiKey } from '@/lib/api/secrets';
import { cancelApmPayment, completeApmPayment, listWaitingApmPayments } from '@/lib/apm-payments';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { updateSettings } from '@/lib/settings';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';
import { PhpFloat, PyDecimal, clientException, javaRequest, phpRequest, pythonRequest, send, type Credentials, type WireResponse } from './official-clients';

const { ApmType, Currency, PaymentGroup, PaymentStatus, PaymentType, RefundDestinationType } = Craftgate.Model;
const db = getDatabase();

let server: TestServer;
let staffId: number;
let credentials: Credentials;
let client: InstanceType<typeof Craftgate.Client>;

beforeAll(async () => {
  server = await startApiServer();
  staffId = (await insertTestUser(db, 'staff')).id;
  const key = await createApiKey(db, { name: 'ERP', staffId });
  credentials = { apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl };
  client = new Craftgate.Client(credentials);
});

afterAll(() => server.close());

let members = 0;
async function member() {
  members += 1;
  return client.onboarding().createMember({ memberExternalId: `apm-${members}`, name: `Apm Member ${members}`, email: `apm-${members}@example.com`, address: 'Main St 1', phoneNumber: '+15550100' });
}

const items = [
  { name: 'Item 1', price: 40, externalId: 'item-1' },
  { name: 'Item 2', price: 60.25, externalId: 'item-2' },
];

function apmRequest(apmType: (typeof ApmType)[keyof typeof ApmType], more: { buyerMemberId?: number; conversationId?: string } = {}) {
  return { apmType, price: 100.25, paidPrice: 100.25, currency: Currency.USD, paymentGroup: PaymentGroup.ListingOrSubscription, conversationId: 'conv-apm', externalId: 'order-77', items, ...more };
}

async function failure(call: Promise<unknown>): Promise<{ code: string; description: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Craftgate.CraftgateError) return { code: error.getErrorCode(), description: error.getErrorDescription() };
    throw error;
  }
  throw new Error('Expected the call to fail.');
}

function data<T>(response: WireResponse): T {
  if (response.status !== 200) throw new Error(`Expected 200, got ${response.status}: ${response.text}`);
  return response.json.data as T;
}

const sales = async () => (await getBalance(db.read, { system: 'sales', currency: 'USD' })).posted;
const available = async (memberId: number) => (await getBalance(db.read, { wallet: memberId, currency: 'USD' })).available;
const transfersOf = (paymentId: number) => db.read.select().from(ledgerTransfers).where(eq(ledgerTransfers.paymentId, paymentId));

describe('createApmPayment with the Node client', () => {
  it('records a fund transfer WAITING, walletPrice 0, each item a payment transaction, nothing moved; staff see it waiting', async () => {
    const buyer = await member();
    const before = await sales();
    const payment = await client.payment().createApmPayment(apmRequest(ApmType.FundTransfer, { buyerMemberId: buyer.id }));
    expect(payment).toMatchObject({
      paymentType: PaymentType.Apm,
      apmType: 'FUND_TRANSFER',
      paymentStatus: PaymentStatus.Waiting,
      price: 100.25,
      paidPrice: 100.25,
      walletPrice: 0,
      currency: 'USD',
      buyerMemberId: buyer.id,
      conversationId: 'conv-apm',
      externalId: 'order-77',
      paymentGroup: 'LISTING_OR_SUBSCRIPTION',
      paymentSource: 'API',
      paymentProvider: null,
      paymentError: null,
      binNumber: null,
      cardUserKey: null,
    });
    expect(payment.paymentTransactions.map(({ name, externalId, price, paidPrice, walletPrice, merchantPayoutAmount }) => ({ name, externalId, price, paidPrice, walletPrice, merchantPayoutAmount }))).toEqual([
      { name: 'Item 1', externalId: 'item-1', price: 40, paidPrice: 40, walletPrice: 0, merchantPayoutAmount: 40 },
      { name: 'Item 2', externalId: 'item-2', price: 60.25, paidPrice: 60.25, walletPrice: 0, merchantPayoutAmount: 60.25 },
    ]);
    expect(await transfersOf(payment.id)).toEqual([]);
    expect(await sales()).toBe(before);
    const [row] = await db.read.select().from(payments).where(eq(payments.id, payment.id));
    expect(row).toMatchObject({ state: 'pending', provider: 'wire_transfer', purpose: 'order', orderId: null, userId: buyer.id, amount: 10_025 });
    const waiting = (await listWaitingApmPayments(db.read, { limit: 200 })).rows.find((each) => each.id === payment.id);
    expect(waiting).toMatchObject({ apmType: 'FUND_TRANSFER', amount: 10_025, member: { id: buyer.id }, conversationId: 'conv-apm', externalId: 'order-77' });
  });

  it('records cash on delivery without a member (buyerMemberId null), as the official sample sends it', async () => {
    const payment = await client.payment().createApmPayment(apmRequest(ApmType.CashOnDelivery));
    expect(payment).toMatchObject({ paymentType: 'APM', apmType: 'CASH_ON_DELIVERY', paymentStatus: 'WAITING', buyerMemberId: null, price: 100.25 });
    expect((await listWaitingApmPayments(db.read, { limit: 200 })).rows.find((each) => each.id === payment.id)).toMatchObject({ apmType: 'CASH_ON_DELIVERY', member: null });
  });

  it('answers the other APM types with 422 UNSUPPORTED, and refuses bad sums, an unknown member and a method turned off in Settings', async () => {
    const count = async () => (await db.read.select({ id: payments.id }).from(payments)).length;
    const before = await count();
    for (const apmType of [ApmType.Papara, ApmType.PayPal, ApmType.Klarna]) {
      expect(await failure(client.payment().createApmPayment(apmRequest(apmType))), apmType).toMatchObject({ code: 'UNSUPPORTED', description: expect.stringContaining('FUND_TRANSFER and CASH_ON_DELIVERY') });
    }
    expect(await failure(client.payment().createApmPayment({ ...apmRequest(ApmType.FundTransfer), price: 100 }))).toMatchObject({ code: 'VALIDATION_ERROR', description: expect.stringContaining('paidPrice') });
    expect(await failure(client.payment().createApmPayment({ ...apmRequest(ApmType.FundTransfer), price: 99, paidPrice: 99 }))).toMatchObject({ code: 'VALIDATION_ERROR', description: expect.stringContaining('sum of the item prices') });
    expect(await failure(client.payment().createApmPayment({ ...apmRequest(ApmType.FundTransfer), currency: Currency.EUR }))).toMatchObject({ code: 'UNSUPPORTED' });
    expect(await failure(client.payment().createApmPayment(apmRequest(ApmType.FundTransfer, { buyerMemberId: 999_999 })))).toMatchObject({ code: 'NOT_FOUND' });
    await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer'] }));
    try {
      expect(await failure(client.payment().createApmPayment(apmRequest(ApmType.CashOnDelivery)))).toMatchObject({ code: 'UNSUPPORTED', description: expect.stringContaining('Cash on delivery') });
      expect(await client.payment().createApmPayment(apmRequest(ApmType.FundTransfer))).toMatchObject({ paymentStatus: 'WAITING' });
    } finally {
      await db.write((tx) => updateSettings(tx, { enabledPaymentMethods: ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] }));
    }
    expect(await count()).toBe(before + 1);
  });

  it('online APM calls (initApmPayment, completeApmPayment, initApmDepositPayment) stay 422 UNSUPPORTED', async () => {
    const init = { apmType: ApmType.Papara, merchantApmId: 1, price: 1, paidPrice: 1, buyerMemberId: 1, currency: Currency.USD, paymentGroup: PaymentGroup.Product, callbackUrl: 'https://example.com', items: [{ name: 'X', price: 1 }] };
    expect(await failure(client.payment().initApmPayment(init))).toMatchObject({ code: 'UNSUPPORTED', description: expect.stringContaining('Online APM') });
    expect(await failure(client.payment().completeApmPayment({ paymentId: 1, additionalParams: {} }))).toMatchObject({ code: 'UNSUPPORTED' });
    expect(await failure(client.payment().initApmDepositPayment({ apmType: ApmType.Papara, merchantApmId: 1, price: 1, currency: Currency.USD, buyerMemberId: 1, callbackUrl: 'https://example.com' }))).toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('an APM payment after staff decide, reported and refunded', () => {
  it('completed: SUCCESS everywhere (retrievePayment, the reports), the money in sales once; refundable to the wallet only', async () => {
    const buyer = await member();
    const payment = await client.payment().createApmPayment(apmRequest(ApmType.FundTransfer, { buyerMemberId: buyer.id, conversationId: 'conv-complete' }));
    const reporting = client.paymentReporting();
    // Waiting: reported WAITING, nothing refundable; a refund names why it is refused.
    expect(await client.payment().retrievePayment(payment.id)).toMatchObject({ id: payment.id, paymentType: 'APM', apmType: 'FUND_TRANSFER', paymentStatus: 'WAITING', walletPrice: 0 });
    expect(await reporting.retrievePayment(payment.id)).toMatchObject({ paymentType: 'APM', apmType: 'FUND_TRANSFER', paymentStatus: 'WAITING', refundablePrice: 0, buyerMember: expect.objectContaining({ id: buyer.id }) });
    expect((await reporting.searchPayments({ conversationId: 'conv-complete' })).items).toEqual([expect.objectContaining({ id: payment.id, paymentType: 'APM', paymentStatus: 'WAITING' })]);
    // Its transactions wait for their money too (the platform's WAITING_FOR_PAYOUT), not "cancelled".
    expect((await reporting.retrievePaymentTransactions(payment.id)).items.map((item) => item.payoutStatus.merchantStatus)).toEqual(payment.paymentTransactions.map(() => 'WAITING_FOR_PAYOUT'));
    // The payment type filter: an APM payment is APM, never a card payment.
    const typed = async (paymentType: (typeof PaymentType)[keyof typeof PaymentType]) => (await reporting.searchPayments({ conversationId: 'conv-complete', paymentType })).items.map((item) => item.id);
    expect(await typed(PaymentType.Apm)).toEqual([payment.id]);
    expect(await typed(PaymentType.CardPayment)).toEqual([]);
    expect(await typed(PaymentType.CardAndWalletPayment)).toEqual([]);
    expect(await typed(PaymentType.WalletPayment)).toEqual([]);
    expect(await failure(client.payment().refundPayment({ paymentId: payment.id }))).toMatchObject({ code: 'NOTHING_TO_REFUND', description: expect.stringContaining('waiting for its money') });
    const first = payment.paymentTransactions[0]?.id ?? 0;
    expect(await failure(client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 1, refundDestinationType: RefundDestinationType.Wallet }))).toMatchObject({ code: 'NOTHING_TO_REFUND' });

    const salesBefore = await sales();
    expect(await completeApmPayment(db, { paymentId: payment.id, staffId })).toMatchObject({ status: 'completed' });
    expect(await sales()).toBe(salesBefore + 10_025);
    expect(await client.payment().retrievePayment(payment.id)).toMatchObject({ paymentStatus: 'SUCCESS', paymentError: null });
    expect(await reporting.retrievePayment(payment.id)).toMatchObject({ paymentStatus: 'SUCCESS', refundablePrice: 100.25, refundStatus: 'NO_REFUND' });
    expect((await reporting.searchPayments({ conversationId: 'conv-complete', paymentStatus: PaymentStatus.Success })).items).toHaveLength(1);

    // The money came by bank: it cannot go back to a card (PROVIDER, the default); to the member's wallet it may.
    expect(await failure(client.payment().refundPayment({ paymentId: payment.id }))).toMatchObject({ code: 'UNSUPPORTED', description: expect.stringContaining('WALLET') });
    expect(await failure(client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 1 }))).toMatchObject({ code: 'UNSUPPORTED' });
    const walletBefore = await available(buyer.id);
    const refund = await client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 10, refundDestinationType: RefundDestinationType.Wallet });
    expect(refund).toMatchObject({ refundPrice: 10, refundWalletPrice: 10, refundBankPrice: 0, refundDestinationType: 'WALLET', status: 'SUCCESS' });
    expect(await available(buyer.id)).toBe(walletBefore + 1_000);
    expect(await reporting.retrievePayment(payment.id)).toMatchObject({ refundablePrice: 90.25, refundStatus: 'PARTIAL_REFUNDED' });
    const rest = await client.payment().refundPayment({ paymentId: payment.id, refundDestinationType: RefundDestinationType.Wallet });
    expect(rest).toMatchObject({ refundPrice: 90.25, refundWalletPrice: 90.25, refundBankPrice: 0 });
    expect(await failure(client.payment().refundPayment({ paymentId: payment.id, refundDestinationType: RefundDestinationType.Wallet }))).toMatchObject({ code: 'NOTHING_TO_REFUND' });
    expect(await available(buyer.id)).toBe(walletBefore + 10_025);
    expect((await verifyLedger(db.read)).problems).toEqual([]);
  });

  it('cancelled: FAILURE with a paymentError, nothing moved, nothing to refund', async () => {
    const payment = await client.payment().createApmPayment(apmRequest(ApmType.CashOnDelivery, { buyerMemberId: (await member()).id }));
    expect(await cancelApmPayment(db, { paymentId: payment.id, staffId })).toMatchObject({ status: 'canceled' });
    expect(await client.payment().retrievePayment(payment.id)).toMatchObject({ paymentStatus: 'FAILURE', paymentError: { errorCode: 'PAYMENT_CANCELLED', errorGroup: 'NOT_SPECIFIED' } });
    expect(await client.paymentReporting().retrievePayment(payment.id)).toMatchObject({ paymentStatus: 'FAILURE', refundablePrice: 0 });
    expect(await failure(client.payment().refundPayment({ paymentId: payment.id, refundDestinationType: RefundDestinationType.Wallet }))).toMatchObject({ code: 'NOTHING_TO_REFUND', description: expect.stringContaining('cancelled') });
    expect(await transfersOf(payment.id)).toEqual([]);
  });
});

describe('createApmPayment as the Java, Python and PHP clients send it', () => {
  it('Java (Gson, v1, no idempotency header): the official test create_fund_transfer_payment, in USD', async () => {
    const body = {
      apmType: 'FUND_TRANSFER',
      price: 100,
      paidPrice: 100,
      currency: 'USD',
      paymentGroup: 'LISTING_OR_SUBSCRIPTION',
      conversationId: '2bc39889-b34f-40b0-abb0-4ab344360705',
      externalId: 'optional-externalId',
      items: [
        { name: 'item 1', price: 60, externalId: crypto.randomUUID() },
        { name: 'item 2', price: 40, externalId: crypto.randomUUID() },
      ],
    };
    const payment = data<{ id: number; price: number; paymentType: string; paymentStatus: string; conversationId: string; paymentTransactions: unknown[] }>(
      await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/apm-payments', body })),
    );
    expect(payment).toMatchObject({ price: 100, paymentType: 'APM', paymentStatus: 'WAITING', conversationId: '2bc39889-b34f-40b0-abb0-4ab344360705' });
    expect(payment.paymentTransactions).toHaveLength(2);
    const refused = await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/apm-payments', body: { ...body, apmType: 'PAPARA' } }));
    expect(refused.status).toBe(422);
    expect(clientException(refused)).toMatchObject({ errorCode: 'UNSUPPORTED' });
  });

  it('Python (sorted compact body, Decimal as float, x-idempotency-key): the same key records one payment', async () => {
    const call = {
      method: 'POST',
      path: '/payment/v1/apm-payments',
      body: {
        apm_type: 'CASH_ON_DELIVERY',
        price: new PyDecimal('100'),
        paid_price: new PyDecimal('100'),
        currency: 'USD',
        payment_group: 'LISTING_OR_SUBSCRIPTION',
        conversation_id: '241cf73c-7ef1-4e29-a6cc-f37905f2fc3d',
        external_id: 'optional-externalId',
        items: [
          { name: 'item 1', external_id: 'py-1', price: new PyDecimal('60') },
          { name: 'item 2', external_id: 'py-2', price: new PyDecimal('40') },
        ],
      },
      idempotencyKey: `py-apm-${crypto.randomUUID()}`,
    };
    const first = data<{ id: number; apmType: string; paymentStatus: string; paymentTransactions: { externalId: string }[] }>(await send(pythonRequest(credentials, call)));
    expect(first).toMatchObject({ apmType: 'CASH_ON_DELIVERY', paymentStatus: 'WAITING' });
    expect(first.paymentTransactions.map((each) => each.externalId)).toEqual(['py-1', 'py-2']);
    const again = data<{ id: number }>(await send(pythonRequest(credentials, call)));
    expect(again.id).toBe(first.id);
    const recorded = await db.read.select().from(apiPayments).where(eq(apiPayments.conversationId, '241cf73c-7ef1-4e29-a6cc-f37905f2fc3d'));
    expect(recorded.map((row) => row.paymentId)).toEqual([first.id]);
  });

  it('PHP (json_encode, floats, x-idempotency-key on POST): the official sample create_fund_transfer_payment, in USD', async () => {
    const body = {
      apmType: 'FUND_TRANSFER',
      price: new PhpFloat(100.5),
      paidPrice: new PhpFloat(100.5),
      currency: 'USD',
      paymentGroup: 'LISTING_OR_SUBSCRIPTION',
      conversationId: '2bc39889-b34f-40b0-abb0-4ab344360705',
      externalId: 'optional-externalId',
      items: [
        { externalId: crypto.randomUUID(), name: 'Item 1', price: 40 },
        { externalId: crypto.randomUUID(), name: 'Item 2', price: new PhpFloat(60.5) },
      ],
    };
    const payment = data<{ apmType: string; price: number; paymentStatus: string }>(
      await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/apm-payments', body, idempotencyKey: crypto.randomUUID() })),
    );
    expect(payment).toMatchObject({ apmType: 'FUND_TRANSFER', price: 100.5, paymentStatus: 'WAITING' });
    const refused = await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/apm-payments', body: { ...body, paidPrice: 100 }, idempotencyKey: crypto.randomUUID() }));
    expect(refused.status).toBe(400);
    expect(clientException(refused)).toMatchObject({ errorCode: 'VALIDATION_ERROR', errorDescription: expect.stringContaining('paidPrice') });
  });
});
