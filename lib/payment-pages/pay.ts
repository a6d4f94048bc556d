import 'server-only';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { apiKeys, apiPayments, paymentPagePayments, paymentPages, payments, users, type Payment, type PaymentPage } from '@/db/schema';
import { cardAssociationOf, spreadWalletPrice, type PaymentItem } from '@/lib/api/payment-details';
import { payByCardIn } from '@/lib/api/card-payments';
import { payFromWalletIn } from '@/lib/api/wallet-payments';
import { InsufficientFundsError, WalletLimitExceededError } from '@/lib/ledger';
import { completePayment } from '@/lib/payments/complete';
import { demoCardOutcome, type DemoCard } from '@/lib/payments/demo-card';
import { createPaymentRecord, movePayment } from '@/lib/payments/records';
import { getSettings, isPaymentMethodEnabled } from '@/lib/settings';
import { walletRoom } from '@/lib/wallet/top-ups';
import { lockOpenPage, pageItemsOf, pageMethodsOf, viewOfPage, type PaymentPageView } from './pages';
import { settlePaymentPage } from './settle';

/**
 * Paying on a hosted page (app/payment-page/[token]). Every attempt runs in one transaction that
 * first locks the page (a guarded UPDATE re-checking it is open and unexpired), then counts what is
 * paid and in flight, then pays and records the attempt (payment_page_payments), and completes the
 * page when nothing remains: two tabs (or two servers) paying at once queue on the lock, so the page
 * is never overpaid and never takes more than maxPayments successful payments.
 */

/** Why a page refuses a payment: the page words each one (paymentPage.refused.*). */
export type PagePayRefusal =
  | 'not_found'
  | 'closed' // completed or expired
  | 'method' // the page does not offer this way, or Settings turned cards off
  | 'not_buyer' // the wallet is the page's buyer's, and the payer is someone else (or signed out)
  | 'no_buyer' // a deposit page names no member, and the payer is not signed in: they sign in, and it tops up their wallet
  | 'not_customer' // a deposit page names no member, and the payer is signed in as staff: a deposit is for a customer's wallet
  | 'amount' // multi: not between 0.01 and what is left, or the last allowed payment does not cover it
  | 'max_payments' // multi: as many successful payments as allowed
  | 'in_progress' // a card payment at the provider holds what is left
  | 'insufficient_funds'
  | 'wallet_full'; // a deposit the wallet has no room for (the shop's maximum wallet balance): params.room

export type PagePayResult =
  | { status: 'paid'; payment: Payment; view: PaymentPageView }
  | { status: 'declined'; payment: Payment; view: PaymentPageView }
  | { status: 'refused'; reason: PagePayRefusal; params?: Record<string, number> };

export type PagePayInput = {
  token: string;
  /** The form's hidden attempt key: a double submit pays once. */
  attemptKey: string;
  method: 'wallet' | 'card';
  /** Minor units a multi payment's buyer chose; ignored for checkout and deposit (they pay the whole page). */
  amount: number | null;
  /** The Demo card (method card, Demo provider). */
  card?: DemoCard;
  /** The signed-in user paying, or null for a visitor. A deposit page that names no member tops up this user's wallet. */
  payerId: number | null;
};

/** How long a card payment at Stripe can still be paid (its session lives at most 24 h): counted as in flight until then. */
const IN_FLIGHT_MS = 25 * 60 * 60_000;

/** The idempotency key of the payments row an attempt on a page creates (the API's form, so reports and lookups find it). */
export function pageAttemptKey(page: Pick<PaymentPage, 'id'>, attemptKey: string): string {
  return `page:${page.id}:${attemptKey}`;
}

/** The idempotency key of the payments row an attempt on a page records. */
export function paymentKeyOf(page: Pick<PaymentPage, 'id' | 'kind' | 'apiKeyId'>, attemptKey: string): string {
  // lib/api/card-payments.ts and wallet-payments.ts key their rows api:payment:<key id>:<attempt>; a deposit has its own.
  return page.kind === 'deposit' ? `page-deposit:${page.id}:${attemptKey}` : `api:payment:${page.apiKeyId}:${pageAttemptKey(page, attemptKey)}`;
}

export type InFlight = { amount: number; count: number; paymentIds: number[] };

/** Card payments on a page still open at the provider (Stripe): they hold their amount until they complete or close. */
export async function inFlightOn(q: Query, pageId: number, now: Date = new Date()): Promise<InFlight> {
  const rows = await q
    .select({ id: payments.id, amount: payments.amount })
    .from(paymentPagePayments)
    .innerJoin(payments, eq(payments.id, paymentPagePayments.paymentId))
    .where(
      and(
        eq(paymentPagePayments.pageId, pageId),
        eq(payments.provider, 'stripe'),
        inArray(payments.state, ['pending', 'authorized']),
        gt(payments.createdAt, new Date(now.getTime() - IN_FLIGHT_MS)),
      ),
    );
  return { amount: rows.reduce((sum, row) => sum + Number(row.amount), 0), count: rows.length, paymentIds: rows.map((row) => row.id) };
}

export type PayableCheck = { ok: true; page: PaymentPage; amount: number } | { ok: false; reason: PagePayRefusal; params?: Record<string, number> };

/**
 * Locks the page and decides what this attempt may pay, inside the transaction: open and
 * unexpired; for multi, an amount from 1 to what is left (less card payments in flight), the last
 * allowed payment covering all of it; for checkout and deposit, the whole page, once.
 */
export async function lockForPayment(tx: Tx, pageId: number, requested: number | null, now: Date = new Date()): Promise<PayableCheck> {
  const page = await lockOpenPage(tx, pageId, now);
  if (!page) return { ok: false, reason: 'closed' };
  const [view, inFlight] = await Promise.all([viewOfPage(tx, page, now), inFlightOn(tx, page.id, now)]);
  const payable = view.remaining - inFlight.amount;
  if (payable <= 0) return { ok: false, reason: inFlight.count > 0 ? 'in_progress' : 'closed' };
  if (page.kind !== 'multi') return { ok: true, page, amount: payable };
  const taken = view.successfulPayments + inFlight.count;
  if (page.maxPayments !== null && taken >= page.maxPayments) return { ok: false, reason: inFlight.count > 0 ? 'in_progress' : 'max_payments' };
  const lastAllowed = page.maxPayments !== null && taken === page.maxPayments - 1;
  if (requested === null || !Number.isSafeInteger(requested) || requested < 1 || requested > payable || (lastAllowed && requested !== payable)) {
    return { ok: false, reason: 'amount', params: { max: payable, min: lastAllowed ? payable : 1 } };
  }
  return { ok: true, page, amount: requested };
}

/** The page's items as this payment pays them: all of them, or (multi) each item's share of the amount. */
export function itemsForAmount(page: PaymentPage, amount: number): { name: string | null; externalId: string | null; price: number }[] {
  const items = pageItemsOf(page);
  if (items.length === 0) return [{ name: null, externalId: null, price: amount }];
  if (amount === page.paidPrice) return items;
  const parts = spreadWalletPrice(
    items.map((item) => item.price),
    amount,
  );
  return items.map((item, index) => ({ ...item, price: parts[index] ?? 0 })).filter((item) => item.price > 0);
}

async function staffOf(q: Query, page: PaymentPage): Promise<number> {
  const [key] = await q.select({ staffId: apiKeys.staffId }).from(apiKeys).where(eq(apiKeys.id, page.apiKeyId));
  if (!key) throw new Error(`API key ${page.apiKeyId} of payment page ${page.id} is gone.`);
  return key.staffId;
}

async function linkPayment(tx: Tx, page: PaymentPage, paymentId: number): Promise<void> {
  await tx.insert(paymentPagePayments).values({ pageId: page.id, paymentId, createdAt: new Date() }).onConflictDoNothing();
}

/** The outcome of an attempt already made with this key (a double submit), or undefined. */
async function earlierAttempt(tx: Tx, page: PaymentPage, attemptKey: string): Promise<PagePayResult | undefined> {
  const [payment] = await tx.select().from(payments).where(eq(payments.idempotencyKey, paymentKeyOf(page, attemptKey)));
  if (!payment) return undefined;
  const [fresh] = await tx.select().from(paymentPages).where(eq(paymentPages.id, page.id));
  const view = await viewOfPage(tx, fresh ?? page);
  return { status: payment.state === 'done' ? 'paid' : 'declined', payment, view };
}

function cardFactsOf(card: DemoCard) {
  return {
    binNumber: card.cardNumber.slice(0, card.cardNumber.length >= 16 ? 8 : 6),
    lastFourDigits: card.cardNumber.slice(-4),
    cardHolderName: card.cardHolderName,
    cardAssociation: cardAssociationOf(card.cardNumber),
  };
}

async function payInLockedPage(tx: Tx, page: PaymentPage, amount: number, input: PagePayInput): Promise<Payment> {
  const staffId = await staffOf(tx, page);
  const attemptKey = pageAttemptKey(page, input.attemptKey);
  const common = { apiKeyId: page.apiKeyId, staffId, attemptKey, currency: page.currency, conversationId: page.conversationId, externalId: page.externalId, paymentGroup: page.paymentGroup };
  if (page.kind === 'deposit') {
    const wallet = depositWalletOf(page, input.payerId);
    if (wallet === null || !input.card) throw new Error('A deposit page is paid by card into its buyer’s (or, naming none, the signed-in payer’s) wallet.');
    const { payment } = await createPaymentRecord(tx, { userId: wallet, purpose: 'top_up', provider: 'demo', amount, currency: page.currency, idempotencyKey: paymentKeyOf(page, input.attemptKey) });
    await linkPayment(tx, page, payment.id);
    if (!demoCardOutcome(input.card).approved) {
      await movePayment(tx, payment.id, 'pending', 'error', { failure: { code: 'cardDeclined' } });
    } else {
      // The Demo card is decided in this transaction: beyond the wallet's cap (another page may have
      // topped it up since the room was checked) the ledger refuses and it all rolls back, nothing charged.
      await completePayment(tx, payment.id, undefined, { walletCap: (await getSettings(tx)).maxWalletBalance });
    }
    return payment;
  }
  const items = itemsForAmount(page, amount);
  if (input.method === 'wallet') {
    if (page.buyerId === null) throw new Error('A wallet payment needs the page’s buyer.');
    const payment = await payFromWalletIn(tx, { ...common, buyerId: page.buyerId, amount, items });
    await linkPayment(tx, page, payment.id);
    return payment;
  }
  if (!input.card) throw new Error('A card payment needs the card.');
  const cardItems: PaymentItem[] = items.map((item) => ({ ...item, walletPrice: 0 }));
  const { payment } = await payByCardIn(tx, { ...common, buyerId: page.buyerId, items: cardItems, walletPrice: 0, cardPrice: amount, card: input.card, cardFacts: cardFactsOf(input.card) });
  await linkPayment(tx, page, payment.id);
  return payment;
}

/**
 * Whose wallet a deposit page credits: the member the merchant named (buyerMemberId; anyone holding
 * the link may pay it by card, as before), or, for a page naming none (a "top-up link"), the
 * signed-in shopper paying. null: nobody yet (a visitor must sign in first).
 */
export function depositWalletOf(page: Pick<PaymentPage, 'kind' | 'buyerId'>, payerId: number | null): number | null {
  return page.buyerId ?? (page.kind === 'deposit' ? payerId : null);
}

/**
 * A deposit page naming no member is paid only by a signed-in customer (into their own wallet):
 * a visitor is asked to sign in (no_buyer), staff are told a deposit is for a customer's wallet.
 * The role is read from the users table, not from the session.
 */
export async function depositPayerRefusal(q: Query, page: Pick<PaymentPage, 'kind' | 'buyerId'>, payerId: number | null): Promise<PagePayRefusal | undefined> {
  if (page.kind !== 'deposit' || page.buyerId !== null) return undefined;
  if (payerId === null) return 'no_buyer';
  const [payer] = await q.select({ role: users.role }).from(users).where(eq(users.id, payerId));
  if (!payer) return 'no_buyer';
  return payer.role === 'customer' ? undefined : 'not_customer';
}

/** Who may pay this way on this page (checked before the lock and again inside it). */
function refusalFor(page: PaymentPage, input: PagePayInput): PagePayRefusal | undefined {
  const methods = pageMethodsOf(page);
  if (page.kind === 'deposit') {
    // Who pays a deposit naming no member: depositPayerRefusal.
    if (input.method !== 'card') return 'method';
  }
  if (input.method === 'card' && !methods.includes('CARD')) return 'method';
  if (input.method === 'wallet') {
    if (!methods.includes('WALLET')) return 'method';
    if (page.buyerId === null || input.payerId !== page.buyerId) return 'not_buyer';
  }
  return undefined;
}

/**
 * A deposit the wallet it tops up has no room for (the shop's maximum wallet balance, counting what
 * is on its way in): refused before a card is charged, as the shop's own card top-up is. Asked
 * inside the page's lock, so two deposits cannot both pass it.
 */
export async function depositRoomRefusal(q: Query, page: PaymentPage, payerId: number | null, amount: number): Promise<{ ok: false; reason: 'wallet_full'; params: { room: number } } | undefined> {
  if (page.kind !== 'deposit') return undefined;
  const wallet = depositWalletOf(page, payerId);
  if (wallet === null) return undefined;
  const room = await walletRoom(q, wallet, page.currency);
  return amount > room ? { ok: false, reason: 'wallet_full', params: { room } } : undefined;
}

/**
 * Pays on a page with the wallet or a Demo card, in one transaction: lock, check, pay, record,
 * complete. A declined card is a failed payment on the page (listed in paymentIds); the page stays
 * open. A wallet that cannot cover the amount records nothing.
 */
export async function payOnPage(db: Database, input: PagePayInput): Promise<PagePayResult> {
  const [page] = await db.read.select().from(paymentPages).where(eq(paymentPages.token, input.token));
  if (!page) return { status: 'refused', reason: 'not_found' };
  const refusal = refusalFor(page, input) ?? (await depositPayerRefusal(db.read, page, input.payerId));
  if (refusal) return { status: 'refused', reason: refusal };
  if (input.method === 'card' && !(await isPaymentMethodEnabled(db.read, 'card'))) return { status: 'refused', reason: 'method' };
  try {
    return await db.write(async (tx): Promise<PagePayResult> => {
      // Locked first, so a twin of this attempt (a double submit) that got here first is seen, and answered as it was.
      const check = await lockForPayment(tx, page.id, input.amount);
      const earlier = await earlierAttempt(tx, page, input.attemptKey);
      if (earlier) return earlier;
      if (!check.ok) return { status: 'refused', reason: check.reason, ...(check.params ? { params: check.params } : {}) };
      const full = await depositRoomRefusal(tx, check.page, input.payerId, check.amount);
      if (full) return { status: 'refused', reason: full.reason, params: full.params };
      const payment = await payInLockedPage(tx, check.page, check.amount, input);
      await settlePaymentPage(tx, payment.id);
      const [after] = await tx.select().from(payments).where(eq(payments.id, payment.id));
      const [fresh] = await tx.select().from(paymentPages).where(eq(paymentPages.id, page.id));
      const view = await viewOfPage(tx, fresh ?? check.page);
      const final = after ?? payment;
      return { status: final.state === 'done' ? 'paid' : 'declined', payment: final, view };
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) return { status: 'refused', reason: 'insufficient_funds' };
    if (error instanceof WalletLimitExceededError) return { status: 'refused', reason: 'wallet_full', params: { room: Math.max(0, error.limit - error.holding) } };
    throw error;
  }
}

/**
 * Records a page's card payment at a provider (Stripe) as pending, in the locked page's transaction, with the API's details.
 * A deposit's payment belongs to the wallet it tops up (depositWalletOf): the webhook, "Check now" and the reconciler credit payment.userId.
 */
export async function recordProviderPayment(tx: Tx, page: PaymentPage, amount: number, attemptKey: string, payerId: number | null = null): Promise<{ payment: Payment; created: boolean }> {
  const wallet = page.kind === 'deposit' ? depositWalletOf(page, payerId) : null;
  if (page.kind === 'deposit' && wallet === null) throw new Error('A deposit page naming no member is paid by a signed-in shopper.');
  const { payment, created } = await createPaymentRecord(tx, {
    userId: wallet ?? page.buyerId ?? (await staffOf(tx, page)),
    purpose: page.kind === 'deposit' ? 'top_up' : 'order',
    provider: 'stripe',
    amount,
    currency: page.currency,
    idempotencyKey: paymentKeyOf(page, attemptKey),
  });
  if (!created) return { payment, created };
  if (page.kind !== 'deposit') {
    // Card facts are Stripe's: Coffer never sees the number.
    const items = itemsForAmount(page, amount).map((item) => ({ ...item, walletPrice: 0 }));
    await tx.insert(apiPayments).values({
      paymentId: payment.id,
      apiKeyId: page.apiKeyId,
      conversationId: page.conversationId,
      externalId: page.externalId,
      paymentGroup: page.paymentGroup,
      items: JSON.stringify(items),
    });
  }
  await linkPayment(tx, page, payment.id);
  return { payment, created };
}
