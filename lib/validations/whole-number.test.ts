import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { invoiceFormSchema, invoiceLineSchema, markOrderPaidSchema, rejectTopUpSchema, settingsFormSchema, walletAdjustmentSchema } from './admin';
import { addToCartSchema } from './checkout';
import { payInvoiceFormSchema } from './invoices';
import { wholeNumberField } from './whole-number';

// Each of these is a number to Number() or z.coerce, and none is a whole number as typed.
const hostile = [
  '0x10',
  '0X1F',
  '1e3',
  '1E3',
  '1e-0',
  '0b1',
  '0o7',
  '1.0',
  '1.5',
  '.5',
  '-1',
  '-0',
  '+1',
  '',
  ' ',
  'Infinity',
  'NaN',
  '1_000',
  '1,000',
  '10 10',
  '12abc',
  '１２',
  '١٢',
  '9'.repeat(21),
  '\u00001',
];

describe('wholeNumberField', () => {
  const field = wholeNumberField({ min: 1, max: 1440, message: 'whole', tooSmall: 'small', tooBig: 'big' });

  it.each(hostile)('refuses %j', (input) => {
    expect(field.safeParse(input).success).toBe(false);
  });

  it.each([
    ['1', 1],
    ['1440', 1440],
    [' 30 ', 30],
    ['007', 7],
  ])('reads %j as %d', (input, value) => {
    expect(field.parse(input)).toBe(value);
  });

  it.each([
    ['0', 'small'],
    ['1441', 'big'],
    ['99999999999999999999', 'big'],
  ])('refuses %j out of bounds with %j', (input, message) => {
    const parsed = field.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('refuses what is not text', () => {
    for (const input of [16, 1e3, null, undefined, ['1'], { valueOf: () => 1 }]) expect(field.safeParse(input).success).toBe(false);
  });

  it('refuses bounds that are not safe whole numbers', () => {
    expect(() => wholeNumberField({ min: 2, max: 1, message: 'x' })).toThrow(RangeError);
    expect(() => wholeNumberField({ min: 0, max: 2 ** 53, message: 'x' })).toThrow(RangeError);
  });
});

// Every staff (and shopper) number field of lib/validations, with valid values for the rest.
const attemptKey = '00000000-0000-4000-8000-000000000000';
const fields: [string, z.ZodType, string, Record<string, string>][] = [
  ['settings holdMinutes', settingsFormSchema, 'holdMinutes', { minTopUp: '1', maxTopUp: '100', maxWalletBalance: '1000', bankAccountHolder: 'A', bankIban: 'B', bankName: 'C', holdMinutes: '30' }],
  ['invoice dueInDays', invoiceFormSchema, 'dueInDays', { customerEmail: 'a@example.com', dueInDays: '14', attemptKey }],
  ['invoice line quantity', invoiceLineSchema, 'quantity', { description: 'Work', quantity: '2', unitPrice: '10.00' }],
  ['order id', markOrderPaidSchema, 'orderId', { orderId: '7' }],
  ['top-up payment id', rejectTopUpSchema, 'paymentId', { paymentId: '7', reason: 'Never arrived' }],
  ['customer id', walletAdjustmentSchema, 'customerId', { customerId: '7', amount: '1.00', reason: 'Gift', attemptKey }],
  ['invoice id', payInvoiceFormSchema, 'invoiceId', { invoiceId: '7', method: 'card', attemptKey }],
  ['cart product id', addToCartSchema, 'productId', { productId: '7', quantity: '1' }],
  ['cart quantity', addToCartSchema, 'quantity', { productId: '7', quantity: '1' }],
];

describe.each(fields)('%s', (_name, schema, field, valid) => {
  it('accepts the valid form', () => {
    expect(schema.safeParse(valid).success).toBe(true);
  });

  it.each(hostile)(`refuses ${field} = %j`, (input) => {
    const parsed = schema.safeParse({ ...valid, [field]: input });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toEqual([field]);
  });
});
