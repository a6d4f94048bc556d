import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { paymentPages } from '@/db/schema';
import { callbackUrlOf, DEFAULT_TTL_MINUTES, expirePaymentPage, findPaymentPage, MAX_TTL_MINUTES, pageMethodsOf, pageUrlOf, ttlOf } from './pages';
import { openTestPage, testApiKey } from './test-helpers';

const db = getDatabase();

describe('payment pages', () => {
  it('opens a page with a random token and finds it open, nothing paid', async () => {
    const { apiKeyId } = await testApiKey(db);
    const before = Date.now();
    const page = await openTestPage(db, apiKeyId);
    expect(page.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.expiresAt.getTime() - before).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    expect(page.expiresAt.getTime() - before).toBeLessThanOrEqual(30 * 60_000 + 5000);
    const view = await findPaymentPage(db.read, page.token);
    expect(view).toMatchObject({ state: 'open', paymentIds: [], paid: 0, remaining: 3000, successfulPayments: 0, lastPaymentId: null });
    expect(view?.page.id).toBe(page.id);
  });

  it('keeps a given token (the samples hard-code theirs)', async () => {
    const { apiKeyId } = await testApiKey(db);
    const token = `sample-${crypto.randomUUID()}`;
    await openTestPage(db, apiKeyId, { token, kind: 'multi', maxPayments: 3 });
    expect((await findPaymentPage(db.read, token))?.page).toMatchObject({ kind: 'multi', maxPayments: 3 });
  });

  it.each([
    ['checkout', null, DEFAULT_TTL_MINUTES.checkout],
    ['multi', null, DEFAULT_TTL_MINUTES.multi],
    ['checkout', 5, 5],
    ['checkout', 0, 1],
    ['multi', 10 ** 9, MAX_TTL_MINUTES],
  ] as const)('a %s page with ttl %s lives %i minutes', (kind, ttl, minutes) => {
    expect(ttlOf(kind, ttl)).toBe(minutes);
  });

  it('unknown tokens are no page', async () => {
    expect(await findPaymentPage(db.read, 'nope')).toBeUndefined();
    expect(await findPaymentPage(db.read, 'a\u0000b')).toBeUndefined();
    expect(await db.write((tx) => expirePaymentPage(tx, 'nope'))).toBe('not_found');
  });

  it('expires an open page; a completed page stays completed', async () => {
    const { apiKeyId } = await testApiKey(db);
    const open = await openTestPage(db, apiKeyId);
    expect(await db.write((tx) => expirePaymentPage(tx, open.token))).toBe('expired');
    expect(await db.write((tx) => expirePaymentPage(tx, open.token))).toBe('expired');
    expect((await findPaymentPage(db.read, open.token))?.state).toBe('expired');

    const done = await openTestPage(db, apiKeyId);
    await db.write((tx) => tx.update(paymentPages).set({ state: 'completed', completedAt: new Date() }).where(eq(paymentPages.id, done.id)));
    expect(await db.write((tx) => expirePaymentPage(tx, done.token))).toBe('completed');
    expect((await findPaymentPage(db.read, done.token))?.state).toBe('completed');
  });

  it('reads an open page past its expiry as expired', async () => {
    const { apiKeyId } = await testApiKey(db);
    const page = await openTestPage(db, apiKeyId);
    await db.write((tx) => tx.update(paymentPages).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(paymentPages.id, page.id)));
    expect((await findPaymentPage(db.read, page.token))?.state).toBe('expired');
  });

  it('offers both ways when none are named, else the named ones', async () => {
    expect(pageMethodsOf({ paymentMethods: null })).toEqual(['CARD', 'WALLET']);
    expect(pageMethodsOf({ paymentMethods: '["CARD"]' })).toEqual(['CARD']);
  });

  it('builds the page and callback addresses', () => {
    expect(pageUrlOf('ab c')).toMatch(/\/payment-page\/ab%20c$/);
    expect(callbackUrlOf({ callbackUrl: 'https://merchant.example/return?order=42', token: 't-1' })).toBe('https://merchant.example/return?order=42&token=t-1');
  });
});
