// A separate process that competes for one shopper's wallet, for checkout-race.test.ts: it adds
// its products to the shared cart and pays with the wallet, round after round, and prints what
// happened as JSON. Run with `node --import tsx` and DATABASE_URL pointing at the test database.
import { addToCart } from '@/lib/shop/cart';
import { CheckoutError } from './errors';
import { payOrderFromWallet } from './place-order';

type WorkerInput = { userId: number; productIds: number[]; sharedKey: string | null };

const input: WorkerInput = JSON.parse(process.argv[2] ?? '{}');
const outcomes: { outcome: string; orderNumber?: string; amount?: number }[] = [];
for (const [round, productId] of input.productIds.entries()) {
  addToCart(input.userId, productId, 1);
  const checkoutKey = input.sharedKey ?? `race-${process.pid}-${round}-${productId}`;
  try {
    const placed = payOrderFromWallet(input.userId, { checkoutKey });
    outcomes.push({ outcome: placed.replayed ? 'replayed' : 'paid', orderNumber: placed.order.number, amount: placed.order.amountTotal });
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    outcomes.push({ outcome: error.code });
  }
}
process.stdout.write(JSON.stringify(outcomes));
