import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { updateSettings } from '@/lib/settings';
import { readCsv } from '@/test/helpers/csv';
import { fakeRequest } from '@/test/helpers/fake-next';
import { insertTaxedOrder } from '@/test/helpers/taxed-orders';
import { insertTestUser } from '@/test/helpers/users';

vi.mock('../../_server/session', () => import('@/test/helpers/fake-next').then((fake) => fake.session));

const { GET: ordersCsv } = await import('./orders/route');
const { GET: invoicesCsv } = await import('./invoices/route');

const db = getDatabase();
const customer = await insertTestUser(db);
const staff = await insertTestUser(db, 'staff');
await db.write((tx) => updateSettings(tx, { timeZone: 'Europe/Istanbul' }));
// 00:30 on 2 January in Istanbul, 21:30 on 1 January in UTC.
const { order } = await insertTaxedOrder(db, customer.id, [{ name: 'Moka pot', quantity: 2, unitPrice: 1_999, rateBp: 2_000 }], {
  createdAt: new Date('2026-01-01T21:30:00Z'),
});

const ask = (route: (request: NextRequest) => Promise<Response>, query: string) => route(new NextRequest(`http://shop.test/admin/reports/x?${query}`));

describe('the CSV exports of the Reports page', () => {
  it.each([
    ['orders', ordersCsv],
    ['invoices', invoicesCsv],
  ] as const)('answer nobody with 401 and a shopper with 403 (%s)', async (_name, route) => {
    fakeRequest.viewer = null;
    expect((await ask(route, 'from=2026-01-01&to=2026-01-31')).status).toBe(401);
    fakeRequest.viewer = { ...customer, role: 'customer' };
    const refused = await ask(route, 'from=2026-01-01&to=2026-01-31');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).not.toContain('text/csv');
  });

  it("give staff the orders of the shop's days as a CSV file named by them", async () => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const response = await ask(ordersCsv, 'from=2026-01-02&to=2026-01-02');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="orders-2026-01-02-to-2026-01-02.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    // The byte order mark (Excel reads the file as UTF-8 then); Response.text() would drop it.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const [header, row, ...rest] = readCsv(text, ',');
    expect(header).toEqual([
      'Order',
      'Placed (Europe/Istanbul)',
      'Paid (Europe/Istanbul)',
      'Status',
      'Payment method',
      'Customer',
      'Email',
      'Delivery country',
      'Net',
      'Tax',
      'Shipping (gross)',
      'Total',
      'Refunded',
      'Currency',
    ]);
    expect(row).toEqual([order.number, '2026-01-02 00:30', '2026-01-02 00:30', 'Paid', 'Wallet', customer.name, customer.email, '', '33.32', '6.66', '0.00', '39.98', '0.00', 'USD']);
    expect(rest).toEqual([]);
    // 1 January in Istanbul ends at 21:00 UTC: the order is not on it.
    expect(readCsv(await (await ask(ordersCsv, 'from=2026-01-01&to=2026-01-01')).text(), ',')).toHaveLength(1);
    const invoices = readCsv(await (await ask(invoicesCsv, 'from=2026-01-01&to=2026-01-31')).text(), ',');
    expect(invoices[0]?.slice(0, 3)).toEqual(['Number', 'Type', 'Date']);
  });

  it.each([
    ['from=&to=2026-01-31', 'from.missing'],
    ['from=2026-02-30&to=2026-03-01', 'from.invalid'],
    ['from=2026-01-31&to=2026-01-01', 'to.beforeFrom'],
    ['from=2024-01-01&to=2026-01-01', 'to.tooLong'],
  ])('send staff back to the page with the field that is wrong (%s)', async (query, error) => {
    fakeRequest.viewer = { ...staff, role: 'staff' };
    const response = await ask(invoicesCsv, query);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.pathname).toBe('/admin/reports');
    expect(location.searchParams.get('error')).toBe(error);
  });
});
