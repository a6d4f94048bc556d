import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { cartItems, orders, type Order } from '@/db/schema';
import { createInvoice } from '@/lib/invoices/create';
import { postTransfer } from '@/lib/ledger';
import { insertTestProduct } from '@/test/helpers/checkout';
import { findPayment } from '@/lib/payments/records';
import { startTopUp } from '@/lib/wallet/top-ups';
import { insertTestUser } from '@/test/helpers/users';
import type { Viewer } from '@/app/_server/session';
import { fakeRequest } from '@/test/helpers/fake-next';
import { assertLedgerVerifies, databaseSnapshot } from './database-snapshot';
import { actionExpectations, roles, routeExpectations, type ActionOutcome, type Role } from './route-expectations';

// ---------------------------------------------------------------------------------------------
// Part 1: the table covers every route and action file on disk (a new route without a decision fails).

const root = path.resolve(import.meta.dirname, '../..');
const appDir = path.join(root, 'app');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(tsx?|jsx?)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const appFiles = filesUnder(appDir).map((file) => path.relative(appDir, file).split(path.sep).join('/'));
const source = (file: string) => fs.readFileSync(path.join(appDir, file), 'utf8');
const isRouteFile = (file: string) => /(^|\/)(page|route)\.(tsx?|jsx?)$/.test(file);
const hasModuleDirective = (text: string) => /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*['"]use server['"]/.test(text);
const inlineActions = (text: string) =>
  [...text.matchAll(/function\s+(\w+)\s*\([^)]*\)[^{]*\{\s*['"]use server['"]/g)].map((match) => match[1] ?? '');
const isActionFile = (file: string) =>
  /(^|\/)actions\.(tsx?|jsx?)$/.test(file) || hasModuleDirective(source(file)) || inlineActions(source(file)).length > 0;

/** The server actions a module offers: its exports under 'use server', or its inline 'use server' functions. */
function actionNamesOf(file: string): string[] {
  const text = source(file);
  if (!hasModuleDirective(text)) return inlineActions(text).sort();
  const names = [...text.matchAll(/export\s+(?:const|let|async\s+function|function)\s+(\w+)/g)].map((match) => match[1] ?? '');
  return names.sort();
}

describe('the expectations table covers the app', () => {
  it('has exactly one row per page.tsx and route.ts on disk', () => {
    const onDisk = appFiles.filter(isRouteFile).sort();
    const inTable = routeExpectations.map((row) => row.file).sort();
    expect(onDisk.filter((file) => !inTable.includes(file)), 'routes with no expectation: add them to test/security/route-expectations.ts').toEqual([]);
    expect(inTable.filter((file) => !onDisk.includes(file)), 'expectations for routes that no longer exist').toEqual([]);
    expect(new Set(inTable).size).toBe(inTable.length);
  });

  it('has a row for every server-action module, naming every action it offers', () => {
    const onDisk = appFiles.filter(isActionFile).sort();
    const inTable = actionExpectations.map((row) => row.file).sort();
    expect(onDisk.filter((file) => !inTable.includes(file)), 'action modules with no expectation').toEqual([]);
    expect(inTable.filter((file) => !onDisk.includes(file)), 'expectations for action modules that no longer exist').toEqual([]);
    for (const row of actionExpectations) {
      expect(actionNamesOf(row.file), `actions of app/${row.file}`).toEqual(Object.keys(row.actions).sort());
    }
  });

  it('names a test that really calls each action, and a decision for every role', () => {
    for (const row of actionExpectations) {
      const testFiles = typeof row.testedIn === 'string' ? [row.testedIn] : row.testedIn;
      const tests = testFiles.map((file) => fs.readFileSync(path.join(root, file), 'utf8')).join('\n');
      for (const [name, outcomes] of Object.entries(row.actions)) {
        expect(Object.keys(outcomes).sort(), `${row.file} ${name}`).toEqual([...roles].sort());
        if (testFiles.every((file) => file.endsWith('.test.ts'))) expect(tests, `${testFiles.join(' or ')} calls ${name}`).toContain(name);
      }
    }
    for (const row of routeExpectations) expect(Object.keys(row.expect).sort(), row.file).toEqual([...roles].sort());
  });

  it('keeps a session check in every page, handler and action module outside the public ones', () => {
    const publicFiles = new Set(
      routeExpectations.filter((row) => roles.every((role) => row.expect[role] === 'allowed' || row.expect[role] === 'unauthorized' || row.expect[role] === 'not-found')).map((row) => row.file),
    );
    for (const row of routeExpectations) {
      if (publicFiles.has(row.file) || row.file.startsWith('(auth)/')) continue;
      expect(source(row.file), `app/${row.file} asks who is there`).toMatch(/requireViewer|requireStaff|currentViewer/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Part 2: the shopper-facing actions, called as each role (the admin ones: app/admin/role-checks.test.ts).

vi.mock('@/app/_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));
vi.mock('next/navigation', () => import('@/test/helpers/fake-next').then((fake) => fake.navigation));
vi.mock('next/cache', () => import('@/test/helpers/fake-next').then((fake) => fake.cache));
vi.mock('next/headers', () => import('@/test/helpers/fake-next').then((fake) => fake.headers));

const { payInvoice } = await import('@/app/my/invoices/[id]/actions');
const { payOrderCardAgain, cancelOwnOrderAction, switchPaymentAction } = await import('@/app/my/orders/[number]/actions');
const { payDemo, cancelDemo } = await import('@/app/pay/demo/[reference]/actions');
const { addMoney } = await import('@/app/my/wallet/add/actions');
const { payNow } = await import('@/app/checkout/actions');
const { addToCartAction, updateCartQuantityAction, removeCartLineAction, mergeVisitorCartAction } = await import('@/app/cart/actions');
const { sendMoneyAction, withdrawMoneyAction, resetBalanceAction } = await import('@/app/admin/customers/[id]/actions');
const { decideTopUps } = await import('@/app/admin/top-ups/actions');
const { refundOrderAction, refundOrderToSourcesAction, markOrderPaidAction } = await import('@/app/admin/orders/[id]/actions');
const { saveSettingsAction } = await import('@/app/admin/settings/actions');
const { createInvoiceAction } = await import('@/app/admin/invoices/new/actions');

const idle = { status: 'idle' } as const;

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const db = getDatabase();

async function fund(userId: number, amount: number) {
  await db.write((tx) => postTransfer(tx, {
    debit: { system: 'card_clearing', currency: 'USD' },
    credit: { wallet: userId, currency: 'USD' },
    amount,
    currency: 'USD',
    kind: 'deposit_card',
    idempotencyKey: `matrix-fund:${crypto.randomUUID()}`,
    description: { code: 'topUpCard', params: { reference: 'test' } },
  }));
}

/** An order of shopper A still waiting for its card payment, as checkout leaves it after a cancelled card page. */
async function insertCardOrderWaiting(userId: number): Promise<Order> {
  const tag = crypto.randomUUID();
  const [order] = await db.write((tx) => tx
    .insert(orders)
    .values({
      number: `S9${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      userId,
      state: 'confirmed',
      paymentMethod: 'card',
      amountTotal: 3_000,
      currency: 'USD',
      checkoutKey: `matrix:${tag}`,
      createdAt: new Date(),
    })
    .returning());
  if (!order) throw new Error('no order');
  return order;
}

const shopperA = await insertTestUser(db);
const shopperB = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');
const people: Record<Exclude<Role, 'visitor'>, Viewer> = {
  shopperA: { ...shopperA, role: 'customer' },
  shopperB: { ...shopperB, role: 'customer' },
  staff: { ...staff, role: 'staff' },
};
await fund(shopperA.id, 100_000);
await fund(shopperB.id, 100_000);
await fund(staff.id, 100_000);
const invoiceA = await db.write((tx) => createInvoice(tx, { userId: shopperA.id, currency: 'USD', lines: [{ description: 'Service', quantity: 1, unitPriceMinor: 5_000 }] }));
const orderA = await insertCardOrderWaiting(shopperA.id);
const product = await insertTestProduct(db, 1_000);

async function demoPaymentOfA() {
  const started = await startTopUp(db, shopperA, { amount: '25', method: 'card', attemptKey: crypto.randomUUID() });
  if (started.status !== 'redirect' || started.payment.provider !== 'demo') throw new Error('expected a Demo card payment');
  return started.payment;
}

const card = { cardHolderName: 'Mallory', cardNumber: '4242 4242 4242 4242', expiry: '12/40', cvc: '123' };

function outcomeOf(expected: ActionOutcome, reference = ''): string {
  return typeof expected === 'string' ? expected : `redirect:${expected.redirect.replace('{paymentA}', reference)}`;
}

/** Runs an action as someone; reports what came back in the matrix's words. */
async function attempt(run: () => Promise<unknown>): Promise<string> {
  try {
    const state = await run();
    if (state && typeof state === 'object' && 'status' in state && state.status === 'error' && 'message' in state) {
      const message = String(state.message);
      if (/sign in again/.test(message)) return 'sign-in-again';
      if (/does not exist/.test(message)) return 'not-found';
      return `error:${message}`;
    }
    return 'allowed';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.endsWith(';403')) return 'forbidden';
    const redirect = /^NEXT_REDIRECT;(.*)$/.exec(message);
    if (redirect) return `redirect:${redirect[1]}`;
    throw error;
  }
}

function as(role: Role) {
  fakeRequest.viewer = role === 'visitor' ? null : people[role];
}

beforeEach(() => {
  fakeRequest.viewer = null;
  fakeRequest.cookies.clear();
});

describe("shopper-facing actions on shopper A's invoice, order and payment", () => {
  const expectation = (file: string, name: string) => {
    const row = actionExpectations.find((candidate) => candidate.file === file);
    const outcomes = row?.actions[name];
    if (!outcomes) throw new Error(`no expectation for ${file} ${name}`);
    return outcomes;
  };

  for (const role of ['visitor', 'shopperB', 'staff'] as const) {
    it(`${role}: every owned action answers as the table says and nothing changes`, async () => {
      const payment = await demoPaymentOfA();
      as(role);
      const before = await databaseSnapshot(db);
      const calls: [string, string, () => Promise<unknown>][] = [
        ...(['wallet', 'wallet_available', 'card'] as const).map(
          (method) =>
            ['my/invoices/[id]/actions.ts', 'payInvoice', () => payInvoice(idle, form({ invoiceId: invoiceA.id, method, attemptKey: crypto.randomUUID() }))] as [
              string,
              string,
              () => Promise<unknown>,
            ],
        ),
        ['my/orders/[number]/actions.ts', 'payOrderCardAgain', () => payOrderCardAgain(idle, form({ orderNumber: orderA.number, attemptKey: crypto.randomUUID() }))],
        ['my/orders/[number]/actions.ts', 'cancelOwnOrderAction', () => cancelOwnOrderAction(idle, form({ orderNumber: orderA.number }))],
        [
          'my/orders/[number]/actions.ts',
          'switchPaymentAction',
          () => switchPaymentAction(idle, form({ orderNumber: orderA.number, method: 'wire_transfer', attemptKey: crypto.randomUUID() })),
        ],
        ['pay/demo/[reference]/actions.ts', 'payDemo', () => payDemo(idle, form({ reference: payment.reference, ...card }))],
        ['pay/demo/[reference]/actions.ts', 'cancelDemo', () => cancelDemo(form({ reference: payment.reference }))],
      ];
      for (const [file, name, call] of calls) {
        expect(await attempt(call), `${role} ${name}`).toBe(outcomeOf(expectation(file, name)[role], payment.reference));
      }
      expect(await databaseSnapshot(db)).toEqual(before);
      expect((await findPayment(db.read, payment.id))?.state).toBe('pending');
      await assertLedgerVerifies(db);
    });
  }

  it('shopper A: the same actions go through on their own invoice, order and payment', async () => {
    const payment = await demoPaymentOfA();
    const other = await demoPaymentOfA();
    as('shopperA');
    const paid = await attempt(() => payInvoice(idle, form({ invoiceId: invoiceA.id, method: 'wallet', attemptKey: crypto.randomUUID() })));
    expect(paid).toMatch(new RegExp(`^redirect:/my/invoices/${invoiceA.id}\\?paid=`));
    const again = await attempt(() => payOrderCardAgain(idle, form({ orderNumber: orderA.number, attemptKey: crypto.randomUUID() })));
    expect(again).toMatch(/^redirect:\/pay\/demo\//);
    expect(await attempt(() => payDemo(idle, form({ reference: payment.reference, ...card })))).toBe(`redirect:/payments/${payment.reference}`);
    expect((await findPayment(db.read, payment.id))?.state).toBe('done');
    expect(await attempt(() => cancelDemo(form({ reference: other.reference })))).toBe(`redirect:/payments/${other.reference}`);
    expect((await findPayment(db.read, other.id))?.state).toBe('canceled');
    await assertLedgerVerifies(db);
  });

  it("shopper A cannot cancel their own pending wire top-up through the Demo card's Cancel (its credit is staff's to reject)", async () => {
    const wire = await startTopUp(db, shopperA, { amount: '40', method: 'wire_transfer', attemptKey: crypto.randomUUID() });
    if (wire.status !== 'pending') throw new Error('expected a pending wire top-up');
    as('shopperA');
    const before = await databaseSnapshot(db);
    expect(await attempt(() => cancelDemo(form({ reference: wire.payment.reference })))).toBe('redirect:/my/wallet');
    expect(await databaseSnapshot(db)).toEqual(before);
    expect((await findPayment(db.read, wire.payment.id))?.state).toBe('pending');
  });

  it("nor through Stripe's cancel return link, and another shopper's reference there changes nothing either", async () => {
    const { GET } = await import('@/app/payments/stripe/return/route');
    const { NextRequest } = await import('next/server');
    const wire = await startTopUp(db, shopperA, { amount: '45', method: 'wire_transfer', attemptKey: crypto.randomUUID() });
    const demo = await demoPaymentOfA();
    if (wire.status !== 'pending') throw new Error('expected a pending wire top-up');
    const cancelLink = (reference: string) => new NextRequest(`http://shop.test/payments/stripe/return?payment=${reference}&canceled=1`);
    const before = await databaseSnapshot(db);
    as('shopperA');
    expect(new URL((await GET(cancelLink(wire.payment.reference))).headers.get('location') ?? '').pathname).toBe(`/payments/${wire.payment.reference}`);
    as('shopperB');
    expect(new URL((await GET(cancelLink(demo.reference))).headers.get('location') ?? '').pathname).toBe('/my/wallet');
    expect(await databaseSnapshot(db)).toEqual(before);
  });
});

describe('actions that need a session answer a visitor "sign in again" and change nothing', () => {
  it('refuses the visitor everywhere', async () => {
    const before = await databaseSnapshot(db);
    const key = crypto.randomUUID();
    const calls: [string, string, () => Promise<unknown>][] = [
      ['checkout/actions.ts', 'payNow', () => payNow(idle, form({ method: 'wallet', checkoutKey: key, cartVersion: 'v' }))],
      ['my/wallet/add/actions.ts', 'addMoney', () => addMoney(idle, form({ amount: '10', method: 'card', attemptKey: key }))],
      ['admin/customers/[id]/actions.ts', 'sendMoneyAction', () => sendMoneyAction(idle, form({ customerId: shopperA.id, amount: '5', reason: 'x', attemptKey: key }))],
      ['admin/customers/[id]/actions.ts', 'withdrawMoneyAction', () => withdrawMoneyAction(idle, form({ customerId: shopperA.id, amount: '5', reason: 'x', attemptKey: key }))],
      ['admin/customers/[id]/actions.ts', 'resetBalanceAction', () => resetBalanceAction(idle, form({ customerId: shopperA.id, reason: 'x', attemptKey: key }))],
      ['admin/top-ups/actions.ts', 'decideTopUps', () => decideTopUps(idle, form({ intent: 'confirm', paymentIds: '1' }))],
      ['admin/orders/[id]/actions.ts', 'refundOrderAction', () => refundOrderAction(idle, form({ orderId: orderA.id, amount: '1', reason: 'x', attemptKey: key }))],
      ['admin/orders/[id]/actions.ts', 'refundOrderToSourcesAction', () => refundOrderToSourcesAction(idle, form({ orderId: orderA.id, amount: '1', reason: 'x', attemptKey: key }))],
      ['admin/orders/[id]/actions.ts', 'markOrderPaidAction', () => markOrderPaidAction(idle, form({ orderId: orderA.id }))],
      ['admin/settings/actions.ts', 'saveSettingsAction', () => saveSettingsAction(idle, form({ minTopUp: '1', maxTopUp: '2', bankAccountHolder: 'a', bankIban: 'b', bankName: 'c', holdMinutes: 1 }))],
      ['admin/invoices/new/actions.ts', 'createInvoiceAction', () => createInvoiceAction(idle, form({ customerEmail: shopperA.email, dueInDays: 1, attemptKey: key }))],
    ];
    for (const [file, name, call] of calls) {
      const row = actionExpectations.find((candidate) => candidate.file === file);
      expect(await attempt(call), name).toBe(outcomeOf(row?.actions[name]?.visitor ?? 'allowed'));
    }
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it('lets a signed-in shopper start their own top-up and checkout', async () => {
    as('shopperB');
    expect(await attempt(() => addMoney(idle, form({ amount: '10', method: 'card', attemptKey: crypto.randomUUID() })))).toMatch(/^redirect:\/pay\/demo\//);
    const emptyCart = await payNow(idle, form({ method: 'wallet', checkoutKey: crypto.randomUUID(), cartVersion: 'v' }));
    expect(emptyCart).toMatchObject({ status: 'error', message: expect.stringContaining('cart is empty') });
  });
});

describe('cart actions serve visitors from a cookie and shoppers from their own cart only', () => {
  const cartRows = () => db.read.select().from(cartItems);

  it('a visitor changes only their cookie', async () => {
    const before = await databaseSnapshot(db);
    expect(await addToCartAction(idle, form({ productId: product.id, quantity: '2' }))).toMatchObject({ status: 'success' });
    expect(await updateCartQuantityAction(idle, form({ productId: product.id, quantity: '3' }))).toMatchObject({ status: 'success' });
    expect([...fakeRequest.cookies.values()].join()).toContain(String(product.id));
    expect(await removeCartLineAction(idle, form({ productId: product.id }))).toMatchObject({ status: 'success' });
    await mergeVisitorCartAction();
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("shopper B's cart actions never touch shopper A's cart", async () => {
    as('shopperA');
    await addToCartAction(idle, form({ productId: product.id, quantity: '1' }));
    const cartOfA = (await cartRows()).filter((row) => row.userId === shopperA.id);
    expect(cartOfA).toHaveLength(1);
    as('shopperB');
    await updateCartQuantityAction(idle, form({ productId: product.id, quantity: '9' }));
    await removeCartLineAction(idle, form({ productId: product.id }));
    await mergeVisitorCartAction();
    expect((await cartRows()).filter((row) => row.userId === shopperA.id)).toEqual(cartOfA);
  });
});
