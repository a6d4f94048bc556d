import crypto from 'node:crypto';
import { expect, signIn, test } from '../fixtures';

test('a newcomer registers, is signed in, signs out and signs in again', async ({ page }) => {
  const email = `new-${crypto.randomUUID().slice(0, 8)}@e2e.example`;
  await page.goto('/');
  await page.getByRole('link', { name: 'Register' }).click();
  await page.getByLabel('Name').fill('Nora Newcomer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct horse');
  await page.getByLabel('Confirm password').fill('correct horse');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByTestId('signed-in-as')).toHaveText('Nora Newcomer');
  await expect(page.getByRole('link', { name: 'Wallet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'My Account' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Backend' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  // The session is gone on the server too: the wallet asks to sign in again.
  await page.goto('/my/wallet');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await signIn(page, { email, password: 'correct horse', name: 'Nora Newcomer' });
});

test('registration explains what is wrong next to each field', async ({ page, shopper }) => {
  await page.goto('/register');
  await page.getByLabel('Name').fill('Someone');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('different');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/valid email address/);
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/at least 8 characters/i);

  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password', { exact: true }).fill('long enough');
  await page.getByLabel('Confirm password').fill('long enough');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('An account with this email already exists.');
});

test('a wrong password is refused with a clear message', async ({ page, shopper }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText('Wrong email or password.');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

test('a visitor opening My Wallet is sent to sign in and brought back', async ({ page, shopper }) => {
  await page.goto('/my/wallet');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmy%2Fwallet/);
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/my\/wallet$/);
});

test('a shopper opening the backend gets a 403 page', async ({ page, shopper }) => {
  await signIn(page, shopper);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: /don.t have access/ })).toBeVisible();
});

test('staff sign in and reach the backend', async ({ page, staff }) => {
  await signIn(page, staff);
  await page.getByRole('link', { name: 'Backend' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});

test('after 5 wrong passwords the account is paused, even for the right one', async ({ page, shopper }) => {
  await page.goto('/sign-in');
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.getByLabel('Email').fill(shopper.email);
    await page.getByLabel('Password').fill(`wrong-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The form is reset once the server has answered: only then type the next attempt.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByRole('status')).toHaveText('Wrong email or password.');
  }
  await page.getByLabel('Email').fill(shopper.email);
  await page.getByLabel('Password').fill(shopper.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText('Too many failed sign-ins. Please try again in 15 minutes.');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

test('signing out ends the session on every device, not only in this browser', async ({ browser, shopper }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const onLaptop = await laptop.newPage();
  const onPhone = await phone.newPage();
  await signIn(onLaptop, shopper);
  await signIn(onPhone, shopper);

  await onLaptop.getByRole('button', { name: 'Sign out' }).click();
  await expect(onLaptop.getByRole('link', { name: 'Sign in' })).toBeVisible();

  // The phone still holds its cookie, but the token it carries was issued before the sign-out.
  await onPhone.goto('/my/wallet');
  await expect(onPhone).toHaveURL(/\/sign-in\?callbackUrl=%2Fmy%2Fwallet/);
  await laptop.close();
  await phone.close();
});
