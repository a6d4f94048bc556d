import crypto from 'node:crypto';
import { expect, signIn, test } from '../fixtures';
import { linksIn, waitForMail } from '../fixtures/mailbox';

// Issue 17: forgot password → the e-mail arrives → the link sets a new password → signing in with
// it works and the old session is gone. A freshly registered account, not the demo shopper.
test('a shopper who forgot the password resets it by e-mail; the old session ends', async ({ page, browser, baseURL }) => {
  const email = `forgetful-${crypto.randomUUID().slice(0, 8)}@e2e.example`;
  const name = 'Fiona Forgetful';

  // Registered and signed in on one device: the session that must end.
  await page.goto('/register');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('the first password');
  await page.getByLabel('Confirm password').fill('the first password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(name);

  // On another device, the password is forgotten.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto('/sign-in');
  await phone.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(phone.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await phone.getByLabel('Email').fill(email);
  await phone.getByRole('button', { name: 'Send reset link' }).click();
  await expect(phone.getByRole('status')).toContainText('If an account exists for this address, we sent a link');

  const mail = await waitForMail(email, { subject: 'Reset your password' });
  const [resetLink] = linksIn(mail, `${baseURL}/reset-password`);
  expect(resetLink).toBeDefined();
  await phone.goto(resetLink ?? '');
  await expect(phone.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await phone.getByLabel('New password').fill('a brand new password');
  await phone.getByLabel('Confirm password').fill('a brand new password');
  await phone.getByRole('button', { name: 'Set new password' }).click();
  await expect(phone).toHaveURL(/\/sign-in\?reset=done/);
  await expect(phone.getByText('Your password was changed')).toBeVisible();

  await signIn(phone, { email, password: 'a brand new password', name });

  // The link worked once.
  await phone.goto(resetLink ?? '');
  await expect(phone.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await expect(phone.getByRole('link', { name: 'Request a new link' })).toBeVisible();
  await other.close();

  // The first device's session is gone: the wallet asks to sign in again.
  await page.goto('/my/wallet');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test('asking for an address with no account answers the same and sends nothing', async ({ page }) => {
  const nobody = `nobody-${crypto.randomUUID().slice(0, 8)}@e2e.example`;
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account exists for this address, we sent a link');
});
