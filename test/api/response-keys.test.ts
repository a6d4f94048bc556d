// Issue 18: every response carries exactly the keys the official Node client's response type
// declares for that call (null where it does not apply), nested types too; the types are read from
// the installed client's .d.ts files (test/api/client-types.ts).
import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { createApiKey } from '@/lib/api/secrets';
import { payOnPage } from '@/lib/payment-pages/pay';
import { demoCardSchema } from '@/lib/payments/demo-card';
import { completePayment } from '@/lib/payments/complete';
import { createPaymentRecord, findPayment } from '@/lib/payments/records';
import { insertTestUser } from '@/test/helpers/users';
import { clientType, shapeDifferences } from './client-types';
import { startApiServer, type TestServer } from './craftgate-server';

const db = getDatabase();
const { Currency, WalletTransactionType } = Craftgate.Model;

let server: TestServer;
let client: InstanceType<typeof Craftgate.Client>;

beforeAll(async () => {
  server = await startApiServer();
  const key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
  client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl });
});

afterAll(() => server.close());

/**
 * The one deliberate exception: the Node client types the items of retrieveRefundWalletTransactions
 * as PaymentTransactionRefundResponse, the Java and Python clients as RefundWalletTransactionResponse
 * (refundStatus, transactionId, walletTransactionId, paymentError, transactionType): the items carry both.
 */
const walletRefundListExtras = { PaymentTransactionRefundResponse: ['refundStatus', 'transactionId', 'walletTransactionId', 'paymentError', 'transactionType'] };

function expectShape(value: unknown, typeName: string, extra: Record<string, string[]> = {}) {
  expect(shapeDifferences(value, clientType(typeName), '', extra)).toEqual([]);
}

function expectPage(value: unknown, itemType: string, extra: Record<string, string[]> = {}) {
  const page = value as { items: unknown[] };
  expect(Object.keys(page).sort()).toEqual([...clientType('DataResponse').keys].sort());
  expect(page.items.length).toBeGreaterThan(0);
  for (const item of page.items) expectShape(item, itemType, extra);
}

describe('responses have exactly the keys of the Node client types', () => {
  it('members, wallets, remittances, wallet transactions, the merchant wallet', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-1', name: 'Keys One', email: 'keys-1@example.com', address: 'Main St 1', phoneNumber: '+15550100' });
    expectShape(member, 'MemberResponse');
    expectShape(await client.onboarding().retrieveMember(member.id), 'MemberResponse');
    expectShape(await client.onboarding().updateMember(member.id, { name: 'Keys Uno', email: 'keys-1@example.com', address: 'Side St 2' }), 'MemberResponse');
    expectPage(await client.onboarding().searchMembers({ name: 'Keys' }), 'MemberResponse');

    expectShape(await client.wallet().createMemberWallet(member.id, { negativeAmountLimit: 0, currency: Currency.USD }), 'WalletResponse');
    expectShape(await client.wallet().retrieveMemberWallet(member.id), 'WalletResponse');
    expectShape(await client.wallet().updateMemberWallet(member.id, member.id, { negativeAmountLimit: 0 }), 'WalletResponse');
    expectShape(await client.wallet().retrieveMerchantMemberWallet(), 'WalletResponse');
    expectShape(await client.wallet().resetMerchantMemberWalletBalance({ walletAmount: 0 }), 'WalletResponse');

    const sent = await client.wallet().sendRemittance({ memberId: String(member.id), price: 20, currency: Currency.USD, description: 'Funds' });
    expectShape(sent, 'RemittanceResponse');
    expectShape(await client.wallet().receiveRemittance({ memberId: String(member.id), price: 1, currency: Currency.USD, description: 'Back' }), 'RemittanceResponse');
    expectShape(await client.wallet().retrieveRemittance(sent.id), 'RemittanceResponse');
    expectPage(await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.Remittance] }), 'WalletTransactionResponse');
  });

  it('payments, refunds and the refunds report', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-2', name: 'Keys Two', email: 'keys-2@example.com', address: '', phoneNumber: '' });
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 50, currency: Currency.USD, description: 'Funds' });
    const payment = await client.payment().createPayment({
      price: 30,
      paidPrice: 30,
      walletPrice: 30,
      installment: 1,
      buyerMemberId: member.id,
      currency: Currency.USD,
      items: [
        { name: 'Mug', price: 10 },
        { name: 'Tea', price: 20 },
      ],
    });
    expectShape(payment, 'PaymentResponse');
    expectShape(await client.payment().retrievePayment(payment.id), 'PaymentResponse');
    // Nulls where a wallet payment has nothing to say; the payout and transaction status of each item are there.
    expect(payment).toMatchObject({ cardUserKey: null, binNumber: null, pos: null, paymentError: null, paymentProvider: null });
    expect(payment.paymentTransactions[0]).toMatchObject({ transactionStatus: expect.any(String), merchantPayoutAmount: 10, payout: expect.objectContaining({ merchantPayoutAmount: 10, currency: 'USD' }) });

    const first = payment.paymentTransactions[0]?.id ?? 0;
    expectShape(await client.payment().refundPaymentTransaction({ paymentTransactionId: first, refundPrice: 1 }), 'PaymentTransactionRefundResponse');
    expectShape(await client.payment().refundPayment({ paymentId: payment.id }), 'PaymentRefundResponse');
    expectPage(await client.paymentReporting().searchPaymentRefunds({ paymentId: payment.id }), 'ReportingPaymentRefundResponse');
  });

  it('card and wallet payments, failed ones, refund retrieval and every payment report', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-4', name: 'Keys Four', email: 'keys-4@example.com', address: '', phoneNumber: '' });
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 50, currency: Currency.USD, description: 'Funds' });
    const card = { cardHolderName: 'Keys Four', cardNumber: '5258640000000001', expireYear: '2044', expireMonth: '07', cvc: '000' };
    const request = { price: 30, paidPrice: 30, walletPrice: 10, installment: 1 as const, buyerMemberId: member.id, currency: Currency.USD, card, items: [{ name: 'Mug', price: 10 }, { name: 'Tea', price: 20 }] };
    const payment = await client.payment().createPayment(request);
    expectShape(payment, 'PaymentResponse');
    expect(payment).toMatchObject({ paymentType: 'CARD_AND_WALLET_PAYMENT', binNumber: '52586400', lastFourDigits: '0001', cardUserKey: null, paymentError: null });
    expectShape(await client.payment().retrievePayment(payment.id), 'PaymentResponse');
    await expect(client.payment().createPayment({ ...request, card: { ...card, cardNumber: '4000000000000002' } })).rejects.toThrow();

    const [first] = payment.paymentTransactions;
    const transactionRefund = await client.payment().refundPaymentTransaction({ paymentTransactionId: first?.id ?? 0, refundPrice: 3 });
    expectShape(transactionRefund, 'PaymentTransactionRefundResponse');
    expectShape(await client.payment().retrievePaymentTransactionRefund(transactionRefund.id), 'PaymentTransactionRefundResponse');
    const refund = await client.payment().refundPayment({ paymentId: payment.id });
    expectShape(refund, 'PaymentRefundResponse');
    expectShape(await client.payment().retrievePaymentRefund(refund.id), 'PaymentRefundResponse');

    const reporting = client.paymentReporting();
    // Every report, a failed payment (its paymentError) among them.
    expectPage(await reporting.searchPayments({ buyerMemberId: member.id }), 'ReportingPaymentResponse');
    const reported = await reporting.retrievePayment(payment.id);
    expectShape(reported, 'ReportingPaymentResponse');
    expect(reported.buyerMember).toMatchObject({ id: member.id });
    expect((await reporting.searchPayments({ buyerMemberId: member.id, paymentStatus: Craftgate.Model.PaymentStatus.Failure })).items[0]?.paymentError).toMatchObject({ errorGroup: 'DECLINED' });
    expectPage(await reporting.retrievePaymentTransactions(payment.id), 'dto/ReportingPaymentTransaction');
    expectPage(await reporting.retrievePaymentRefunds(payment.id), 'ReportingPaymentRefundResponse');
    expectPage(await reporting.retrievePaymentTransactionRefunds(payment.id, first?.id ?? 0), 'ReportingPaymentTransactionRefundResponse');
    expectPage(await reporting.searchPaymentRefunds({ paymentId: payment.id }), 'ReportingPaymentRefundResponse');
    expectPage(await reporting.searchPaymentTransactionRefunds({ paymentId: payment.id }), 'ReportingPaymentTransactionRefundResponse');
  });

  it('withdrawals: created, retrieved, cancelled and searched', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-5', name: 'Keys Five', email: 'keys-5@example.com', address: '', phoneNumber: '' });
    await client.wallet().sendRemittance({ memberId: String(member.id), price: 30, currency: Currency.USD, description: 'Funds' });
    const withdraw = await client.wallet().createWithdraw({ memberId: member.id, price: 10, description: 'To the bank', currency: Currency.USD });
    expectShape(withdraw, 'WithdrawResponse');
    expectShape(await client.wallet().retrieveWithdraw(withdraw.id), 'WithdrawResponse');
    expectShape(await client.wallet().cancelWithdraw(withdraw.id), 'WithdrawResponse');
    expectPage(await client.wallet().searchWithdraws({ memberId: member.id }), 'WithdrawResponse');
  });

  it('card and fund-transfer deposits, and refunds of a top-up to the card', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-3', name: 'Keys Three', email: 'keys-3@example.com', address: '', phoneNumber: '' });
    const deposit = await client.payment().createDepositPayment({
      buyerMemberId: member.id,
      price: 40,
      currency: Currency.USD,
      card: { cardHolderName: 'Keys Three', cardNumber: '4242424242424242', expireYear: '2044', expireMonth: '07', cvc: '000' },
    });
    expectShape(deposit, 'DepositPaymentResponse');
    expectShape(await client.payment().createFundTransferDepositPayment({ price: 25, buyerMemberId: member.id }), 'FundTransferDepositPaymentResponse');

    // A Demo top-up completed as the shopper's own Add Money would.
    const { payment } = await db.write((tx) =>
      createPaymentRecord(tx, { userId: member.id, purpose: 'top_up', provider: 'demo', amount: 1000, currency: 'USD', idempotencyKey: `keys-top-up:${crypto.randomUUID()}` }),
    );
    await db.write((tx) => completePayment(tx, payment.id, 1000));
    const topUp = (await findPayment(db.read, payment.id))?.transferId ?? 0;
    expectShape(await client.wallet().retrieveRefundableAmountOfWalletTransaction(topUp), 'WalletTransactionRefundableAmountResponse');
    expectShape(await client.wallet().refundWalletTransaction(topUp, { refundPrice: 2 }), 'RefundWalletTransactionResponse');
    const list = await client.wallet().retrieveRefundWalletTransactions(topUp);
    expect(Object.keys(list)).toEqual(clientType('RefundWalletTransactionListResponse').keys);
    for (const item of list.items) expectShape(item, 'PaymentTransactionRefundResponse', walletRefundListExtras);
  });
  it('the checkout form (a payment and a deposit) and multi payment', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-6', name: 'Keys Six', email: 'keys-6@example.com', address: '', phoneNumber: '' });
    const card = demoCardSchema().parse({ cardHolderName: 'Keys Six', cardNumber: '4242424242424242', expiry: '07/2044', cvc: '000' });
    const pay = (token: string, amount: number | null) => payOnPage(db, { token, attemptKey: crypto.randomUUID(), method: 'card', amount, card, payerId: null });
    const request = { price: 30, paidPrice: 30, currency: Currency.USD, paymentGroup: Craftgate.Model.PaymentGroup.Product, callbackUrl: 'https://merchant.example/cb' };
    const checkout = await client.payment().initCheckoutPayment({ ...request, items: [{ name: 'Mug', price: 10 }, { name: 'Tea', price: 20 }] });
    expectShape(checkout, 'InitCheckoutPaymentResponse');
    await pay(checkout.token, null);
    expectShape(await client.payment().retrieveCheckoutPayment(checkout.token), 'PaymentResponse');
    const deposit = await client.payment().initCheckoutPayment({ ...request, buyerMemberId: member.id, depositPayments: true });
    await pay(deposit.token, null);
    expectShape(await client.payment().retrieveCheckoutPayment(deposit.token), 'PaymentResponse');

    // initMultiPayment: not in the published client (1.0.65); its answer has the keys of InitCheckoutPaymentResponse (the same in every client).
    const { apiKey, secretKey } = await createApiKey(db, { name: 'Multi', staffId: (await insertTestUser(db, 'staff')).id });
    const { calculateSignature } = await import('@craftgate/craftgate/dist/lib/utils');
    const url = `${server.baseUrl}/payment/v1/multi-payments/init`;
    const body = JSON.stringify({ price: 30, currency: 'USD', paymentGroup: 'PRODUCT', callbackUrl: 'https://merchant.example/cb', items: [{ name: 'Mug', price: 30 }] });
    const rnd = crypto.randomUUID();
    const initMulti = (await (await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': calculateSignature({ apiKey, secretKey, randomStr: rnd, url, body }) } })).json()) as { data: { token: string } };
    expectShape(initMulti.data, 'InitCheckoutPaymentResponse');
    await pay(initMulti.data.token, 1000);
    // The Java and Python clients (and Node's repository HEAD) read the amount as price, Node 1.0.65 as paidPrice: both are sent.
    expectShape(await client.payment().retrieveMultiPayment(initMulti.data.token), 'MultiPaymentResponse', { MultiPaymentResponse: ['price'] });
  });

  it('APM payments (fund transfer, cash on delivery): created, retrieved and reported, with apmType beside the PaymentResponse keys', async () => {
    const member = await client.onboarding().createMember({ memberExternalId: 'keys-apm', name: 'Keys Apm', email: 'keys-apm@example.com', address: '', phoneNumber: '' });
    // The platform's APM payment response names the apmType; the Node client's PaymentResponse does not declare it.
    const apm = { PaymentResponse: ['apmType'], ReportingPaymentResponse: ['apmType'] };
    const request = { price: 30, paidPrice: 30, currency: Currency.USD, paymentGroup: Craftgate.Model.PaymentGroup.Product, items: [{ name: 'Mug', price: 10 }, { name: 'Tea', price: 20 }] };
    const transfer = await client.payment().createApmPayment({ ...request, apmType: Craftgate.Model.ApmType.FundTransfer, buyerMemberId: member.id });
    expectShape(transfer, 'PaymentResponse', apm);
    expect(transfer).toMatchObject({ paymentType: 'APM', apmType: 'FUND_TRANSFER', paymentStatus: 'WAITING', walletPrice: 0, cardUserKey: null, paymentError: null });
    expectShape(await client.payment().createApmPayment({ ...request, apmType: Craftgate.Model.ApmType.CashOnDelivery }), 'PaymentResponse', apm);
    expectShape(await client.payment().retrievePayment(transfer.id), 'PaymentResponse', apm);
    expectShape(await client.paymentReporting().retrievePayment(transfer.id), 'ReportingPaymentResponse', apm);
    expectPage(await client.paymentReporting().searchPayments({ buyerMemberId: member.id }), 'ReportingPaymentResponse', apm);
    expectPage(await client.paymentReporting().retrievePaymentTransactions(transfer.id), 'dto/ReportingPaymentTransaction');
  });
});
