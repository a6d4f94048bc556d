import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { users } from '@/db/schema';
import { backfillSearchKeys, userSearchKey } from '@/lib/auth/search-key';
import { createUser } from '@/lib/auth/users';
import { listCustomers } from './customers';

const db = getDatabase();
const tag = crypto.randomUUID().slice(0, 8);

/** The names a search found among this file's customers. */
async function found(q: string): Promise<string[]> {
  const { rows } = await listCustomers(db.read, { q, pageSize: 100 });
  return rows.filter((row) => row.email.endsWith(`${tag}@arama.example`)).map((row) => row.name).sort();
}

describe('the customer search folds Turkish letters (users.search_key)', () => {
  beforeAll(async () => {
    for (const name of ['Haluk Demir', 'Işıl Yıldız', 'İsmail Çelik', 'Şule Öztürk', 'Ilgaz Ağaoğlu']) {
      await createUser(db, { name, email: `${userSearchKey({ name, email: '' }).trim().replaceAll(' ', '.')}.${tag}@arama.example`, password: 'long enough' });
    }
  });

  it.each([
    ['HALUK', ['Haluk Demir']],
    ['haluk', ['Haluk Demir']],
    ['Haluk Demir', ['Haluk Demir']],
    ['ISIL', ['Işıl Yıldız']],
    ['ışıl', ['Işıl Yıldız']],
    ['isil', ['Işıl Yıldız']],
    ['IŞIL', ['Işıl Yıldız']],
    ['İSMAİL', ['İsmail Çelik']],
    ['ismail', ['İsmail Çelik']],
    ['ISMAIL', ['İsmail Çelik']],
    ['celik', ['İsmail Çelik']],
    ['ŞULE ÖZTÜRK', ['Şule Öztürk']],
    ['sule ozturk', ['Şule Öztürk']],
    ['ağaoğlu', ['Ilgaz Ağaoğlu']],
    ['ILGAZ', ['Ilgaz Ağaoğlu']],
    ['ılgaz', ['Ilgaz Ağaoğlu']],
    [`${tag}@arama`, ['Haluk Demir', 'Ilgaz Ağaoğlu', 'Işıl Yıldız', 'İsmail Çelik', 'Şule Öztürk']],
    ['nobody', []],
  ])('%s finds %j', async (q, names) => {
    expect(await found(q)).toEqual(names);
  });

  it('a user written without a key (before the column) gets one from the backfill', async () => {
    const email = `eski.${tag}@arama.example`;
    await db.write((tx) => tx.insert(users).values({ name: 'Özlem Işık', email, passwordHash: 'x' }));
    expect(await found('ozlem')).toEqual([]);
    expect(await backfillSearchKeys(db)).toBeGreaterThanOrEqual(1);
    expect(await found('ÖZLEM IŞIK')).toEqual(['Özlem Işık']);
    const [row] = await db.read.select({ searchKey: users.searchKey }).from(users).where(eq(users.email, email));
    expect(row?.searchKey).toBe(`ozlem isik ${email}`);
    expect(await backfillSearchKeys(db)).toBe(0);
  });
});
