import { describe, expect, it } from 'vitest';
import { paymentProviders, paymentStates } from '@/db/schema';
import type { InvoiceStatus } from '@/lib/invoices/status';
import enAdmin from '@/messages/en/admin.json';
import enCheckout from '@/messages/en/checkout.json';
import enInvoices from '@/messages/en/invoices.json';
import enOrders from '@/messages/en/orders.json';
import enStatuses from '@/messages/en/statuses.json';
import trAdmin from '@/messages/tr/admin.json';
import trCheckout from '@/messages/tr/checkout.json';
import trInvoices from '@/messages/tr/invoices.json';
import trOrders from '@/messages/tr/orders.json';
import trStatuses from '@/messages/tr/statuses.json';
import { orderStatusCodes, paymentChoiceOf, paymentChoices } from './labels';

// Every code a badge or a label shows, with its key in THE one label map of its concept.
const invoiceStatuses = Object.keys({ not_paid: 1, partial: 1, paid: 1, refunded: 1, credit_note: 1 } satisfies Record<InvoiceStatus, 1>);
const languages = [
  { locale: 'en', statuses: enStatuses, invoices: enInvoices, orders: enOrders },
  { locale: 'tr', statuses: trStatuses, invoices: trInvoices, orders: trOrders },
] as const;

describe.each(languages)('one label map per concept, in $locale', ({ statuses, invoices, orders }) => {
  const worded = (map: Record<string, string>, codes: readonly string[]) => codes.filter((code) => !map[code]?.trim());

  it.each([
    ['order status (statuses.order)', statuses.order, orderStatusCodes],
    ['way of paying (statuses.paymentMethod)', statuses.paymentMethod, paymentChoices],
    ['payment state (statuses.payment)', statuses.payment, paymentStates],
    ['invoice status (invoices.status)', invoices.status, invoiceStatuses],
    ['payment provider (orders.provider)', orders.provider, paymentProviders],
  ] as const)('%s words every code', (_, map, codes) => {
    expect(worded(map, codes)).toEqual([]);
  });

  it('each map has words for its codes and nothing else', () => {
    expect(Object.keys(statuses.order).sort()).toEqual([...orderStatusCodes].sort());
    expect(Object.keys(statuses.paymentMethod).sort()).toEqual([...paymentChoices].sort());
    expect(Object.keys(statuses.payment).sort()).toEqual([...paymentStates].sort());
    expect(Object.keys(invoices.status).sort()).toEqual([...invoiceStatuses].sort());
  });
});

describe('the copies of the maps are gone', () => {
  it.each(languages)('no second map of invoice statuses, ways of paying or payment states in $locale', ({ statuses, locale }) => {
    expect(statuses).not.toHaveProperty('invoice');
    expect(locale === 'en' ? enCheckout : trCheckout).not.toHaveProperty('method');
    const admin = locale === 'en' ? enAdmin : trAdmin;
    expect(admin).not.toHaveProperty('paymentMethods');
    expect(admin).not.toHaveProperty('paymentStates');
    expect(admin.order.refunds).not.toHaveProperty('methods');
  });
});

describe('paymentChoiceOf', () => {
  it.each([
    ['card', true, 'wallet_and_card'],
    ['card', false, 'card'],
    ['wallet', true, 'wallet'],
    ['wire_transfer', false, 'wire_transfer'],
    ['cash_on_delivery', true, 'cash_on_delivery'],
  ] as const)('a %s order, wallet part %s: %s', (paymentMethod, hasWalletPart, choice) => {
    expect(paymentChoiceOf({ paymentMethod }, hasWalletPart)).toBe(choice);
  });
});
