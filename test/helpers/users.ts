import crypto from 'node:crypto';
import type { Database } from '@/db/database';
import { users } from '@/db/schema';
import { userSearchKey } from '@/lib/auth/search-key';

/** A user row for tests (no real password hashing: these users never sign in). */
export async function insertTestUser(db: Database, role: 'customer' | 'staff' = 'customer'): Promise<{ id: number; email: string; name: string }> {
  const tag = crypto.randomUUID().slice(0, 8);
  const person = { email: `${role}-${tag}@test.example`, name: `${role} ${tag}` };
  const [row] = await db.write((tx) =>
    tx
      .insert(users)
      .values({ ...person, passwordHash: 'x', role, searchKey: userSearchKey(person) })
      .returning({ id: users.id, email: users.email, name: users.name }),
  );
  if (!row) throw new Error('The test user was not inserted.');
  return row;
}
