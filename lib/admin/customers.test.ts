import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { users } from '@/db/schema';
import { createPendingTransfer, postTransfer } from '@/lib/ledger';
import { userSearchKey } from '@/lib/auth/search-key';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';
import { listStaffOrders } from '@/lib/orders/views';
import { getCustomerDetail, listCustomers } from './customers';

const db = getDatabase();

async function customerNamed(name: string) {
  const email = `${name.toLowerCase().replaceAll(' ', '.')}-${crypto.randomUUID().slice(0, 6)}@list.example`;
  const [row] = await db.write((tx) =>
    tx
    .insert(users)
    .values({ name, email, passwordHash: 'x', searchKey: userSearchKey({ name, email }) })
    .returning(),
  );
  if (!row) throw new Error('no customer');
  return row;
}

async function fund(userId: number, amount: number) {
  await db.write((tx) => postTransfer(tx, {
    debit: { system: 'card_clearing', currency: 'USD' },
    credit: { wallet: userId, currency: 'USD' },
    amount,
    currency: 'USD',
    kind: 'deposit_card',
    idempotencyKey: crypto.randomUUID(),
    description: { code: 'text', params: { text: 'Top-up by card' } },
  }));
}

describe('listCustomers', () => {
  const names = ['Zoe Zimmer', 'Adam Abbott', 'Mia 50%_Off', 'Ben Brown'];
  let people: Record<string, { id: number; email: string }> = {};

  beforeAll(async () => {
    for (const name of names) people[name] = await customerNamed(name);
    await fund(people['Zoe Zimmer']?.id ?? 0, 9_000);
    await fund(people['Ben Brown']?.id ?? 0, 500);
    await db.write((tx) => createPendingTransfer(tx, {
      debit: { system: 'bank_clearing', currency: 'USD' },
      credit: { wallet: people['Ben Brown']?.id ?? 0, currency: 'USD' },
      amount: 700,
      currency: 'USD',
      kind: 'deposit_wire',
      idempotencyKey: crypto.randomUUID(),
      description: { code: 'text', params: { text: 'Wire transfer top-up' } },
    }));
    await insertTestUser(db, 'staff');
  });

  it('lists customers only, by name, with balances, pending and last activity', async () => {
    const list = await listCustomers(db.read, { q: '@list.example', pageSize: 10 });
    expect(list.rows.map((row) => row.name)).toEqual(['Adam Abbott', 'Ben Brown', 'Mia 50%_Off', 'Zoe Zimmer']);
    expect(list.rows.find((row) => row.name === 'Ben Brown')).toMatchObject({ available: 500, pendingIncoming: 700, currency: 'USD' });
    expect(list.rows.find((row) => row.name === 'Ben Brown')?.lastActivity).toBeInstanceOf(Date);
    expect(list.rows.find((row) => row.name === 'Adam Abbott')).toMatchObject({ available: 0, pendingIncoming: 0, lastActivity: null });
    expect((await listCustomers(db.read, { pageSize: 100 })).rows.every((row) => !row.email.startsWith('staff-'))).toBe(true);
  });

  it('sorts by balance, highest first', async () => {
    const list = await listCustomers(db.read, { q: '@list.example', sort: 'balance' });
    expect(list.rows.map((row) => row.name).slice(0, 2)).toEqual(['Zoe Zimmer', 'Ben Brown']);
  });

  it('searches names and emails literally (wildcards are plain characters)', async () => {
    expect((await listCustomers(db.read, { q: '50%_' })).rows.map((row) => row.name)).toEqual(['Mia 50%_Off']);
    expect((await listCustomers(db.read, { q: '%' })).rows.map((row) => row.name)).toEqual(['Mia 50%_Off']);
    expect((await listCustomers(db.read, { q: 'ADAM' })).rows.map((row) => row.name)).toEqual(['Adam Abbott']);
    expect((await listCustomers(db.read, { q: people['Zoe Zimmer']?.email })).totalRows).toBe(1);
  });

  it('paginates on the server', async () => {
    const first = await listCustomers(db.read, { q: '@list.example', pageSize: 3, page: 1 });
    const second = await listCustomers(db.read, { q: '@list.example', pageSize: 3, page: 2 });
    expect(first).toMatchObject({ totalRows: 4, totalPages: 2, page: 1 });
    expect(first.rows).toHaveLength(3);
    expect(second.rows.map((row) => row.name)).toEqual(['Zoe Zimmer']);
    expect((await listCustomers(db.read, { q: '@list.example', pageSize: 3, page: 9 })).rows).toEqual([]);
  });
});

describe('getCustomerDetail', () => {
  it('gives profile, balance, pending and history of a customer', async () => {
    const customer = await insertTestUser(db);
    await fund(customer.id, 1_234);
    const detail = await getCustomerDetail(db.read, customer.id);
    expect(detail?.customer).toMatchObject({ id: customer.id, email: customer.email });
    expect(detail?.balance.available).toBe(1_234);
    expect(detail?.history.rows).toHaveLength(1);
    expect(detail?.pending).toEqual([]);
  });

  it('has nothing for staff or unknown ids', async () => {
    expect(await getCustomerDetail(db.read, (await insertTestUser(db, 'staff')).id)).toBeUndefined();
    expect(await getCustomerDetail(db.read, 424_242)).toBeUndefined();
  });
});

describe("a customer's orders (listStaffOrders by customer)", () => {
  it("pages one customer's orders, newest first, saying which can ship", async () => {
    const [ana, bo] = [await insertTestUser(db), await insertTestUser(db)];
    const line = [{ name: 'Cup', quantity: 1, unitPrice: 1_000, rateBp: 0 }];
    const placed = [];
    for (const state of ['paid', 'confirmed', 'shipped', 'processing', 'paid', 'canceled'] as const) {
      placed.push((await insertTaxedOrder(db, ana.id, line, { state, paidAt: state === 'confirmed' || state === 'canceled' ? null : new Date() })).order);
    }
    await insertTaxedOrder(db, bo.id, line);
    const first = await listStaffOrders(db.read, { customerId: ana.id, pageSize: 5 });
    expect(first).toMatchObject({ page: 1, pageSize: 5, totalRows: 6, totalPages: 2 });
    expect(first.rows.map((row) => [row.number, row.canShip])).toEqual([
      [placed[5]?.number, false],
      [placed[4]?.number, true],
      [placed[3]?.number, true],
      [placed[2]?.number, false],
      [placed[1]?.number, false],
    ]);
    expect(first.rows.every((row) => row.customerId === ana.id)).toBe(true);
    expect((await listStaffOrders(db.read, { customerId: ana.id, page: 2, pageSize: 5 })).rows.map((row) => row.number)).toEqual([placed[0]?.number]);
  });
});
