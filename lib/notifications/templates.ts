// The e-mails the shop sends: each template's code and the params it is written from. Params are
// stored with the message (JSON) and worded at send time in the recipient's language, so they
// are codes, numbers and names, never sentences. Amounts are integer minor units with a currency.

/** How an order is paid, as the order page calls it (wallet_and_card: a wallet part and the rest by card). */
export type OrderPaymentChoice = 'wallet' | 'card' | 'wallet_and_card' | 'wire_transfer' | 'cash_on_delivery';

/** Where a cancelled order's money went back. */
export type RefundDestination = 'wallet' | 'card';

export type MailTemplates = {
  welcome: { name: string };
  passwordReset: { name: string; url: string };
  /** Sent to the new address. */
  emailChange: { name: string; url: string; newEmail: string };
  staffInvite: { inviterName: string; url: string };
  orderPlaced: { number: string; total: number; currency: string; method: OrderPaymentChoice };
  orderPaid: { number: string; total: number; currency: string };
  orderShipped: { number: string; trackingNumber: string | null };
  orderDelivered: { number: string };
  orderCancelled: { number: string; refunds: { amount: number; currency: string; destination: RefundDestination }[] };
  topUpConfirmed: { amount: number; currency: string; reference: string };
  wireRejected: { amount: number; currency: string; reference: string; reason: string };
  refundToWallet: { amount: number; currency: string; number: string | null };
  /** The invoice's PDF is attached at send time (rendered from invoiceId). dueDate: ISO 8601. */
  invoiceIssued: { number: string; total: number; currency: string; dueDate: string | null; invoiceId: number };
  invoicePaid: { number: string };
  lowBalance: { balance: number; threshold: number; currency: string };
};

export type MailTemplate = keyof MailTemplates;
export type MailParams<T extends MailTemplate> = MailTemplates[T];

export const mailTemplates = [
  'welcome',
  'passwordReset',
  'emailChange',
  'staffInvite',
  'orderPlaced',
  'orderPaid',
  'orderShipped',
  'orderDelivered',
  'orderCancelled',
  'topUpConfirmed',
  'wireRejected',
  'refundToWallet',
  'invoiceIssued',
  'invoicePaid',
  'lowBalance',
] as const satisfies readonly MailTemplate[];

export function isMailTemplate(value: unknown): value is MailTemplate {
  return typeof value === 'string' && (mailTemplates as readonly string[]).includes(value);
}
