// The scale-out smoke: two `next start` servers on one PostgreSQL database (scripts/e2e.mjs sets
// DATABASE_URL, AUTH_SECRET and the two ports), driven by Chromium like the main suite.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

const ports = [Number(process.env.E2E_PORT_A ?? 3201), Number(process.env.E2E_PORT_B ?? 3202)];

export default defineConfig({
  ...base,
  testDir: './e2e/scale-out',
  testIgnore: [],
  workers: 1,
  webServer: ports.map((port) => ({
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: { APP_URL: `http://127.0.0.1:${port}` },
  })),
});
