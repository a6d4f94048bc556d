/**
 * The message catalogues, one JSON file per namespace and language: messages/<locale>/<namespace>.json
 * (messages.test.ts checks that both languages have the same keys and placeholders).
 */
export const namespaces = [
  'common',
  'nav',
  'auth',
  'shop',
  'cart',
  'checkout',
  'orders',
  'wallet',
  'invoices',
  'payments',
  'admin',
  'errors',
  'ledger',
  'statuses',
  'pdf',
  'csv',
  'catalog',
  'delivery',
  'fulfilment',
  'reports',
  'confirm',
  'account',
  'mail',
  'payouts',
  'paymentPage',
] as const;
export type Namespace = (typeof namespaces)[number];
