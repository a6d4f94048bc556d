import crypto from 'node:crypto';
import Craftgate from '@craftgate/craftgate';
import { getDatabase } from '@/db';
import { createApiKey } from '@/lib/api/secrets';
import { getBalance } from '@/lib/ledger';
import { openPaymentPage } from '@/lib/payment-pages/pages';
import { expect, test } from '../fixtures';

// Issue 18: the official Node client (the newest published version) calls every method Coffer
// serves against the built app under `next start` — the real request path, where Next re-serialises
// the query before the handler sees it (a member search with a space, a list filter) — and a buyer
// pays a checkout form the client opened, in the browser.

const { ApmType, Currency, PaymentGroup, PaymentStatus, WalletTransactionType } = Craftgate.Model;
const card = { cardHolderName: 'Ada Lovelace', cardNumber: '4242424242424242', expireYear: '2044', expireMonth: '07', cvc: '000' };

test('the Node client works against the built app: members, wallets, remittances, payments, refunds, reports, deposits, withdrawals, APM, checkout form, multi payment', async ({ page, staff, baseURL }) => {
  test.setTimeout(120_000);
  const db = getDatabase();
  const key = await createApiKey(db, { name: `E2E Node client ${Date.now()}`, staffId: staff.id });
  const client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: `${baseURL}/api/craftgate` });
  const unique = crypto.randomUUID().slice(0, 8);
  const walletOf = async (id: number) => (await getBalance(db.read, { wallet: id, currency: 'USD' })).available;

  // Members, found by a name with a space in it (signed as the client sent it, read as Next hands it over).
  const member = await client.onboarding().createMember({ memberExternalId: `e2e-${unique}`, name: `Ada Lovelace ${unique}`, email: `ada-${unique}@example.com`, address: '', phoneNumber: '' });
  expect(await client.onboarding().retrieveMember(member.id)).toMatchObject({ id: member.id, memberExternalId: `e2e-${unique}` });
  expect(await client.onboarding().updateMember(member.id, { name: `Ada King ${unique}`, email: `ada-${unique}@example.com`, address: 'Main St 1' })).toMatchObject({ name: `Ada King ${unique}` });
  expect((await client.onboarding().searchMembers({ name: `Ada King ${unique}` })).items.map((found) => found.id)).toEqual([member.id]);

  // Wallets and remittances.
  expect(await client.wallet().retrieveMemberWallet(member.id)).toMatchObject({ amount: 0, negativeAmountLimit: 0, currency: 'USD' });
  const sent = await client.wallet().sendRemittance({ memberId: String(member.id), price: 120.5, currency: Currency.USD, description: 'Welcome credit' });
  expect(await client.wallet().receiveRemittance({ memberId: String(member.id), price: 0.5, currency: Currency.USD, description: 'Back' })).toMatchObject({ price: 0.5 });
  expect(await client.wallet().retrieveRemittance(sent.id)).toMatchObject({ id: sent.id, price: 120.5 });
  expect(await client.wallet().updateMemberWallet(member.id, member.id, { negativeAmountLimit: -5 })).toMatchObject({ amount: 120, negativeAmountLimit: -5 });
  expect((await client.wallet().searchWalletTransactions(member.id, { walletTransactionTypes: [WalletTransactionType.Remittance] })).items).toHaveLength(2);
  expect(await client.wallet().retrieveMerchantMemberWallet()).toMatchObject({ currency: 'USD' });
  expect(await client.wallet().resetMerchantMemberWalletBalance({ walletAmount: 0 })).toMatchObject({ amount: 0 });
  expect(await walletOf(member.id)).toBe(12_000);

  // Payments: from the wallet, then card and wallet; refunds to each source; the reports.
  const items = [{ name: 'Kettle', price: 40 }, { name: 'Tea', price: 20 }];
  const fromWallet = await client.payment().createPayment({ price: 60, paidPrice: 60, walletPrice: 60, installment: 1, buyerMemberId: member.id, currency: Currency.USD, items });
  expect(fromWallet).toMatchObject({ paymentType: 'WALLET_PAYMENT', paymentStatus: 'SUCCESS' });
  const both = await client.payment().createPayment({ price: 60, paidPrice: 60, walletPrice: 20, installment: 1, buyerMemberId: member.id, currency: Currency.USD, card, items });
  expect(both).toMatchObject({ paymentType: 'CARD_AND_WALLET_PAYMENT', paymentStatus: 'SUCCESS', walletPrice: 20 });
  expect(await client.payment().retrievePayment(both.id)).toMatchObject({ id: both.id, paidPrice: 60 });
  expect(await walletOf(member.id)).toBe(12_000 - 6_000 - 2_000);
  const transaction = both.paymentTransactions[0]?.id ?? 0;
  const partial = await client.payment().refundPaymentTransaction({ paymentTransactionId: transaction, refundPrice: 4 });
  expect(await client.payment().retrievePaymentTransactionRefund(partial.id)).toMatchObject({ id: partial.id, refundPrice: 4 });
  const rest = await client.payment().refundPayment({ paymentId: both.id });
  expect(await client.payment().retrievePaymentRefund(rest.id)).toMatchObject({ id: rest.id, paymentId: both.id, refundPrice: 56 });
  expect(await walletOf(member.id)).toBe(4_000 + 2_000); // the wallet's 20 back; the card's 40 to the card
  const reporting = client.paymentReporting();
  expect((await reporting.searchPayments({ buyerMemberId: member.id, paymentStatus: PaymentStatus.Success })).items.map((found) => found.id).sort()).toEqual([fromWallet.id, both.id].sort());
  expect(await reporting.retrievePayment(both.id)).toMatchObject({ refundStatus: 'FULLY_REFUNDED' });
  expect((await reporting.retrievePaymentTransactions(both.id)).items).toHaveLength(2);
  expect((await reporting.retrievePaymentRefunds(both.id)).items.map((found) => found.id)).toEqual(expect.arrayContaining([partial.id, rest.id]));
  expect((await reporting.retrievePaymentTransactionRefunds(both.id, transaction)).items.length).toBeGreaterThan(0);
  expect((await reporting.searchPaymentRefunds({ paymentId: both.id })).items.length).toBeGreaterThan(0);
  expect((await reporting.searchPaymentTransactionRefunds({ paymentId: both.id })).items.length).toBeGreaterThan(0);

  // Deposits: by card (Demo) and by fund transfer; a card top-up refunded to the card.
  const deposit = await client.payment().createDepositPayment({ buyerMemberId: member.id, price: 30, currency: Currency.USD, card });
  await client.payment().createFundTransferDepositPayment({ price: 10, buyerMemberId: member.id });
  const topUp = deposit.walletTransaction.id;
  expect(await client.wallet().retrieveRefundableAmountOfWalletTransaction(topUp)).toMatchObject({ refundableAmount: 30 });
  expect(await client.wallet().refundWalletTransaction(topUp, { refundPrice: 5 })).toMatchObject({ refundPrice: 5 });
  expect((await client.wallet().retrieveRefundWalletTransactions(topUp)).items).toHaveLength(1);
  expect(await walletOf(member.id)).toBe(6_000 + 3_000 + 1_000 - 500);

  // Withdrawals.
  const withdraw = await client.wallet().createWithdraw({ memberId: member.id, price: 10, description: 'To the bank', currency: Currency.USD });
  expect(await client.wallet().retrieveWithdraw(withdraw.id)).toMatchObject({ payoutStatus: 'WAITING_FOR_PAYOUT' });
  expect(await client.wallet().cancelWithdraw(withdraw.id)).toMatchObject({ payoutStatus: 'CANCELLED' });
  expect((await client.wallet().searchWithdraws({ memberId: member.id })).items.map((found) => found.id)).toEqual([withdraw.id]);

  // APM: waiting for staff.
  const apm = await client.payment().createApmPayment({ apmType: ApmType.FundTransfer, price: 15, paidPrice: 15, currency: Currency.USD, paymentGroup: PaymentGroup.Product, buyerMemberId: member.id, items: [{ name: 'Desk', price: 15 }] });
  expect(apm).toMatchObject({ paymentType: 'APM', paymentStatus: 'WAITING' });

  // The checkout form: opened by the client, paid by the buyer in the browser, read back by the token.
  const form = await client.payment().initCheckoutPayment({ price: 25, paidPrice: 25, currency: Currency.USD, paymentGroup: PaymentGroup.Product, callbackUrl: `${baseURL}/?from=erp`, items: [{ name: 'Teapot', price: 25 }] });
  await page.goto(new URL(form.pageUrl).pathname);
  await page.getByLabel('Name on card').fill('Ada Lovelace');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/44');
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await expect(page.getByRole('heading', { name: 'Payment complete' })).toBeVisible();
  expect(await client.payment().retrieveCheckoutPayment(form.token)).toMatchObject({ paymentStatus: 'SUCCESS', paymentSource: 'CHECKOUT_FORM', paidPrice: 25 });
  const unpaid = await client.payment().initCheckoutPayment({ price: 5, paidPrice: 5, currency: Currency.USD, paymentGroup: PaymentGroup.Product, callbackUrl: `${baseURL}/`, items: [{ name: 'Spoon', price: 5 }] });
  await client.payment().expireCheckoutPayment(unpaid.token);
  await page.goto(new URL(unpaid.pageUrl).pathname);
  await expect(page.getByRole('heading', { name: 'This payment page has expired' })).toBeVisible();

  // Multi payment (the published client can read one; it cannot open one yet).
  const multi = await db.write((tx) =>
    openPaymentPage(tx, { kind: 'multi', apiKeyId: key.id, buyerId: member.id, price: 3_000, paidPrice: 3_000, currency: 'USD', items: [{ name: 'Chair', externalId: null, price: 3_000 }], conversationId: null, externalId: null, paymentGroup: 'PRODUCT', callbackUrl: `${baseURL}/`, paymentMethods: null, maxPayments: 2, ttlMinutes: null }),
  );
  expect(await client.payment().retrieveMultiPayment(multi.token)).toMatchObject({ id: multi.id, multiPaymentStatus: 'CREATED', paidPrice: 30, remainingAmount: 30, paymentIds: [] });
});
