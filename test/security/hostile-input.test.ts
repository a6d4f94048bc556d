import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Viewer } from '@/app/_server/session';
import { fakeRequest } from '@/test/helpers/fake-next';
import { sendMoney, withdrawMoney } from '@/lib/admin/wallet-adjustments';
import { CheckoutError, payOrderFromWallet, placeOrder } from '@/lib/checkout';
import { getDatabase } from '@/db';
import { issueInvoice } from '@/lib/invoices/create';
import { InvoiceError } from '@/lib/invoices/errors';
import { payInvoiceFromWallet } from '@/lib/invoices/pay-wallet';
import { LedgerError } from '@/lib/ledger';
import { MAX_AMOUNT_MINOR, parseAmount, UnknownCurrencyError } from '@/lib/money';
import { PaymentError } from '@/lib/payments/errors';
import { insertPaidWalletOrder } from '@/test/helpers/orders';
import { refundOrderToWallet } from '@/lib/refunds/to-wallet';
import * as adminSchemas from '@/lib/validations/admin';
import * as authSchemas from '@/lib/validations/auth';
import * as checkoutSchemas from '@/lib/validations/checkout';
import * as invoiceSchemas from '@/lib/validations/invoices';
import { safeReturnPath } from '@/lib/validations/return-path';
import * as walletSchemas from '@/lib/validations/wallet';
import { startTopUp } from '@/lib/wallet/top-ups';
import { fillTestCart, fundTestWallet, insertTestProduct } from '@/test/helpers/checkout';
import { insertTestUser } from '@/test/helpers/users';
import { assertLedgerVerifies, databaseSnapshot } from './database-snapshot';

// A fixed seed keeps runs repeatable; FC_SEED=<n> explores other cases.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_123) });

// Hostile bodies for every form and the lib functions behind them: only typed errors or error
// states come back, and when nothing succeeded the database is exactly as it was.

vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));
vi.mock('next/headers', () => import('@/test/helpers/fake-next').then((fake) => fake.headers));

const { addMoney } = await import('@/app/my/wallet/add/actions');
const { payInvoice } = await import('@/app/my/invoices/[id]/actions');
const { payNow } = await import('@/app/checkout/actions');
const { payOrderCardAgain } = await import('@/app/my/orders/[number]/actions');
const { payDemo } = await import('@/app/pay/demo/[reference]/actions');
const { addToCartAction, updateCartQuantityAction, removeCartLineAction } = await import('@/app/cart/actions');
const { sendMoneyAction, withdrawMoneyAction, resetBalanceAction } = await import('@/app/admin/customers/[id]/actions');
const { refundOrderAction, markOrderPaidAction } = await import('@/app/admin/orders/[id]/actions');
const { decideTopUps } = await import('@/app/admin/top-ups/actions');
const { createInvoiceAction } = await import('@/app/admin/invoices/new/actions');

// ---------------------------------------------------------------------------------------------
// Generators

const megabyte = 'A'.repeat(1024 * 1024);
const nastyStrings = [
  '', ' ', '\u0000', '\u202e1.00', '-1', '-0', '−5', '0', '0.00', '0.001', '1e3', '1E-2', 'NaN', 'Infinity', '-Infinity',
  '１２', '١٢٣', '1,00', '$-5', '+5', '5.', '.', '9'.repeat(40), '9007199254740993', '<script>alert(1)</script>',
  "' OR 1=1 --", '__proto__', 'constructor', 'prototype', '{"__proto__":{"polluted":1}}', '../../etc/passwd', '%00', '\ud800',
  '🙂'.repeat(50), 'null', 'undefined', 'true', '[]', '{}',
];
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.integer({ min: -1e12, max: 1e12 }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 64 }).map((size) => 'x'.repeat(size * 1024)) },
  { weight: 1, arbitrary: fc.constant(megabyte) },
);
/** Anything a JSON body or a confused caller could hand a schema. */
const hostileValue = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** A body with the form's own keys (hostile values, sometimes a valid one) and prototype-pollution keys. */
function hostileBody<V>(keys: readonly string[], value: fc.Arbitrary<V>, valid: Record<string, fc.Arbitrary<string>> = {}) {
  const entry = fc.oneof(
    ...keys.map((key) => fc.tuple(fc.constant(key), valid[key] ? fc.oneof(valid[key], value) : value)),
    fc.tuple(fc.constantFrom(...pollutionKeys), value),
  );
  return fc.array(entry, { maxLength: keys.length + 3 }).map((entries) => Object.fromEntries(entries));
}

const hostileNumber = fc.oneof(
  fc.integer({ min: -1_000_000, max: 0 }),
  fc.double({ noInteger: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0.1, 1.5, MAX_AMOUNT_MINOR + 1, 2 ** 53, Number.MAX_VALUE),
);
const anyNumber = fc.oneof(hostileNumber, fc.integer({ min: 1, max: 1_000_000 }), fc.constant(MAX_AMOUNT_MINOR));
const uuidOrHostile = fc.oneof(fc.uuid().map(String), hostileText);

const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

// ---------------------------------------------------------------------------------------------
// The world: a shopper with money, a poor shopper (empty wallet) with an invoice and a full cart, staff.

const db = getDatabase();
const rich = await insertTestUser(db);
const poor = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');
await fundTestWallet(db, rich.id, 500_000);
const product = await insertTestProduct(db, 2_000);
await fillTestCart(db, poor.id, [{ product, quantity: 2 }]);
const poorInvoice = await issueInvoice(db, { userId: poor.id, currency: 'USD', lines: [{ description: 'Due', quantity: 1, unitPriceMinor: 9_900 }] });
const richInvoice = await issueInvoice(db, { userId: rich.id, currency: 'USD', lines: [{ description: 'Due', quantity: 1, unitPriceMinor: 1_000 }] });
const paidOrder = await insertPaidWalletOrder(db, rich.id, 3_000);

const idle = { status: 'idle' } as const;
const viewerOf = (user: { id: number; name: string; email: string }, role: Viewer['role']): Viewer => ({ ...user, role });

beforeEach(() => {
  fakeRequest.viewer = null;
  fakeRequest.cookies.clear();
});

function isTypedError(error: unknown): boolean {
  return (
    error instanceof LedgerError ||
    error instanceof InvoiceError ||
    error instanceof CheckoutError ||
    error instanceof PaymentError ||
    error instanceof UnknownCurrencyError
  );
}

/** Runs a lib call that must fail: only a typed error or an error result, and the database unchanged. */
async function mustFailCleanly(call: () => Promise<unknown>, isErrorResult: (result: unknown) => boolean = () => false): Promise<void> {
  const before = await databaseSnapshot(db);
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (!isTypedError(error)) throw error;
    expect(await databaseSnapshot(db)).toEqual(before);
    return;
  }
  expect(isErrorResult(result), `unexpected success: ${JSON.stringify(result)?.slice(0, 200)}`).toBe(true);
  expect(await databaseSnapshot(db)).toEqual(before);
}

function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) form.append(key, typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  return form;
}

/** Runs a server action with a hostile form: an error state changes nothing; a redirect or success may. */
async function submitHostile(action: () => Promise<unknown>): Promise<void> {
  const before = await databaseSnapshot(db);
  let outcome: 'error' | 'success' = 'success';
  try {
    const state = await action();
    if (state && typeof state === 'object' && 'status' in state && state.status === 'error') outcome = 'error';
    if (state && typeof state === 'object' && 'message' in state) expect(String(state.message)).not.toMatch(/\n\s+at |Error:|SQLITE/);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!message.startsWith('NEXT_REDIRECT;')) throw error;
    expect(safeReturnPath(message.slice('NEXT_REDIRECT;'.length)), 'redirects stay on the site').not.toBeNull();
  }
  if (outcome === 'error') expect(await databaseSnapshot(db)).toEqual(before);
  await assertLedgerVerifies(db);
}

// ---------------------------------------------------------------------------------------------

describe('form schemas', () => {
  const zodSchemas = Object.entries({ ...adminSchemas, ...authSchemas, ...checkoutSchemas, ...invoiceSchemas, ...walletSchemas }).flatMap(
    ([name, value]): [string, z.ZodType][] => (value instanceof z.ZodType ? [[name, value]] : []),
  );

  it('covers the schemas of lib/validations', () => {
    expect(zodSchemas.map(([name]) => name)).toEqual(
      expect.arrayContaining(['topUpFormSchema', 'payInvoiceFormSchema', 'checkoutFormSchema', 'walletAdjustmentSchema', 'settingsFormSchema', 'signInSchema']),
    );
  });

  it('never throw, whatever the body, and never hand back an inherited or polluted object', () => {
    const keys = ['amount', 'method', 'returnPath', 'attemptKey', 'invoiceId', 'checkoutKey', 'cartVersion', 'productId', 'quantity', 'customerId', 'reason', 'email', 'password', 'orderId', 'paymentIds', 'intent'];
    fc.assert(
      fc.property(fc.oneof(hostileBody(keys, hostileValue), hostileValue), (body) => {
        for (const [name, schema] of zodSchemas) {
          const parsed = schema.safeParse(body);
          if (parsed.success && parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data)) {
            expect(Object.getPrototypeOf(parsed.data), name).toBe(Object.prototype);
            expect(Object.hasOwn(parsed.data, '__proto__'), name).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseAmount and safeReturnPath', () => {
  it('parseAmount returns a result for any text: only whole, positive, bounded minor units', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), (text, currency) => {
        const parsed = parseAmount(text, currency);
        if (parsed.ok) {
          expect(Number.isSafeInteger(parsed.amount)).toBe(true);
          expect(parsed.amount).toBeGreaterThan(0);
          expect(parsed.amount).toBeLessThanOrEqual(MAX_AMOUNT_MINOR);
        } else {
          expect(parsed.message.length).toBeLessThan(200);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('safeReturnPath takes anything and returns a same-site path or the fallback', () => {
    fc.assert(
      fc.property(hostileValue, (candidate) => {
        const result = safeReturnPath(candidate, '/');
        expect(result?.startsWith('/') && !result.startsWith('//')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('lib entry points refuse hostile values with typed errors and change nothing', () => {
  it('startTopUp: bad amounts, attempt keys and return paths', async () => {
    const badAmount = hostileText.filter((text) => {
      const parsed = parseAmount(text, 'USD');
      return !parsed.ok;
    });
    await fc.assert(
      fc.asyncProperty(badAmount, fc.constantFrom('card' as const, 'wire_transfer' as const), uuidOrHostile, fc.option(hostileText), async (amount, method, attemptKey, returnPath) => {
        const before = await databaseSnapshot(db);
        const started = await startTopUp(db, poor, { amount, method, attemptKey, returnPath: returnPath ?? undefined });
        expect(started.status).toBe('invalid');
        expect(await databaseSnapshot(db)).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('payInvoiceFromWallet: any invoice id, amount and key, from an empty wallet', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(poorInvoice.id), fc.constant(richInvoice.id), anyNumber),
        fc.oneof(fc.constant(undefined), fc.constant('available' as const), anyNumber),
        fc.oneof(uuidOrHostile, fc.constant(megabyte)),
        async (invoiceId, amount, attemptKey) => {
          await mustFailCleanly(() => payInvoiceFromWallet(db, poor.id, invoiceId, { amount, attemptKey }));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('payOrderFromWallet and placeOrder: any keys and cart versions, from an empty wallet', async () => {
    await fc.assert(
      fc.asyncProperty(uuidOrHostile, fc.option(hostileText), async (checkoutKey, cartVersion) => {
        await mustFailCleanly(() => payOrderFromWallet(db, poor.id, { checkoutKey, cartVersion: cartVersion ?? undefined }));
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('card' as const, 'wire_transfer' as const, 'cash_on_delivery' as const, 'wallet' as const), uuidOrHostile, hostileText, async (method, checkoutKey, cartVersion) => {
        const before = await databaseSnapshot(db);
        await expect(placeOrder(db, poor, { method, checkoutKey, cartVersion })).rejects.toBeInstanceOf(CheckoutError);
        expect(await databaseSnapshot(db)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('sendMoney and withdrawMoney: impossible amounts and unknown customers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(rich.id), fc.constant(staff.id), anyNumber),
        hostileNumber,
        fc.oneof(hostileText, fc.constant(megabyte)),
        uuidOrHostile,
        async (customerId, amount, reason, attemptKey) => {
          const input = { customerId, amount, reason, attemptKey, staffId: staff.id };
          await mustFailCleanly(() => sendMoney(db, input), (result) => typeof result === 'object' && result !== null && 'status' in result && result.status !== 'done');
        },
      ),
      { numRuns: 80 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(poor.id), anyNumber), anyNumber, hostileText, uuidOrHostile, async (customerId, amount, reason, attemptKey) => {
        const input = { customerId, amount, reason, attemptKey, staffId: staff.id };
        await mustFailCleanly(() => withdrawMoney(db, input), (result) => typeof result === 'object' && result !== null && 'status' in result && result.status !== 'done');
      }),
      { numRuns: 80 },
    );
  });

  it('refundOrderToWallet: impossible amounts, unknown orders, more than was paid', async () => {
    const refusedAmount = fc.oneof(hostileNumber, fc.integer({ min: paidOrder.amountTotal + 1, max: MAX_AMOUNT_MINOR }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(paidOrder.id), anyNumber), refusedAmount, hostileText, uuidOrHostile, async (orderId, amount, reason, attemptKey) => {
        const input = { orderId, amount, reason, attemptKey, staffId: staff.id };
        await mustFailCleanly(() => refundOrderToWallet(db, input), (result) => typeof result === 'object' && result !== null && 'status' in result && result.status !== 'refunded');
      }),
      { numRuns: 80 },
    );
  });
});

describe('server actions with hostile forms', () => {
  const asShopper = () => (fakeRequest.viewer = viewerOf(poor, 'customer'));
  const asStaff = () => (fakeRequest.viewer = viewerOf(staff, 'staff'));
  const uuid = fc.uuid().map(String);

  const shopperForms = [
    ['addMoney', ['amount', 'method', 'returnPath', 'attemptKey'], { method: fc.constantFrom('card', 'wire_transfer'), attemptKey: uuid }, addMoney],
    ['payInvoice', ['invoiceId', 'method', 'attemptKey'], { invoiceId: fc.constantFrom(String(poorInvoice.id), String(richInvoice.id)), method: fc.constantFrom('wallet', 'wallet_available', 'card'), attemptKey: uuid }, payInvoice],
    ['payNow', ['method', 'checkoutKey', 'cartVersion'], { method: fc.constantFrom('wallet', 'card', 'wire_transfer', 'cash_on_delivery'), checkoutKey: uuid }, payNow],
    ['payOrderCardAgain', ['orderNumber', 'attemptKey'], { orderNumber: fc.constantFrom(paidOrder.number, 'S00001', 'S99999'), attemptKey: uuid }, payOrderCardAgain],
    ['payDemo', ['reference', 'cardHolderName', 'cardNumber', 'expiry', 'cvc'], { cardNumber: fc.constant('4242 4242 4242 4242') }, payDemo],
    ['addToCartAction', ['productId', 'quantity'], { productId: fc.constant(String(product.id)) }, addToCartAction],
    ['updateCartQuantityAction', ['productId', 'quantity'], { productId: fc.constant(String(product.id)) }, updateCartQuantityAction],
    ['removeCartLineAction', ['productId'], {}, removeCartLineAction],
  ] as const;

  for (const [name, keys, valid, action] of shopperForms) {
    it(`${name}: an error state with nothing changed, or a success; never a crash`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileBody(keys, hostileText, valid), async (body) => {
          asShopper();
          await submitHostile(() => action(idle, toFormData(body)));
        }),
        { numRuns: 25 },
      );
    });
  }

  const staffForms = [
    ['sendMoneyAction', ['customerId', 'amount', 'reason', 'attemptKey'], { customerId: fc.constant(String(poor.id)), attemptKey: uuid, reason: fc.constant('Hostile') }, sendMoneyAction],
    ['withdrawMoneyAction', ['customerId', 'amount', 'reason', 'attemptKey'], { customerId: fc.constant(String(poor.id)), attemptKey: uuid }, withdrawMoneyAction],
    ['resetBalanceAction', ['customerId', 'reason', 'attemptKey'], { customerId: fc.constant(String(poor.id)) }, resetBalanceAction],
    ['refundOrderAction', ['orderId', 'amount', 'reason', 'attemptKey'], { orderId: fc.constant(String(paidOrder.id)), attemptKey: uuid }, refundOrderAction],
    ['markOrderPaidAction', ['orderId'], { orderId: fc.constant(String(paidOrder.id)) }, markOrderPaidAction],
    ['decideTopUps', ['intent', 'paymentIds', 'paymentId', 'reason'], { intent: fc.constantFrom('confirm', 'reject') }, decideTopUps],
    ['createInvoiceAction', ['customerEmail', 'dueInDays', 'attemptKey', 'lines.0.description', 'lines.0.quantity', 'lines.0.unitPrice'], { customerEmail: fc.constant(poor.email), attemptKey: uuid }, createInvoiceAction],
  ] as const;

  for (const [name, keys, valid, action] of staffForms) {
    it(`${name} (staff): an error state with nothing changed, or a success; never a crash`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileBody(keys, hostileText, valid), async (body) => {
          asStaff();
          await submitHostile(() => action(idle, toFormData(body)));
        }),
        { numRuns: 20 },
      );
    });
  }
});
