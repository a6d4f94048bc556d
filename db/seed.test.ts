// Each case opens its own empty SQLite file and shop currency: db/client connects, and lib/config
// reads SHOP_CURRENCY, when first imported, so each case imports a fresh module graph.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoPrice } from './seed-data';

function newDatabaseFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-seed-')), 'seed.db');
}

/** The shop as a fresh start with this file and currency sees it: migrated, nothing seeded yet. */
async function openShop(file: string, currency: string) {
  vi.stubEnv('DATABASE_URL', file);
  vi.stubEnv('COFFER_DATA_DIR', path.dirname(file));
  vi.stubEnv('SHOP_CURRENCY', currency);
  vi.resetModules();
  const { db, sqlite } = await import('./client');
  const { migrateDatabase } = await import('./migrate');
  await migrateDatabase();
  const rowCounts = (): Record<string, number> => {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
      .pluck()
      .all()
      .filter((name): name is string => typeof name === 'string');
    return Object.fromEntries(tables.map((table) => [table, Number(sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get())]));
  };
  return { sqlite, rowCounts, seed: await import('./seed'), ledger: await import('@/lib/ledger') };
}

afterEach(() => {
  vi.doUnmock('@/lib/checkout');
  vi.unstubAllEnvs();
});

describe('seedDemoData on a fresh database', () => {
  it.each(['USD', 'TRY', 'JPY', 'KWD', 'BHD', 'IQD', 'EUR'])('seeds a %s shop whose ledger verifies', async (currency) => {
    const shop = await openShop(newDatabaseFile(), currency);
    expect(shop.seed.databaseIsEmpty()).toBe(true);
    await shop.seed.seedDemoData();

    expect(shop.seed.databaseIsEmpty()).toBe(false);
    expect(shop.ledger.verifyLedger().ok).toBe(true);
    const productCurrencies = shop.sqlite.prepare('SELECT DISTINCT currency FROM products').pluck().all();
    expect(productCurrencies).toEqual([currency]);
    const orders = shop.sqlite.prepare('SELECT state, currency, amount_total AS total FROM orders').all();
    expect(orders).toEqual([expect.objectContaining({ state: 'paid', currency })]);
    const invoices = shop.sqlite.prepare('SELECT currency, payment_state AS state FROM invoices ORDER BY id').all();
    // Three demo invoices, and the order's own (Automatic Invoice is on by default).
    expect(invoices).toEqual([
      { currency, state: 'paid' },
      { currency, state: 'not_paid' },
      { currency, state: 'not_paid' },
      { currency, state: 'paid' },
    ]);
    const shopperId = Number(shop.sqlite.prepare("SELECT id FROM users WHERE email = 'shopper@example.com'").pluck().get());
    const wallet = shop.ledger.getBalance({ wallet: shopperId, currency });
    const price = (usdCents: number) => demoPrice(usdCents, currency);
    // The card top-up less the first order (a card holder and two bottles); the wire top-up waits.
    expect(wallet.available).toBe(price(33_950) - price(3_900) - 2 * price(2_900));
    expect(wallet.pendingIncoming).toBe(price(10_000));

    // A second run (a restart that seeds again) adds nothing.
    const before = shop.rowCounts();
    await shop.seed.seedDemoData();
    expect(shop.rowCounts()).toEqual(before);
  });
});

describe('a seed that fails midway', () => {
  it('leaves nothing behind, so the next start seeds again', async () => {
    const file = newDatabaseFile();
    // The last step fails as the demo order did with SHOP_CURRENCY=TRY (EMPTY_CART).
    vi.doMock('@/lib/checkout', async (importOriginal) => {
      const actual = await importOriginal<typeof import('@/lib/checkout')>();
      return {
        ...actual,
        payOrderFromWallet: () => {
          throw new actual.CheckoutError('EMPTY_CART', 'Your cart is empty.');
        },
      };
    });
    const failing = await openShop(file, 'TRY');
    const empty = failing.rowCounts();
    await expect(failing.seed.seedDemoData()).rejects.toMatchObject({ code: 'EMPTY_CART' });
    expect(failing.rowCounts()).toEqual(empty);
    expect(failing.seed.databaseIsEmpty()).toBe(true);

    vi.doUnmock('@/lib/checkout');
    const restarted = await openShop(file, 'TRY');
    await restarted.seed.seedDemoData();
    expect(restarted.seed.databaseIsEmpty()).toBe(false);
    expect(restarted.ledger.verifyLedger().ok).toBe(true);
  });
});
