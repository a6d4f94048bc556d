// Each case opens its own empty database (a SQLite file, or with COFFER_TEST_ENGINE=postgres a new
// PostgreSQL database) and shop currency: lib/config reads SHOP_CURRENCY and db/schema picks the
// engine's tables when first imported, so each case imports a fresh module graph.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { Database } from './database';
import { demoPrice } from './seed-data';

const holder = globalThis as { cofferDatabase?: Database };

async function newDatabaseUrl(): Promise<string> {
  if (process.env.COFFER_TEST_ENGINE === 'postgres') {
    const { createTestDatabase } = await import('@/test/postgres-database');
    return createTestDatabase(inject('postgresUrl') ?? '');
  }
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-seed-')), 'seed.db');
}

/** The shop as a fresh start with this database and currency sees it: migrated, nothing seeded yet. */
async function openShop(url: string, currency: string) {
  await holder.cofferDatabase?.close();
  holder.cofferDatabase = undefined;
  vi.stubEnv('DATABASE_URL', url);
  vi.stubEnv('SHOP_CURRENCY', currency);
  vi.resetModules();
  const { migrateDatabase } = await import('./migrate');
  await migrateDatabase();
  const { getDatabase } = await import('./index');
  const schema = await import('./schema');
  const db = getDatabase();
  const tables = {
    users: schema.users,
    products: schema.products,
    cartItems: schema.cartItems,
    orders: schema.orders,
    orderLines: schema.orderLines,
    invoices: schema.invoices,
    invoiceLines: schema.invoiceLines,
    payments: schema.payments,
    ledgerAccounts: schema.ledgerAccounts,
    ledgerTransfers: schema.ledgerTransfers,
    ledgerEntries: schema.ledgerEntries,
    sequences: schema.sequences,
    settings: schema.settings,
    auditLog: schema.auditLog,
  };
  const rowCounts = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) counts[name] = (await db.read.select({ n: count() }).from(table))[0]?.n ?? 0;
    return counts;
  };
  return { db, schema, rowCounts, seed: await import('./seed'), ledger: await import('@/lib/ledger') };
}

afterEach(async () => {
  vi.doUnmock('@/lib/checkout/place-order');
  vi.unstubAllEnvs();
  await holder.cofferDatabase?.close();
  holder.cofferDatabase = undefined;
});

describe('seedDemoData on a fresh database', () => {
  it.each(['USD', 'TRY', 'JPY', 'KWD', 'BHD', 'IQD', 'EUR'])('seeds a %s shop whose ledger verifies', async (currency) => {
    const shop = await openShop(await newDatabaseUrl(), currency);
    const { db, schema } = shop;
    expect(await shop.seed.databaseIsEmpty(db.read)).toBe(true);
    await shop.seed.seedDemoData(db);

    expect(await shop.seed.databaseIsEmpty(db.read)).toBe(false);
    expect((await shop.ledger.verifyLedger(db.read)).ok).toBe(true);
    const productCurrencies = await db.read.selectDistinct({ currency: schema.products.currency }).from(schema.products);
    expect(productCurrencies).toEqual([{ currency }]);
    const orders = await db.read.select({ state: schema.orders.state, currency: schema.orders.currency }).from(schema.orders);
    expect(orders).toEqual([{ state: 'paid', currency }]);
    const invoices = await db.read
      .select({ currency: schema.invoices.currency, state: schema.invoices.paymentState })
      .from(schema.invoices)
      .orderBy(asc(schema.invoices.id));
    // Three demo invoices, and the order's own (Automatic Invoice is on by default).
    expect(invoices).toEqual([
      { currency, state: 'paid' },
      { currency, state: 'not_paid' },
      { currency, state: 'not_paid' },
      { currency, state: 'paid' },
    ]);
    const [shopper] = await db.read.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, 'shopper@example.com'));
    const wallet = await shop.ledger.getBalance(db.read, { wallet: shopper?.id ?? 0, currency });
    const price = (usdCents: number) => demoPrice(usdCents, currency);
    // The card top-up less the first order (a card holder and two bottles); the wire top-up waits.
    expect(wallet.available).toBe(price(33_950) - price(3_900) - 2 * price(2_900));
    expect(wallet.pendingIncoming).toBe(price(10_000));

    // A second run (a restart that seeds again) adds nothing.
    const before = await shop.rowCounts();
    await shop.seed.seedDemoData(db);
    expect(await shop.rowCounts()).toEqual(before);
  });
});

describe('a Turkish demo shop (SHOP_CURRENCY=TRY SHOP_LOCALE=tr)', () => {
  it('names the products, the demo people and the demo invoice lines in Turkish, priced in TRY', async () => {
    vi.stubEnv('SHOP_LOCALE', 'tr');
    const shop = await openShop(await newDatabaseUrl(), 'TRY');
    await shop.seed.seedDemoData(shop.db);
    const [bottle] = await shop.db.read.select().from(shop.schema.products).where(eq(shop.schema.products.slug, 'water-bottle'));
    expect(bottle).toMatchObject({ name: 'Çelik Su Şişesi', currency: 'TRY', priceMinor: demoPrice(2_900, 'TRY'), image: '/products/water-bottle.svg', searchKey: 'celik su sisesi cift cidarli, icecekleri 24 saat soguk tutar, 750 ml.' });
    // The shelves in Turkish, slugs from their names; every demo product on one; the headphones sold out.
    const shelves = await shop.db.read.select({ id: shop.schema.categories.id, name: shop.schema.categories.name, slug: shop.schema.categories.slug }).from(shop.schema.categories).orderBy(asc(shop.schema.categories.id));
    expect(shelves.map(({ name, slug }) => [name, slug])).toEqual([
      ['Mutfak', 'mutfak'],
      ['Ev', 'ev'],
      ['Giyim ve Aksesuar', 'giyim-ve-aksesuar'],
      ['Masa ve Teknoloji', 'masa-ve-teknoloji'],
    ]);
    expect(bottle?.categoryId).toBe(shelves[0]?.id);
    const catalog = await shop.db.read.select().from(shop.schema.products);
    expect(catalog.filter((product) => product.categoryId === null)).toEqual([]);
    expect(catalog.find((product) => product.slug === 'headphones')?.stock).toBe(0);
    expect(catalog.find((product) => product.slug === 'reading-chair')?.stock).toBeNull();
    const shipping = await shop.db.read.select({ name: shop.schema.shippingMethods.name, currency: shop.schema.shippingMethods.currency }).from(shop.schema.shippingMethods).orderBy(asc(shop.schema.shippingMethods.id));
    expect(shipping).toEqual([
      { name: 'Standart kargo', currency: 'TRY' },
      { name: 'Hızlı kargo', currency: 'TRY' },
      { name: 'Mağazadan teslim al', currency: 'TRY' },
    ]);
    const people = await shop.db.read.select({ name: shop.schema.users.name }).from(shop.schema.users).orderBy(asc(shop.schema.users.id));
    expect(people.map(({ name }) => name)).toEqual(['Işıl Yılmaz', 'Haluk Demir']);
    const lines = await shop.db.read.select({ description: shop.schema.invoiceLines.description }).from(shop.schema.invoiceLines).orderBy(asc(shop.schema.invoiceLines.id));
    // The demo invoices, then the paid demo order's invoice (its lines are the products' names).
    expect(lines.map(({ description }) => description)).toEqual([
      'Barista atölyesi, yarım gün',
      'Tadım seti, tek kökenli çekirdekler',
      'Espresso makinesi bakım sözleşmesi, 12 ay',
      'Kireç çözme seti',
      'Deri Kartlık',
      'Çelik Su Şişesi',
    ]);
    expect((await shop.ledger.verifyLedger(shop.db.read)).ok).toBe(true);
  });
});

describe('a seed that fails midway', () => {
  it('leaves nothing behind, so the next start seeds again', async () => {
    const url = await newDatabaseUrl();
    // The last step fails as the demo order did with SHOP_CURRENCY=TRY (EMPTY_CART).
    vi.doMock('@/lib/checkout/place-order', async (importOriginal) => {
      const actual = await importOriginal<typeof import('@/lib/checkout/place-order')>();
      const { CheckoutError } = await import('@/lib/checkout/errors');
      return {
        ...actual,
        payOrderFromWalletIn: () => {
          throw new CheckoutError('EMPTY_CART', 'Your cart is empty.');
        },
      };
    });
    const failing = await openShop(url, 'TRY');
    const empty = await failing.rowCounts();
    await expect(failing.seed.seedDemoData(failing.db)).rejects.toMatchObject({ code: 'EMPTY_CART' });
    expect(await failing.rowCounts()).toEqual(empty);
    expect(await failing.seed.databaseIsEmpty(failing.db.read)).toBe(true);

    vi.doUnmock('@/lib/checkout/place-order');
    const restarted = await openShop(url, 'TRY');
    await restarted.seed.seedDemoData(restarted.db);
    expect(await restarted.seed.databaseIsEmpty(restarted.db.read)).toBe(false);
    expect((await restarted.ledger.verifyLedger(restarted.db.read)).ok).toBe(true);
  });
});
