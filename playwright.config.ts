import { defineConfig } from '@playwright/test';
import { mailCapture } from './e2e/fixtures/mail-server';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The shop sends its e-mails to a real SMTP server on loopback that the specs read (e2e/fixtures/mailbox.ts).
const mail = mailCapture(port);

export default defineConfig({
  testDir: './e2e',
  // Two servers on PostgreSQL: playwright.scale-out.config.ts; the Turkish TRY shop: playwright.i18n.config.ts (both run by scripts/e2e.mjs).
  testIgnore: [/\/e2e\/scale-out\//, /\/e2e\/i18n\//],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/fixtures/mail-server.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: mail.serverEnv,
  },
});
