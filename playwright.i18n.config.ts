import { defineConfig } from '@playwright/test';
import base from './playwright.config';
import { mailCapture } from './e2e/fixtures/mail-server';

// The Turkish shop: the same build served as a TRY shop in Turkish (SHOP_CURRENCY=TRY
// SHOP_LOCALE=tr) on its own fresh database; scripts/e2e.mjs sets the environment and port.
const port = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  ...base,
  testDir: './e2e/i18n',
  testIgnore: [],
  use: { ...base.use, baseURL },
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Its e-mails go to the run's SMTP server too (base's global setup starts it).
    env: mailCapture(port).serverEnv,
  },
});
