import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { getDatabase } from '@/db';
import { users } from '@/db/schema';
import { startTopUp } from '@/lib/wallet/top-ups';
import { expect, signIn, test } from '../fixtures';
import { linksIn, waitForMail } from '../fixtures/mailbox';

async function wireTopUp(shopper: { id: number; email: string }, amount: string): Promise<string> {
  const started = await startTopUp(getDatabase(), shopper, { amount, method: 'wire_transfer', attemptKey: crypto.randomUUID() });
  if (started.status !== 'pending') throw new Error('expected a pending wire top-up');
  return started.payment.reference;
}

/** Staff reject the wire top-up `reference` on Pending Top-ups, giving `reason`. */
async function rejectWire(page: Page, reference: string, reason: string) {
  await page.goto(`/admin/top-ups?q=${reference}`);
  await page.getByRole('row', { name: new RegExp(reference) }).getByRole('button', { name: 'Reject', exact: true }).click();
  await page.getByLabel(`Reason for rejecting ${reference}`).fill(reason);
  await page.getByRole('button', { name: 'Reject top-up' }).click();
  await page.getByRole('dialog', { name: 'Reject top-up?' }).getByRole('button', { name: 'Reject top-up', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Rejected ${reference}.` })).toBeVisible();
}

test('a rejected wire top-up e-mails the shopper the staff reason, and staff find the e-mail in the Outbox', async ({ page, shopper, staff, baseURL }) => {
  const reference = await wireTopUp(shopper, '30.00');
  await signIn(page, staff);
  await rejectWire(page, reference, 'No transfer arrived within 14 days');

  const mail = await waitForMail(shopper.email, { subject: `Your wire top-up ${reference} was rejected` });
  expect(mail.text).toContain(`Hello ${shopper.name},`);
  expect(mail.text).toContain('Reason: No transfer arrived within 14 days');
  expect(mail.html).toContain('Reason: No transfer arrived within 14 days');
  expect(linksIn(mail, `${baseURL}/my/wallet/add`)).toHaveLength(1);

  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Backend' }).getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(`Your wire top-up ${reference} was rejected`) });
  await expect(row).toContainText(shopper.email);
  await expect(row).toContainText('Sent');
  await row.getByRole('link', { name: `Your wire top-up ${reference} was rejected` }).click();
  await expect(page.getByText('Reason: No transfer arrived within 14 days')).toBeVisible();
  await expect(page.frameLocator('iframe[title="The e-mail as the recipient sees it"]').getByRole('link', { name: 'Add Money' })).toBeVisible();
});

test("a Turkish shopper's e-mail is in Turkish, whatever the staff member's language", async ({ page, shopper, staff }) => {
  await getDatabase().write((tx) => tx.update(users).set({ locale: 'tr' }).where(eq(users.id, shopper.id)));
  const reference = await wireTopUp(shopper, '12.50');
  await signIn(page, staff);
  await rejectWire(page, reference, 'Havale ulaşmadı');

  const mail = await waitForMail(shopper.email, { subject: `${reference} referanslı havale yüklemeniz reddedildi` });
  expect(mail.text).toContain(`Merhaba ${shopper.name},`);
  expect(mail.text).toContain('Neden: Havale ulaşmadı');
  expect(mail.text).toContain('Para Yükle');
});

test('shoppers cannot open the Outbox', async ({ page, shopper }) => {
  await signIn(page, shopper);
  const response = await page.goto('/admin/outbox');
  expect(response?.status()).toBe(403);
});
