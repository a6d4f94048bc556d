import { randomUUID } from 'node:crypto';
import { db } from '@/db/client';
import { users, type UserRole } from '@/db/schema';

/** Inserts a user (no real password) so that a wallet can belong to it; returns its id. */
export function createTestUser(role: UserRole = 'customer'): number {
  const tag = randomUUID();
  const user = db
    .insert(users)
    .values({ email: `${tag}@test.invalid`, name: `Test ${tag.slice(0, 8)}`, passwordHash: 'not-a-hash', role })
    .returning({ id: users.id })
    .get();
  return user.id;
}
