import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { shippingMethods, type ShippingKind, type ShippingMethod } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { AppError } from '@/lib/errors';
import { isAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';

/**
 * The ways of shipping staff offer (Settings → Shipping methods). A method's price is written as
 * the shop writes every price: tax included when Settings say prices include tax, else net (the
 * order's shipping line is taxed at the shop's default rate by lib/orders/tax's rule). It is free
 * when the order's goods, tax included, reach `freeAboveMinor`.
 */

/** The shop's shipping methods in its currency, in checkout order (sortOrder, then id); the active ones only by default. */
export async function listShippingMethods(q: Query, options: { activeOnly?: boolean; currency?: string } = {}): Promise<ShippingMethod[]> {
  const currency = options.currency ?? (await getSettings(q)).currency;
  const activeOnly = options.activeOnly ?? true;
  return q
    .select()
    .from(shippingMethods)
    .where(and(eq(shippingMethods.currency, currency), activeOnly ? eq(shippingMethods.active, true) : undefined))
    .orderBy(asc(shippingMethods.sortOrder), asc(shippingMethods.id));
}

/** A shipping method by id (active or not), or undefined. */
export async function findShippingMethod(q: Query, id: number): Promise<ShippingMethod | undefined> {
  const [method] = await q.select().from(shippingMethods).where(eq(shippingMethods.id, id));
  return method;
}

/** What a method costs for goods worth `goodsGross` (tax included): its price, or 0 from its free-above amount on. */
export function shippingPrice(method: Pick<ShippingMethod, 'priceMinor' | 'freeAboveMinor'>, goodsGross: number): number {
  return method.freeAboveMinor !== null && goodsGross >= method.freeAboveMinor ? 0 : method.priceMinor;
}

/** A shipping method as staff define it (amounts already read as minor units of the shop currency). */
export type ShippingMethodInput = {
  name: string;
  kind: ShippingKind;
  priceMinor: number;
  /** null: never free. */
  freeAboveMinor: number | null;
  active: boolean;
};

function checkInput(input: ShippingMethodInput): void {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new AppError('INVALID_SHIPPING_METHOD', { reason: 'name' }, 'A shipping method needs a name of 1 to 100 characters.');
  if (!isAmount(input.priceMinor) || input.priceMinor < 0) throw new AppError('INVALID_SHIPPING_METHOD', { reason: 'price' }, 'The price must be zero or more.');
  if (input.freeAboveMinor !== null && (!isAmount(input.freeAboveMinor) || input.freeAboveMinor <= 0)) {
    throw new AppError('INVALID_SHIPPING_METHOD', { reason: 'freeAbove' }, 'The free-above amount must be more than zero.');
  }
}

/**
 * Adds a shipping method at the end of the list, in the shop currency (or `currency`); audited
 * when staff add it (staffId null: the seed). A step of the caller's transaction.
 */
export async function createShippingMethod(tx: Tx, input: ShippingMethodInput, staffId: number | null, currency?: string): Promise<ShippingMethod> {
  checkInput(input);
  currency ??= (await getSettings(tx)).currency;
  const [last] = await tx
    .select({ sortOrder: sql<number>`coalesce(max(${shippingMethods.sortOrder}), -1)`.mapWith(Number) })
    .from(shippingMethods);
  const [created] = await tx
    .insert(shippingMethods)
    .values({ ...input, name: input.name.trim(), currency, sortOrder: (last?.sortOrder ?? -1) + 1, createdAt: new Date() })
    .returning();
  if (!created) throw new Error('The shipping method was not saved.');
  if (staffId !== null) {
    await recordAudit(tx, { actorId: staffId, action: 'shipping_method.create', details: { id: created.id, ...input, currency } });
  }
  return created;
}

/**
 * Changes a shipping method (name, kind, price, free-above, active); audited with what changed.
 * Orders placed with it keep the name and price they were placed at (their shipping line).
 * Returns undefined when there is no such method.
 */
export async function updateShippingMethod(tx: Tx, id: number, input: ShippingMethodInput, staffId: number): Promise<ShippingMethod | undefined> {
  checkInput(input);
  const before = await findShippingMethod(tx, id);
  if (!before) return undefined;
  const next = { ...input, name: input.name.trim() };
  const changed = Object.entries(next).filter(([key, value]) => Reflect.get(before, key) !== value);
  if (changed.length === 0) return before;
  const [updated] = await tx.update(shippingMethods).set(next).where(eq(shippingMethods.id, id)).returning();
  await recordAudit(tx, { actorId: staffId, action: 'shipping_method.update', details: { id, ...Object.fromEntries(changed) } });
  return updated;
}

/** createShippingMethod or updateShippingMethod in a write transaction of its own. */
export async function saveShippingMethod(db: Database, id: number | undefined, input: ShippingMethodInput, staffId: number): Promise<ShippingMethod | undefined> {
  return db.write((tx) => (id === undefined ? createShippingMethod(tx, input, staffId) : updateShippingMethod(tx, id, input, staffId)));
}
