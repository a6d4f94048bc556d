// A wallet's overdraft limit (set by the merchant API's negativeAmountLimit) in the shop: every
// debit goes through the ledger, so each one lets an empty wallet with a limit of 10.00 pay 10.00
// and not 10.01; My Wallet's read model reports the limit and what can be spent.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { withdrawMoney } from '@/lib/admin/wallet-adjustments';
import { CheckoutError, placeOrder } from '@/lib/checkout';
import { getCheckoutView } from '@/lib/checkout/queries';
import { getBalance, getWalletSpendable, InsufficientFundsError, setWalletNegativeLimit, verifyLedger } from '@/lib/ledger';
import { holdWalletPart } from '@/lib/payments/split';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { getWalletOverview } from './queries';

const db = getDatabase();
const key = () => crypto.randomUUID();
const available = async (userId: number) => (await getBalance(db.read, { wallet: userId, currency: 'USD' })).available;

/** A shopper whose wallet holds `funds` and may go `limit` below zero. */
async function overdrawnShopper(limit: number, funds = 0) {
  const shopper = await insertTestUser(db);
  if (funds > 0) await fundTestWallet(db, shopper.id, funds);
  const set = await db.write((tx) => setWalletNegativeLimit(tx, { wallet: shopper.id, currency: 'USD' }, limit));
  expect(set.ok).toBe(true);
  return shopper;
}

describe('a wallet with an overdraft limit of 10.00', () => {
  it.each([
    [1000, true],
    [1001, false],
  ])('pays an order of %i from an empty wallet at checkout: %s', async (total, paid) => {
    const shopper = await overdrawnShopper(1000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, total), quantity: 1 }]);
    const placing = placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    if (paid) {
      expect((await placing).order).toMatchObject({ state: 'paid', amountTotal: total });
      expect(await available(shopper.id)).toBe(-total);
    } else {
      await expect(placing).rejects.toSatisfy((error) => error instanceof CheckoutError && error.code === 'INSUFFICIENT_FUNDS');
      expect(await available(shopper.id)).toBe(0);
    }
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('holds a Wallet and Card part up to the limit, not a cent more', async () => {
    const shopper = await overdrawnShopper(1000);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 5000), quantity: 1 }]);
    const { order } = await placeOrder(db, shopper, { method: 'card', checkoutKey: key() });
    const hold = (amount: number) =>
      db.write((tx) => holdWalletPart(tx, { userId: shopper.id, amount, currency: 'USD', target: { orderId: order.id }, number: order.number, idempotencyKey: key() }));
    await expect(hold(1001)).rejects.toThrow(InsufficientFundsError);
    expect(await hold(1000)).toMatchObject({ state: 'authorized', amount: 1000 });
    expect(await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).toMatchObject({ available: -1000, held: 1000, posted: 0 });
  });

  it.each([
    [1000, 'done'],
    [1001, 'insufficient_funds'],
  ])('lets staff take %i back from an empty wallet: %s', async (amount, status) => {
    const shopper = await overdrawnShopper(1000);
    const staff = await insertTestUser(db, 'staff');
    const result = await withdrawMoney(db, { customerId: shopper.id, amount, reason: 'Correction', attemptKey: key(), staffId: staff.id });
    expect(result.status).toBe(status);
    expect(await available(shopper.id)).toBe(status === 'done' ? -amount : 0);
  });

  it('is offered at checkout as what the wallet can pay, the same figure the ledger allows', async () => {
    const shopper = await overdrawnShopper(1000, 250);
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 1250), quantity: 1 }]);
    const view = await getCheckoutView(db.read, shopper.id);
    expect(view.walletAvailable).toBe(1250);
    expect(view.quotes.every((quote) => quote.walletShortfall === 0)).toBe(true);
  });

  it('shows on My Wallet: the limit, and available funds that include it', async () => {
    const shopper = await overdrawnShopper(1000, 250);
    expect(await getWalletOverview(db.read, shopper.id)).toMatchObject({ overdraftLimit: 1000, spendable: 1250, balance: { available: 250, posted: 250 } });
    await fillTestCart(db, shopper.id, [{ product: await insertTestProduct(db, 1250), quantity: 1 }]);
    await placeOrder(db, shopper, { method: 'wallet', checkoutKey: key() });
    expect(await getWalletOverview(db.read, shopper.id)).toMatchObject({ overdraftLimit: 1000, spendable: 0, balance: { available: -1000, posted: -1000 } });
    expect(await getWalletSpendable(db.read, { wallet: shopper.id, currency: 'USD' })).toBe(0);

    const plain = await insertTestUser(db);
    expect(await getWalletOverview(db.read, plain.id)).toMatchObject({ overdraftLimit: 0, spendable: 0 });
  });
});
