import crypto from 'node:crypto';
import { db } from '@/db/client';
import { users } from '@/db/schema';

/** A user row for tests (no real password hashing: these users never sign in). */
export function insertTestUser(role: 'customer' | 'staff' = 'customer'): { id: number; email: string; name: string } {
  const tag = crypto.randomUUID().slice(0, 8);
  const row = db
    .insert(users)
    .values({ email: `${role}-${tag}@test.example`, name: `${role} ${tag}`, passwordHash: 'x', role })
    .returning({ id: users.id, email: users.email, name: users.name })
    .get();
  return row;
}
