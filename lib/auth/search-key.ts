import { eq } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { users } from '@/db/schema';
import { searchKey } from '@/lib/text/turkish';

/**
 * What the staff's customer search compares for a user: name and email folded by searchKey, so
 * "HALUK", "ışıl" and "ISIL" find "Haluk Demir" and "Işıl Yıldız" the same way on both engines.
 * Written on every insert and every change of name or email.
 */
export function userSearchKey(user: { name: string; email: string }): string {
  return searchKey(`${user.name} ${user.email}`);
}

/** Gives every user without a search key its key (rows from before the column); returns how many. */
export async function backfillSearchKeys(db: Database): Promise<number> {
  return db.write(async (tx) => {
    const missing = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.searchKey, ''));
    for (const user of missing) await tx.update(users).set({ searchKey: userSearchKey(user) }).where(eq(users.id, user.id));
    return missing.length;
  });
}
