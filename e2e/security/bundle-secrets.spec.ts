import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

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

test('the secrets of this very run are not in the bundles either', () => {
  const values = [process.env.AUTH_SECRET, process.env.STRIPE_SECRET_KEY, process.env.STRIPE_WEBHOOK_SECRET].filter(
    (value): value is string => typeof value === 'string' && value.length >= 8,
  );
  const authSecretFile = path.join(path.dirname(process.env.DATABASE_URL ?? ''), 'auth-secret');
  if (process.env.DATABASE_URL && fs.existsSync(authSecretFile)) values.push(fs.readFileSync(authSecretFile, 'utf8').trim());
  for (const file of filesUnder(staticDir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const value of values) expect(text.includes(value), path.relative(staticDir, file)).toBe(false);
  }
});
