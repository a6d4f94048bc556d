import Craftgate from '@craftgate/craftgate';
import { getDatabase } from '@/db';
import { createApiKey } from '@/lib/api/secrets';
import { expect, signIn, test } from '../fixtures';

const { ApmType, Currency, PaymentGroup } = Craftgate.Model;

// A merchant's system records a fund transfer and a cash on delivery payment through the API;
// staff see both waiting on Orders, mark the transfer paid and cancel the cash one.
test('staff see payments taken through the API on Orders, mark one paid and cancel another', async ({ page, staff, shopper, baseURL }) => {
  const key = await createApiKey(getDatabase(), { name: `E2E APM ${Date.now()}`, staffId: staff.id });
  const client = new Craftgate.Client({ apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: `${baseURL}/api/craftgate` });
  const items = [
    { name: 'Item 1', price: 40, externalId: 'e2e-1' },
    { name: 'Item 2', price: 2.5, externalId: 'e2e-2' },
  ];
  const transfer = await client.payment().createApmPayment({
    apmType: ApmType.FundTransfer,
    price: 42.5,
    paidPrice: 42.5,
    currency: Currency.USD,
    paymentGroup: PaymentGroup.Product,
    buyerMemberId: shopper.id,
    conversationId: `e2e-transfer-${Date.now()}`,
    items,
  });
  const cash = await client.payment().createApmPayment({ apmType: ApmType.CashOnDelivery, price: 42.5, paidPrice: 42.5, currency: Currency.USD, paymentGroup: PaymentGroup.Product, items });
  expect(transfer.paymentStatus).toBe('WAITING');

  await signIn(page, staff);
  await page.goto('/admin/orders');
  const section = page.getByRole('region', { name: 'Payments through the API' });
  await expect(section).toBeVisible();
  const table = section.getByRole('table', { name: 'Payments through the API waiting for their money' });
  const transferRow = table.getByRole('row').filter({ hasText: transfer.orderId });
  await expect(transferRow).toContainText(shopper.name);
  await expect(transferRow).toContainText('Wire Transfer');
  await expect(transferRow).toContainText('$42.50');
  const cashRow = table.getByRole('row').filter({ hasText: cash.orderId });
  await expect(cashRow).toContainText('Cash on Delivery');
  await expect(cashRow).toContainText('—');

  await transferRow.getByRole('button', { name: `Mark paid (${transfer.orderId})` }).click();
  const paid = page.getByRole('dialog', { name: 'Mark this payment paid?' });
  await expect(paid).toContainText(`$42.50 from ${shopper.name} by Wire Transfer`);
  await paid.getByRole('button', { name: 'Mark paid' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Payment ${transfer.orderId} is marked paid: $42.50 received.` })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: transfer.orderId })).toHaveCount(0);

  await cashRow.getByRole('button', { name: `Cancel (${cash.orderId})` }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this payment?' });
  await expect(cancel).toContainText('$42.50 from no member named by Cash on Delivery');
  await cancel.getByRole('button', { name: 'Cancel payment' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Payment ${cash.orderId} is cancelled.` })).toBeVisible();

  // The merchant's system reads what staff decided.
  expect(await client.payment().retrievePayment(transfer.id)).toMatchObject({ paymentStatus: 'SUCCESS', apmType: 'FUND_TRANSFER' });
  expect(await client.payment().retrievePayment(cash.id)).toMatchObject({ paymentStatus: 'FAILURE' });
});
