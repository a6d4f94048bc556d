import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { insertTestUser } from '@/test/helpers/users';
import { getBalance, verifyLedger } from '@/lib/ledger';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { startTopUp } from './top-ups';
import { confirmTopUp, listPendingWireTopUps, rejectTopUp } from './wire-top-ups';

const db = getDatabase();
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
const usd = (userId: number) => getBalance(db.read, { wallet: userId, currency: 'USD' });

function form(amount: string, method: 'card' | 'wire_transfer' = 'card', attemptKey = crypto.randomUUID()) {
  return { amount, method, attemptKey } as const;
}

describe('top-up amount validation', () => {
  it.each([
    ['0', 'AMOUNT_ZERO'],
    ['-5', 'AMOUNT_NEGATIVE'],
    ['abc', 'AMOUNT_NOT_A_NUMBER {"example":"25.00"}'],
    ['1e3', 'AMOUNT_NOT_A_NUMBER'],
    ['10.001', 'AMOUNT_TOO_MANY_DECIMALS {"decimals":2,"currency":"USD"}'],
    ['0.50', 'TOP_UP_TOO_SMALL {"min":100,"currency":"USD"}'],
    ['10000.01', 'TOP_UP_TOO_LARGE {"max":1000000,"currency":"USD"}'],
  ])('refuses %s with a code beside the field and creates nothing', async (amount, message) => {
    const shopper = await insertTestUser(db);
    const started = await startTopUp(db, shopper, form(amount));
    expect(started.status).toBe('invalid');
    if (started.status === 'invalid') expect(started.fieldErrors.amount?.[0]).toContain(message);
    expect((await usd(shopper.id)).available).toBe(0);
  });
});

describe('card top-up with the Demo provider', () => {
  it('credits the wallet exactly once with the exact amount', async () => {
    const shopper = await insertTestUser(db);
    const started = await startTopUp(db, shopper, form('339.50'));
    expect(started.status).toBe('redirect');
    if (started.status !== 'redirect') return;
    expect(started.url).toBe(`/pay/demo/${started.payment.reference}`);
    expect((await usd(shopper.id)).available).toBe(0);

    const paid = await payWithDemoCard(db, shopper.id, started.payment.reference, card);
    expect(paid.status).toBe('done');
    expect((await usd(shopper.id)).available).toBe(33950);

    // Paying the same payment again (a second tab, a replayed form) moves nothing.
    expect((await payWithDemoCard(db, shopper.id, started.payment.reference, card)).status).toBe('not_open');
    expect((await usd(shopper.id)).available).toBe(33950);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('starts one payment for a double-submitted form', async () => {
    const shopper = await insertTestUser(db);
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([startTopUp(db, shopper, form('20', 'card', key)), startTopUp(db, shopper, form('20', 'card', key))]);
    expect(first.status === 'redirect' && second.status === 'redirect').toBe(true);
    if (first.status === 'redirect' && second.status === 'redirect') expect(first.payment.id).toBe(second.payment.id);
  });

  it('keeps a declined card from crediting anything and lets another card pay', async () => {
    const shopper = await insertTestUser(db);
    const started = await startTopUp(db, shopper, form('25'));
    if (started.status !== 'redirect') throw new Error('expected a redirect');
    const declined = await payWithDemoCard(db, shopper.id, started.payment.reference, { ...card, cardNumber: '4000 0000 0000 0002' });
    expect(declined).toEqual({ status: 'declined', code: 'CARD_DECLINED' });
    // The open payment remembers why the last card failed, as a code the pages word.
    expect(await findPayment(db.read, started.payment.id)).toMatchObject({ state: 'pending', failureCode: 'cardDeclined' });
    expect((await usd(shopper.id)).available).toBe(0);
    expect((await payWithDemoCard(db, shopper.id, started.payment.reference, card)).status).toBe('done');
    expect((await usd(shopper.id)).available).toBe(2500);
  });

  it('never lets one shopper pay or see another shopper\'s payment', async () => {
    const owner = await insertTestUser(db);
    const stranger = await insertTestUser(db);
    const started = await startTopUp(db, owner, form('25'));
    if (started.status !== 'redirect') throw new Error('expected a redirect');
    expect(await payWithDemoCard(db, stranger.id, started.payment.reference, card)).toEqual({ status: 'not_open', payment: undefined });
    expect((await usd(owner.id)).available).toBe(0);
    expect((await usd(stranger.id)).available).toBe(0);
  });
});

describe('wire transfer top-up', () => {
  it('stays pending, balance unchanged, until staff confirm it once', async () => {
    const shopper = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const started = await startTopUp(db, shopper, form('507.50', 'wire_transfer'));
    expect(started.status).toBe('pending');
    if (started.status !== 'pending') return;
    expect(await usd(shopper.id)).toMatchObject({ available: 0, pendingIncoming: 50750 });
    expect((await listPendingWireTopUps(db.read)).map((t) => t.reference)).toContain(started.payment.reference);

    expect((await confirmTopUp(db, started.payment.id, staff.id)).status).toBe('confirmed');
    expect(await usd(shopper.id)).toMatchObject({ available: 50750, pendingIncoming: 0 });
    expect((await confirmTopUp(db, started.payment.id, staff.id)).status).toBe('already_confirmed');
    expect((await usd(shopper.id)).available).toBe(50750);
    expect((await rejectTopUp(db, started.payment.id, staff.id, 'late')).status).toBe('already_confirmed');
    expect((await listPendingWireTopUps(db.read)).map((t) => t.reference)).not.toContain(started.payment.reference);
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });

  it('once rejected, cannot be confirmed', async () => {
    const shopper = await insertTestUser(db);
    const staff = await insertTestUser(db, 'staff');
    const started = await startTopUp(db, shopper, form('40', 'wire_transfer'));
    if (started.status !== 'pending') throw new Error('expected pending');
    expect((await rejectTopUp(db, started.payment.id, staff.id, 'No transfer arrived')).status).toBe('rejected');
    expect((await confirmTopUp(db, started.payment.id, staff.id)).status).toBe('already_rejected');
    expect(await usd(shopper.id)).toMatchObject({ available: 0, pendingIncoming: 0 });
    expect((await findPayment(db.read, started.payment.id))?.state).toBe('canceled');
    expect((await verifyLedger(db.read)).ok).toBe(true);
  });
});

describe('the most a wallet may hold (maxWalletBalance)', () => {
  it('refuses a top-up past the cap before a card is charged or a wire is announced; a paid card top-up lands whatever the cap', async () => {
    const { updateSettings } = await import('@/lib/settings');
    const shopper = await insertTestUser(db);
    await db.write((tx) => updateSettings(tx, { maxWalletBalance: 50_000 }));
    try {
      const wire = await startTopUp(db, shopper, form('300.00', 'wire_transfer'));
      expect(wire.status).toBe('pending');
      for (const method of ['card', 'wire_transfer'] as const) {
        const refused = await startTopUp(db, shopper, form('200.01', method));
        expect(refused.status).toBe('invalid');
        if (refused.status === 'invalid') expect(refused.fieldErrors.amount?.[0]).toBe('WALLET_ROOM {"room":20000,"currency":"USD"}');
      }
      const card200 = await startTopUp(db, shopper, form('200.00'));
      if (card200.status !== 'redirect') throw new Error(`expected a card page, got ${card200.status}`);
      // The cap is lowered while the shopper is on the card page: money taken must still land.
      await db.write((tx) => updateSettings(tx, { maxWalletBalance: 10_000 }));
      expect((await payWithDemoCard(db, shopper.id, card200.payment.reference, card)).status).toBe('done');
      expect(await usd(shopper.id)).toMatchObject({ posted: 20_000, pendingIncoming: 30_000 });
      expect((await verifyLedger(db.read)).ok).toBe(true);
    } finally {
      await db.write((tx) => updateSettings(tx, { maxWalletBalance: 1_000_000_000_000 }));
    }
  });
});
