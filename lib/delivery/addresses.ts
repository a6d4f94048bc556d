import { and, desc, eq, sql } from 'drizzle-orm';
import type { Query, Tx } from '@/db/database';
import { addresses, users, type Address } from '@/db/schema';
import { searchKey } from '@/lib/text/turkish';
import { deliveryAddressSchema, type DeliveryAddressInput } from '@/lib/validations/checkout';

/** A delivery address as the shopper gave it (checked and tidied by deliveryAddressSchema). */
export type AddressInput = DeliveryAddressInput;

/** The fields that make two addresses the same one. */
const addressFields = ['fullName', 'address', 'city', 'postalCode', 'country', 'phone'] as const;

/** True when two addresses are the same one: every field equal, ignoring letter case and accents (searchKey). */
export function sameAddress(a: AddressInput, b: AddressInput): boolean {
  return addressFields.every((field) => searchKey(a[field]) === searchKey(b[field]));
}

/** The address checked and tidied (spaces, country code in capitals); undefined when it is not a valid address. */
export function checkAddress(input: unknown): AddressInput | undefined {
  const parsed = deliveryAddressSchema.safeParse(input);
  return parsed.success ? parsed.data : undefined;
}

/** A shopper's saved addresses, the most recently used first (checkout offers them in this order). */
export async function listAddresses(q: Query, userId: number, limit = 10): Promise<Address[]> {
  return q.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.lastUsedAt), desc(addresses.id)).limit(limit);
}

/** One of the shopper's own saved addresses; someone else's is undefined. */
export async function findOwnAddress(q: Query, userId: number, addressId: number): Promise<Address | undefined> {
  const [address] = await q.select().from(addresses).where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)));
  return address;
}

/** The address fields alone (what an order copies). */
export function addressOf(address: Address | AddressInput): AddressInput {
  return { fullName: address.fullName, address: address.address, city: address.city, postalCode: address.postalCode, country: address.country, phone: address.phone };
}

/**
 * Remembers an address the shopper used, as a step of the transaction that places the order: the
 * same address (sameAddress) is marked used now rather than saved
 * twice. The shopper's users row is touched first, so two orders of one shopper at once take turns
 * here (PostgreSQL) and cannot both insert the same new address.
 */
export async function rememberAddress(tx: Tx, userId: number, input: AddressInput, now = new Date()): Promise<Address> {
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion}` })
    .where(eq(users.id, userId));
  // Compared in the app with one fold (Turkish-aware, the same on both engines); a shopper has few addresses.
  const saved = await tx.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.lastUsedAt), desc(addresses.id));
  const existing = saved.find((address) => sameAddress(address, input));
  if (existing) return touchAddress(tx, existing, now);
  const [created] = await tx
    .insert(addresses)
    .values({ userId, ...addressOf(input), createdAt: now, lastUsedAt: now })
    .returning();
  if (!created) throw new Error('The address was not saved.');
  return created;
}

/** Marks a saved address as used now (checkout lists it first next time). */
export async function touchAddress(tx: Tx, address: Address, now = new Date()): Promise<Address> {
  const [touched] = await tx.update(addresses).set({ lastUsedAt: now }).where(eq(addresses.id, address.id)).returning();
  return touched ?? address;
}
