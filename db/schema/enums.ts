// The closed sets of values stored in text columns, shared by both engines' schemas.

export const userRoles = ['customer', 'staff'] as const;
export type UserRole = (typeof userRoles)[number];

export const invoicePaymentStates = ['not_paid', 'partial', 'paid'] as const;
export type InvoicePaymentState = (typeof invoicePaymentStates)[number];

/** System accounts, one per currency. */
export const systemAccountNames = [
  'card_clearing',
  'bank_clearing',
  'sales',
  'adjustments',
  'refunds',
] as const;
export type SystemAccountName = (typeof systemAccountNames)[number];

export const transferKinds = [
  'deposit_card',
  'deposit_wire',
  'payment',
  'refund_to_wallet',
  'refund_deposit_to_card',
  'remittance_send',
  'remittance_receive',
  'balance_reset',
  'withdrawal',
] as const;
export type TransferKind = (typeof transferKinds)[number];

export const transferStates = ['pending', 'posted', 'voided'] as const;
export type TransferState = (typeof transferStates)[number];

export const paymentMethods = ['wallet', 'card', 'wire_transfer', 'cash_on_delivery'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/**
 * An order's life: 'confirmed' is placed and waiting for its payment (shown "Pending"),
 * then paid → processing → shipped → delivered; or canceled (before it ships).
 */
export const orderStates = ['confirmed', 'paid', 'processing', 'shipped', 'delivered', 'canceled'] as const;
export type OrderState = (typeof orderStates)[number];

export const paymentProviders = ['wallet', 'stripe', 'demo', 'wire_transfer', 'cash_on_delivery'] as const;
export type PaymentProvider = (typeof paymentProviders)[number];

export const paymentStates = ['draft', 'pending', 'authorized', 'done', 'canceled', 'error'] as const;
export type PaymentState = (typeof paymentStates)[number];

export const paymentPurposes = ['top_up', 'order', 'invoice'] as const;
export type PaymentPurpose = (typeof paymentPurposes)[number];

/** A line of an order or an invoice: a product, or the shipping the shopper chose. */
export const lineKinds = ['product', 'shipping'] as const;
export type LineKind = (typeof lineKinds)[number];

/** A shipping method delivers to an address, or the shopper picks the order up in the shop. */
export const shippingKinds = ['delivery', 'pickup'] as const;
export type ShippingKind = (typeof shippingKinds)[number];

/** An invoice, or a credit note that takes back (part of) one for a refund. */
export const invoiceKinds = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof invoiceKinds)[number];

/** What a single-use account link (e-mailed, stored hashed) lets its holder do. */
export const accountTokenPurposes = ['password_reset', 'email_change', 'staff_invite'] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];

/** An outbox message: waiting to be sent (or retried), sent, or given up after the last retry. */
export const mailStates = ['pending', 'sent', 'failed'] as const;
export type MailState = (typeof mailStates)[number];

/** A withdrawal from a wallet to a bank account: held while staff pay it out, then paid, rejected or cancelled. */
export const withdrawalStates = ['pending', 'paid', 'rejected', 'cancelled'] as const;
export type WithdrawalState = (typeof withdrawalStates)[number];

/**
 * A page of the shop the merchant API opens for a buyer (the platform's hosted pages): the
 * checkout form for a payment or a wallet deposit, or a multi payment paid in several parts.
 */
export const paymentPageKinds = ['checkout', 'deposit', 'multi'] as const;
export type PaymentPageKind = (typeof paymentPageKinds)[number];

/** Open until paid in full (completed), expired by the merchant or its time to live. */
export const paymentPageStates = ['open', 'completed', 'expired'] as const;
export type PaymentPageState = (typeof paymentPageStates)[number];
