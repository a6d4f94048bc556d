import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { settings } from '@/db/schema';
import { isAppError } from './errors';
import { getSettings, getShopTimeZone, updateSettings } from './settings';

const db = getDatabase();

afterEach(async () => {
  vi.unstubAllEnvs();
  await db.write((tx) => tx.delete(settings).where(eq(settings.key, 'timeZone')));
});

describe('the shop time zone setting', () => {
  it('follows SHOP_TIME_ZONE until staff choose one, else UTC', async () => {
    vi.stubEnv('SHOP_TIME_ZONE', '');
    expect(await getShopTimeZone(db.read)).toBe('UTC');
    vi.stubEnv('SHOP_TIME_ZONE', 'Europe/Istanbul');
    expect(await getShopTimeZone(db.read)).toBe('Europe/Istanbul');
    expect((await getSettings(db.read)).timeZone).toBe('Europe/Istanbul');
  });

  it('saving other settings does not freeze the default zone', async () => {
    vi.stubEnv('SHOP_TIME_ZONE', 'Europe/Istanbul');
    await db.write((tx) => updateSettings(tx, { holdMinutes: 31 }));
    vi.stubEnv('SHOP_TIME_ZONE', 'Asia/Tokyo');
    expect(await getShopTimeZone(db.read)).toBe('Asia/Tokyo');
  });

  it('stores a chosen zone in its IANA spelling and prefers it to the environment', async () => {
    vi.stubEnv('SHOP_TIME_ZONE', 'Asia/Tokyo');
    const saved = await db.write((tx) => updateSettings(tx, { timeZone: 'europe/istanbul' }));
    expect(saved.timeZone).toBe('Europe/Istanbul');
    expect(await getShopTimeZone(db.read)).toBe('Europe/Istanbul');
    expect((await getSettings(db.read)).timeZone).toBe('Europe/Istanbul');
  });

  it('refuses a name that is not a zone with SETTINGS_TIME_ZONE, saving nothing', async () => {
    await expect(db.write((tx) => updateSettings(tx, { timeZone: 'Europe/Atlantis', holdMinutes: 99 }))).rejects.toSatisfy(
      (error) => isAppError(error, 'SETTINGS_TIME_ZONE') && error.params.timeZone === 'Europe/Atlantis',
    );
    expect((await getSettings(db.read)).holdMinutes).not.toBe(99);
  });

  it('a stored zone Intl no longer knows falls back to the default', async () => {
    vi.stubEnv('SHOP_TIME_ZONE', 'Europe/Istanbul');
    await db.write((tx) => tx.insert(settings).values({ key: 'timeZone', value: JSON.stringify('Gone/Away') }));
    expect(await getShopTimeZone(db.read)).toBe('Europe/Istanbul');
    expect((await getSettings(db.read)).timeZone).toBe('Europe/Istanbul');
  });
});
