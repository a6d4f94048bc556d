import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getDatabase } from '@/db';
import { authSecret } from '@/lib/auth/secret';

// The e2e runner builds with `next build` first; everything under <distDir>/static is sent to browsers.
const staticDir = path.join(process.cwd(), process.env.COFFER_DIST_DIR || '.next', 'static');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

// Server-only code and secrets: none of these may reach a client bundle.
const serverOnlyMarkers = [
  'better-sqlite3',
  'argon2',
  'sk_test_',
  'sk_live_',
  'rk_live_',
  'whsec_',
  'auth-secret',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'AUTH_SECRET',
  'DATABASE_URL',
  'COFFER_DATA_DIR',
  'secretCiphertext',
  'secret_ciphertext',
  'coffer-api-keys',
  'passwordHash',
  'password_hash',
];

test('no client bundle carries server-only code, secret names or secret values', () => {
  expect(fs.existsSync(staticDir), 'run next build first (npm run test:e2e does)').toBe(true);
  const files = filesUnder(staticDir).filter((file) => /\.(js|mjs|css|json|map|txt|html)$/.test(file));
  expect(files.length).toBeGreaterThan(0);
  const found: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const marker of serverOnlyMarkers) {
      if (text.includes(marker)) found.push(`${path.relative(staticDir, file)}: ${marker}`);
    }
  }
  expect(found).toEqual([]);
});

test('the secrets of this very run are not in the bundles either', async () => {
  // The session secret the server signs with: AUTH_SECRET, or the one generated and stored in the
  // database (lib/auth/secret.ts; asking for it stores it if no server has yet, and the server reads the same row).
  const sessionSecret = await authSecret(getDatabase());
  const values = [sessionSecret, process.env.STRIPE_SECRET_KEY, process.env.STRIPE_WEBHOOK_SECRET].filter(
    (value): value is string => typeof value === 'string' && value.length >= 8,
  );
  expect(values, 'the session secret is checked').toContain(sessionSecret);
  for (const file of filesUnder(staticDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const value of values) expect(text.includes(value), path.relative(staticDir, file)).toBe(false);
  }
});
