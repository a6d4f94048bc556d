// The tables lib/ queries, chosen once per process for the engine that runs: SQLite's or
// PostgreSQL's definitions of the same tables (db/schema-parity.test.ts keeps them equal). Typed
// as SQLite's, the shape lib/ is written against (see db/database.ts).
import { databaseTarget } from '../database-path';
import * as postgres from '../postgres/schema';
import * as sqlite from '../sqlite/schema';

const tables = (databaseTarget().engine === 'postgres' ? postgres : sqlite) as unknown as typeof sqlite;

export const {
  settings,
  auditLog,
  apiKeys,
  apiMembers,
  apiPayments,
  apiPaymentRefunds,
  apiIdempotency,
  apiRequestNonces,
  users,
  products,
  categories,
  addresses,
  shippingMethods,
  orderEvents,
  mailOutbox,
  accountTokens,
  withdrawals,
  paymentPages,
  paymentPagePayments,
  invoices,
  invoiceLines,
  ledgerAccounts,
  ledgerTransfers,
  ledgerEntries,
  sequences,
  cartItems,
  orders,
  orderLines,
  payments,
  stripeEvents,
  signInFailures,
  signInLocks,
  jobLeases,
} = tables;

export type {
  AccountToken,
  Withdrawal,
  PaymentPage,
  MailMessage,
  Address,
  ApiKey,
  Category,
  OrderEvent,
  ShippingMethod,
  ApiMember,
  CartItem,
  Invoice,
  InvoiceLine,
  LedgerAccount,
  LedgerEntry,
  LedgerTransfer,
  Order,
  OrderLine,
  Payment,
  Product,
  User,
} from '../sqlite/schema';
export * from './enums';
