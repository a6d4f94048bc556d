import { z } from 'zod';
import { paymentMethods } from '@/db/schema';
import { idField, wholeNumberField } from './whole-number';

/** Why staff changed something: required, shown to the customer and kept in the audit log. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, 'Enter a reason.')
  .max(200, 'Use at most 200 characters.');

/** An amount as typed; lib/money reads it against the currency's rules. */
export const amountTextSchema = z
  .string()
  .trim()
  .min(1, 'Enter an amount such as 25.00.')
  .max(40, 'Enter an amount such as 25.00.');

/** A hidden per-form uuid: a double submit of one form moves money once. */
export const attemptKeySchema = z.uuid('Reload the page and try again.');

const idSchema = idField();

/** Send Money and Withdraw on a customer's page. */
export const walletAdjustmentSchema = z.object({
  customerId: idSchema,
  amount: amountTextSchema,
  reason: reasonSchema,
  attemptKey: attemptKeySchema,
});

/** Reset Balance on a customer's page (the amount is whatever is available). */
export const resetBalanceSchema = z.object({
  customerId: idSchema,
  reason: reasonSchema,
  attemptKey: attemptKeySchema,
});

/** One or several pending top-ups to confirm, as a comma-separated list of payment ids. */
export const confirmTopUpsSchema = z.object({
  paymentIds: z
    .string()
    .trim()
    .regex(/^\d{1,15}(,\d{1,15}){0,199}$/, 'Choose at least one top-up.')
    .transform((text) => [...new Set(text.split(',').map(Number))]),
});

export const rejectTopUpSchema = z.object({
  paymentId: idSchema,
  reason: reasonSchema,
});

/** The Pending Top-ups table's one form action: confirm some, or reject one with a reason. */
export const topUpDecisionSchema = z.discriminatedUnion('intent', [
  confirmTopUpsSchema.extend({ intent: z.literal('confirm') }),
  rejectTopUpSchema.extend({ intent: z.literal('reject') }),
]);

export const refundOrderSchema = z.object({
  orderId: idSchema,
  amount: amountTextSchema,
  reason: reasonSchema,
  attemptKey: attemptKeySchema,
});

export const markOrderPaidSchema = z.object({ orderId: idSchema });

const checkbox = z.literal('on').optional();

/** The Settings form; checkboxes arrive as "on" or not at all. */
export const settingsFormSchema = z.object({
  automaticInvoice: checkbox,
  method_wallet: checkbox,
  method_card: checkbox,
  method_wire_transfer: checkbox,
  method_cash_on_delivery: checkbox,
  minTopUp: amountTextSchema,
  maxTopUp: amountTextSchema,
  maxWalletBalance: amountTextSchema,
  bankAccountHolder: z.string().trim().min(1, 'Enter the account holder.').max(100, 'Use at most 100 characters.'),
  bankIban: z.string().trim().min(1, 'Enter the IBAN or account number.').max(60, 'Use at most 60 characters.'),
  bankName: z.string().trim().min(1, 'Enter the bank name.').max(100, 'Use at most 100 characters.'),
  holdMinutes: wholeNumberField({
    min: 1,
    max: 1440,
    message: 'Enter a whole number of minutes.',
    tooSmall: 'Enter at least 1 minute.',
    tooBig: 'Enter at most 1440 minutes (a day).',
  }),
});

export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** The payment methods as the Settings form names its checkboxes. */
export const paymentMethodFields = paymentMethods.map((method) => ({ method, field: `method_${method}` as const }));

export const maxInvoiceLines = 20;

/** The new-invoice form: a customer by email, a due date in days, and lines named lines.N.field. */
export const invoiceFormSchema = z.object({
  customerEmail: z.string().trim().toLowerCase().min(1, 'Enter the customer’s email address.').max(254),
  dueInDays: wholeNumberField({ min: 0, max: 365, message: 'Enter a whole number of days.', tooBig: 'Enter at most 365 days.' }),
  attemptKey: attemptKeySchema,
});

/** One invoice line as typed. */
export const invoiceLineSchema = z.object({
  description: z.string().trim().min(1, 'Describe this line.').max(200, 'Use at most 200 characters.'),
  quantity: wholeNumberField({
    min: 1,
    max: 10_000,
    message: 'Enter a whole quantity.',
    tooSmall: 'Enter at least 1.',
    tooBig: 'Enter at most 10,000.',
  }),
  unitPrice: amountTextSchema,
});
