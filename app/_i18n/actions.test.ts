import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { users } from '@/db/schema';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTestUser } from '@/test/helpers/users';

const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({ set: (name: string, value: string) => jar.set(name, value), get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined) }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));

const { chooseLanguageAction } = await import('./actions');

function form(locale: string): FormData {
  const data = new FormData();
  data.set('locale', locale);
  return data;
}

describe('chooseLanguageAction', () => {
  beforeEach(() => {
    jar.clear();
    fakeRequest.viewer = null;
  });

  it('remembers a language the shop speaks, for anyone', async () => {
    await chooseLanguageAction(form('tr'));
    expect(jar.get('NEXT_LOCALE')).toBe('tr');
  });

  it('ignores anything else', async () => {
    await chooseLanguageAction(form('de'));
    await chooseLanguageAction(form('tr; Path=/admin'));
    expect(jar.size).toBe(0);
  });

  it("also saves a signed-in shopper's choice on the account, so their e-mails follow it", async () => {
    const db = getDatabase();
    const shopper = await insertTestUser(db);
    fakeRequest.viewer = { ...shopper, role: 'customer' };
    await chooseLanguageAction(form('tr'));
    expect(jar.get('NEXT_LOCALE')).toBe('tr');
    expect(await db.read.select({ locale: users.locale }).from(users).where(eq(users.id, shopper.id))).toEqual([{ locale: 'tr' }]);
  });
});
