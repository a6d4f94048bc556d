import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { ledgerTransfers, orderEvents, orders, products, type Order, type Payment, type Product } from '@/db/schema';
import { placeOrder, type CheckoutChoice } from '@/lib/checkout';
import { getBalance } from '@/lib/ledger';
import { fillTestCart, fundTestWallet, insertTestProduct } from './checkout';
import { insertTestUser } from './users';

export type PlacedTestOrder = {
  shopper: { id: number; email: string; name: string };
  staff: { id: number; email: string; name: string };
  product: Product;
  order: Order;
  /** The payment placeOrder returned (the card part for Wallet and Card). */
  payment: Payment;
  /** What the shopper's wallet held before the order. */
  funded: number;
};

/**
 * For tests only: a shopper (with `funded` in the wallet) places an order of `quantity` units of a
 * new product priced `price` with `stock` units tracked, paying the chosen way; a staff member too.
 */
export async function placeTestOrder(
  db: Database,
  method: CheckoutChoice,
  options: { price?: number; quantity?: number; stock?: number | null; funded?: number } = {},
): Promise<PlacedTestOrder> {
  const { price = 3_000, quantity = 2, stock = 5, funded = 0 } = options;
  const shopper = await insertTestUser(db);
  const staff = await insertTestUser(db, 'staff');
  if (funded > 0) await fundTestWallet(db, shopper.id, funded);
  const product = await insertTestProduct(db, price, { stock });
  await fillTestCart(db, shopper.id, [{ product, quantity }]);
  const { order, payment } = await placeOrder(db, shopper, { method, checkoutKey: crypto.randomUUID() });
  return { shopper, staff, product, order, payment, funded };
}

export async function orderRow(db: Database, orderId: number): Promise<Order> {
  const [order] = await db.read.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new Error(`No order ${orderId}.`);
  return order;
}

export async function stockOf(db: Database, productId: number): Promise<number | null> {
  const [product] = await db.read.select({ stock: products.stock }).from(products).where(eq(products.id, productId));
  return product?.stock ?? null;
}

export async function walletAvailable(db: Database, userId: number, currency = 'USD'): Promise<number> {
  return (await getBalance(db.read, { wallet: userId, currency })).available;
}

/** The posted refunds of an order (to the wallet and to cards), as [kind, amount] pairs. */
export async function postedRefunds(db: Database, orderId: number): Promise<[string, number][]> {
  const rows = await db.read
    .select({ kind: ledgerTransfers.kind, amount: ledgerTransfers.amount })
    .from(ledgerTransfers)
    .where(and(eq(ledgerTransfers.orderId, orderId), eq(ledgerTransfers.state, 'posted')))
    .orderBy(ledgerTransfers.id);
  return rows.filter((row) => row.kind === 'refund_to_wallet' || row.kind === 'refund_deposit_to_card').map((row) => [row.kind, row.amount]);
}

/** An order's status history as [from, to] pairs, oldest first. */
export async function eventsOf(db: Database, orderId: number): Promise<[string | null, string][]> {
  const rows = await db.read.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
  return rows.map((row) => [row.fromState, row.toState]);
}
