const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** A moment for staff, in UTC: "Mar 4, 2026, 9:15 AM UTC". */
export function formatDateTime(value: string | Date): string {
  return `${dateTime.format(new Date(value))} UTC`;
}

/** A day for staff, in UTC: "Mar 4, 2026". */
export function formatDate(value: string | Date): string {
  return dateOnly.format(new Date(value));
}

/** The shop's words for ways of paying. */
export const paymentMethodLabels: Record<string, string> = {
  wallet: 'Wallet',
  card: 'Card',
  wire_transfer: 'Wire Transfer',
  cash_on_delivery: 'Cash on Delivery',
  stripe: 'Card (Stripe)',
  demo: 'Card (Demo)',
};

/** The label of a payment method or provider, falling back to its code. */
export function paymentMethodLabel(method: string): string {
  return paymentMethodLabels[method] ?? method;
}
