import { z } from 'zod';
import { paymentMethods } from '@/db/schema';
import { idField, wholeNumberField } from './whole-number';
import { fieldMessage } from './messages';

/** Why staff changed something: required, shown to the customer and kept in the audit log. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, fieldMessage('reasonRequired'))
  .max(200, fieldMessage('tooLong', { max: 200 }));

/** An amount as typed; lib/money reads it against the currency's rules. */
export const amountTextSchema = z
  .string()
  .trim()
  .min(1, fieldMessage('amountRequired'))
  .max(40, fieldMessage('amountRequired'));

/** A hidden per-form uuid: a double submit of one form moves money once. */
export const attemptKeySchema = z.uuid(fieldMessage('reload'));

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
    .regex(/^\d{1,15}(,\d{1,15}){0,199}$/, fieldMessage('chooseTopUps'))
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
  bankAccountHolder: z.string().trim().min(1, fieldMessage('accountHolderRequired')).max(100, fieldMessage('tooLong', { max: 100 })),
  bankIban: z.string().trim().min(1, fieldMessage('ibanRequired')).max(60, fieldMessage('tooLong', { max: 60 })),
  /** Absent from older forms: the shop keeps its time zone. */
  timeZone: z.string().trim().max(100, fieldMessage('tooLong', { max: 100 })).optional(),
  bankName: z.string().trim().min(1, fieldMessage('bankNameRequired')).max(100, fieldMessage('tooLong', { max: 100 })),
  holdMinutes: wholeNumberField({
    min: 1,
    max: 1440,
    message: fieldMessage('minutesWhole'),
    tooSmall: fieldMessage('minutesTooSmall'),
    tooBig: fieldMessage('minutesTooBig'),
  }),
  // Tax, shop details and orders (lib/admin/settings.ts reads them; absent from older forms: kept as they are).
  pricesIncludeTax: checkbox,
  /** A percentage as typed: "20", "8.5", "8,5". */
  defaultTaxRate: z.string().trim().max(20, fieldMessage('tooLong', { max: 20 })).optional(),
  shopName: z.string().trim().max(200, fieldMessage('tooLong', { max: 200 })).optional(),
  shopAddress: z.string().trim().max(500, fieldMessage('tooLong', { max: 500 })).optional(),
  shopTaxNumber: z.string().trim().max(50, fieldMessage('tooLong', { max: 50 })).optional(),
  abandonedOrderMinutes: z.string().trim().max(20, fieldMessage('tooLong', { max: 20 })).optional(),
  /** "Members may request withdrawals". */
  withdrawalsEnabled: checkbox,
});

export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** The payment methods as the Settings form names its checkboxes. */
export const paymentMethodFields = paymentMethods.map((method) => ({ method, field: `method_${method}` as const }));

/**
 * A shipping method's small form in Settings (new when `id` is absent). Amounts are read against
 * the shop currency and the required fields checked by lib/admin/settings.ts saveShippingMethodForm.
 */
export const shippingMethodFormSchema = z.object({
  id: idField().optional(),
  name: z.string().trim().max(100, fieldMessage('tooLong', { max: 100 })),
  kind: z.string().trim().max(20).optional(),
  price: z.string().trim().max(40, fieldMessage('tooLong', { max: 40 })),
  freeAbove: z.string().trim().max(40, fieldMessage('tooLong', { max: 40 })).optional(),
  active: checkbox,
});

export type ShippingMethodForm = z.infer<typeof shippingMethodFormSchema>;

export const maxInvoiceLines = 20;

/** The new-invoice form: a customer by email, a due date in days, and lines named lines.N.field. */
export const invoiceFormSchema = z.object({
  customerEmail: z.string().trim().toLowerCase().min(1, fieldMessage('customerEmailRequired')).max(254),
  dueInDays: wholeNumberField({ min: 0, max: 365, message: fieldMessage('daysWhole'), tooBig: fieldMessage('daysTooBig') }),
  attemptKey: attemptKeySchema,
});

/** One invoice line as typed. */
export const invoiceLineSchema = z.object({
  description: z.string().trim().min(1, fieldMessage('lineDescriptionRequired')).max(200, fieldMessage('tooLong', { max: 200 })),
  quantity: wholeNumberField({
    min: 1,
    max: 10_000,
    message: fieldMessage('quantityWhole'),
    tooSmall: fieldMessage('quantityTooSmall'),
    tooBig: fieldMessage('quantityTooBig'),
  }),
  unitPrice: amountTextSchema,
});
