import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Query, Tx } from '@/db/database';
import { paymentPagePayments, paymentPages, payments, type Payment, type PaymentPage } from '@/db/schema';
import type { PaymentPageKind } from '@/db/schema/enums';
import { shopUrl } from '@/lib/config';

/**
 * Hosted payment pages opened through the merchant API (checkout form: a payment or a wallet
 * deposit; multi payment: the basket paid in several payments). The buyer opens pageUrlOf(token);
 * the merchant reads the outcome by the token (findPaymentPage).
 */

export type PaymentPageMethod = 'CARD' | 'WALLET';
export type PaymentPageItem = { name: string | null; externalId: string | null; price: number };

export type OpenPaymentPageInput = {
  kind: PaymentPageKind;
  apiKeyId: number;
  buyerId: number | null;
  /** Minor units: the basket and what is to be collected. */
  price: number;
  paidPrice: number;
  currency: string;
  /** Minor units; [] for a deposit. */
  items: PaymentPageItem[];
  conversationId: string | null;
  externalId: string | null;
  paymentGroup: string;
  callbackUrl: string;
  /** null = every way Coffer has (card and wallet). */
  paymentMethods: PaymentPageMethod[] | null;
  /** Multi payment: at most this many successful payments; null = no limit. */
  maxPayments: number | null;
  /** null = the default for the kind (DEFAULT_TTL_MINUTES); capped at MAX_TTL_MINUTES. */
  ttlMinutes: number | null;
  /** Tests only: a fixed token (the official samples hard-code theirs). Default crypto.randomUUID(). */
  token?: string;
};

/** How long a page stays open when the merchant sends no ttl: a checkout form as long as a card session, a multi payment a day. */
export const DEFAULT_TTL_MINUTES: Record<PaymentPageKind, number> = { checkout: 30, deposit: 30, multi: 24 * 60 };
/** The longest a page may stay open (7 days), whatever ttl says. */
export const MAX_TTL_MINUTES = 7 * 24 * 60;

export function ttlOf(kind: PaymentPageKind, ttlMinutes: number | null): number {
  if (ttlMinutes === null || !Number.isFinite(ttlMinutes)) return DEFAULT_TTL_MINUTES[kind];
  return Math.min(Math.max(Math.floor(ttlMinutes), 1), MAX_TTL_MINUTES);
}

/** Opens a page as a step of the caller's transaction. */
export async function openPaymentPage(tx: Tx, input: OpenPaymentPageInput): Promise<PaymentPage> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ttlOf(input.kind, input.ttlMinutes) * 60_000);
  const [page] = await tx
    .insert(paymentPages)
    .values({
      token: input.token ?? crypto.randomUUID(),
      kind: input.kind,
      state: 'open',
      apiKeyId: input.apiKeyId,
      buyerId: input.buyerId,
      price: input.price,
      paidPrice: input.paidPrice,
      currency: input.currency,
      items: JSON.stringify(input.items),
      conversationId: input.conversationId,
      externalId: input.externalId,
      paymentGroup: input.paymentGroup,
      callbackUrl: input.callbackUrl,
      paymentMethods: input.paymentMethods === null ? null : JSON.stringify(input.paymentMethods),
      maxPayments: input.kind === 'multi' ? input.maxPayments : null,
      expiresAt,
      completedAt: null,
      createdAt: now,
    })
    .returning();
  if (!page) throw new Error('Payment page insert returned nothing.');
  return page;
}

export type PaymentPageState = 'open' | 'completed' | 'expired';

export type PaymentPageView = {
  page: PaymentPage;
  /** 'expired' also when expiresAt has passed and the page is not completed. */
  state: PaymentPageState;
  /** Every payment attempted on the page (succeeded or not), in order. */
  paymentIds: number[];
  /** Minor units paid by its done payments (a card and wallet payment counts both parts). */
  paid: number;
  /** paidPrice − paid, never below 0. */
  remaining: number;
  successfulPayments: number;
  lastPaymentId: number | null;
};

/** The page's state as the buyer and the merchant see it at `now`. */
export function effectiveState(page: Pick<PaymentPage, 'state' | 'expiresAt'>, now: Date = new Date()): PaymentPageState {
  if (page.state === 'open' && page.expiresAt.getTime() <= now.getTime()) return 'expired';
  return page.state;
}

/** Tokens are UUIDs or the samples' short strings: anything else (or text PostgreSQL cannot hold) is no page. */
function isTokenText(token: string): boolean {
  return typeof token === 'string' && token.length > 0 && token.length <= 200 && !token.includes('\u0000');
}

// The wallet part of a card and wallet payment (lib/api/card-payments.ts): the card part's key + ':wallet'.
const walletPart = alias(payments, 'wallet_part');

type PagePaymentRow = { paymentId: number; done: boolean; amount: number };

/** The payments attempted on a page, in order, each with what it paid when done (both parts of a card and wallet payment). */
export async function pagePayments(q: Query, pageId: number): Promise<PagePaymentRow[]> {
  const rows = await q
    .select({
      paymentId: paymentPagePayments.paymentId,
      state: payments.state,
      amount: payments.amount,
      walletState: walletPart.state,
      walletAmount: walletPart.amount,
    })
    .from(paymentPagePayments)
    .innerJoin(payments, eq(payments.id, paymentPagePayments.paymentId))
    .leftJoin(walletPart, eq(walletPart.idempotencyKey, sql`${payments.idempotencyKey} || ':wallet'`))
    .where(eq(paymentPagePayments.pageId, pageId))
    .orderBy(asc(paymentPagePayments.id));
  return rows.map((row) => {
    const done = row.state === 'done';
    const walletPaid = done && row.walletState === 'done' ? Number(row.walletAmount ?? 0) : 0;
    return { paymentId: row.paymentId, done, amount: done ? Number(row.amount) + walletPaid : 0 };
  });
}

/** The view of a page and its payments. */
export async function viewOfPage(q: Query, page: PaymentPage, now: Date = new Date()): Promise<PaymentPageView> {
  const rows = await pagePayments(q, page.id);
  const paid = rows.reduce((sum, row) => sum + row.amount, 0);
  const paymentIds = rows.map((row) => row.paymentId);
  return {
    page,
    state: effectiveState(page, now),
    paymentIds,
    paid,
    remaining: Math.max(page.paidPrice - paid, 0),
    successfulPayments: rows.filter((row) => row.done).length,
    lastPaymentId: paymentIds.at(-1) ?? null,
  };
}

/** A page by its token, with its payments; undefined when there is none. */
export async function findPaymentPage(q: Query, token: string): Promise<PaymentPageView | undefined> {
  if (!isTokenText(token)) return undefined;
  const [page] = await q.select().from(paymentPages).where(eq(paymentPages.token, token));
  return page ? viewOfPage(q, page) : undefined;
}

/**
 * Closes an open page to further payments (the platform's expireCheckoutPayment). A completed page
 * stays completed; an expired one stays expired.
 */
export async function expirePaymentPage(tx: Tx, token: string): Promise<'expired' | 'completed' | 'not_found'> {
  if (!isTokenText(token)) return 'not_found';
  const [moved] = await tx
    .update(paymentPages)
    .set({ state: 'expired' })
    .where(and(eq(paymentPages.token, token), eq(paymentPages.state, 'open')))
    .returning({ id: paymentPages.id });
  if (moved) return 'expired';
  const [page] = await tx.select({ state: paymentPages.state }).from(paymentPages).where(eq(paymentPages.token, token));
  if (!page) return 'not_found';
  return page.state === 'completed' ? 'completed' : 'expired';
}

/**
 * Locks an open, unexpired page for a payment (a guarded UPDATE: a second payment on it waits
 * here until the first commits, then sees its payment). undefined when it is not open any more.
 */
export async function lockOpenPage(tx: Tx, pageId: number, now: Date = new Date()): Promise<PaymentPage | undefined> {
  const [page] = await tx
    .update(paymentPages)
    .set({ state: 'open' })
    .where(and(eq(paymentPages.id, pageId), eq(paymentPages.state, 'open'), gt(paymentPages.expiresAt, now)))
    .returning();
  return page;
}

/** Marks a locked page completed (nothing remains); false if it was not open. */
export async function completePage(tx: Tx, pageId: number, now: Date = new Date()): Promise<boolean> {
  const moved = await tx
    .update(paymentPages)
    .set({ state: 'completed', completedAt: now })
    .where(and(eq(paymentPages.id, pageId), eq(paymentPages.state, 'open')))
    .returning({ id: paymentPages.id });
  return moved.length === 1;
}

/** The items a page shows (minor units). */
export function pageItemsOf(page: Pick<PaymentPage, 'items'>): PaymentPageItem[] {
  return JSON.parse(page.items) as PaymentPageItem[];
}

/** The ways a page offers: null in the row = both. */
export function pageMethodsOf(page: Pick<PaymentPage, 'paymentMethods'>): PaymentPageMethod[] {
  if (page.paymentMethods === null) return ['CARD', 'WALLET'];
  const listed = JSON.parse(page.paymentMethods) as string[];
  return (['CARD', 'WALLET'] as const).filter((method) => listed.includes(method));
}

/** The absolute address of the hosted page, for the merchant's reply (paymentPageUrl) and links. */
export function pageUrlOf(token: string): string {
  return shopUrl(`/payment-page/${encodeURIComponent(token)}`).toString();
}

/** Where the buyer goes back to when the page is done: the merchant's callbackUrl with token=<token> in its query. */
export function callbackUrlOf(page: Pick<PaymentPage, 'callbackUrl' | 'token'>): string {
  const url = new URL(page.callbackUrl);
  url.searchParams.set('token', page.token);
  return url.toString();
}

/** A payment attempted on the page with this token, by its reference (the page's "?payment=" after paying), or undefined. */
export async function findPaymentOnPage(q: Query, token: string, reference: string): Promise<Payment | undefined> {
  if (!isTokenText(token) || reference.length > 40 || reference.includes('\u0000')) return undefined;
  const [row] = await q
    .select({ payment: payments })
    .from(paymentPagePayments)
    .innerJoin(payments, eq(payments.id, paymentPagePayments.paymentId))
    .innerJoin(paymentPages, eq(paymentPages.id, paymentPagePayments.pageId))
    .where(and(eq(paymentPages.token, token), eq(payments.reference, reference)));
  return row?.payment;
}
