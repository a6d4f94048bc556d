// A separate process that competes for one shopper's wallet, for lib/checkout/checkout-race.test.ts:
// it adds its products to the shared cart and pays with the wallet, round after round, and prints
// what happened as JSON. Run with `node --import tsx` and DATABASE_URL pointing at the test database
// (a SQLite file or a PostgreSQL database: the worker opens its own connection or pool).
import { getDatabase } from '@/db';
import { CheckoutError, payOrderFromWallet } from '@/lib/checkout';
import { addToCart } from '@/lib/shop/cart';

type WorkerInput = { userId: number; productIds: number[]; sharedKey: string | null };

const input: WorkerInput = JSON.parse(process.argv[2] ?? '{}');
const db = getDatabase();
const outcomes: { outcome: string; orderNumber?: string; amount?: number }[] = [];
for (const [round, productId] of input.productIds.entries()) {
  await addToCart(db, input.userId, productId, 1);
  const checkoutKey = input.sharedKey ?? `race-${process.pid}-${round}-${productId}`;
  try {
    const placed = await payOrderFromWallet(db, input.userId, { checkoutKey });
    outcomes.push({ outcome: placed.replayed ? 'replayed' : 'paid', orderNumber: placed.order.number, amount: placed.order.amountTotal });
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    outcomes.push({ outcome: error.code });
  }
}
await db.close();
process.stdout.write(JSON.stringify(outcomes));
