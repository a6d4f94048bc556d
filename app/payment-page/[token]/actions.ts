'use server';

import crypto from 'node:crypto';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/database';
import { paymentPages } from '@/db/schema';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney, parseAmount } from '@/lib/money';
import { payOnPage, type PagePayRefusal, type PagePayResult } from '@/lib/payment-pages/pay';
import { cancelStripePagePayment, checkStripePagePayment, startStripePagePayment } from '@/lib/payment-pages/stripe';
import { demoCardSchema } from '@/lib/payments/demo-card';
import { stripeEnabled } from '@/lib/payments/stripe-client';
import type { ActionState, FieldErrors } from '@/lib/validations/action-state';
import { codeMessage } from '@/lib/validations/messages';
import { validationMessage } from '../../_i18n/server-errors';
import { fieldErrorsOf, shopperAction, visitorAction } from '../../_server/action';
import { currentViewer } from '../../_server/session';

const token = z.string().min(1).max(200);
const attemptKey = z.string().min(8).max(100);
const payFormSchema = z.object({ token, attemptKey, amount: z.string().max(40).optional() }).loose();
const paymentFormSchema = z.object({ token, reference: z.string().min(1).max(40) });

const pagePath = (pageToken: string, reference?: string) => `/payment-page/${encodeURIComponent(pageToken)}${reference ? `?payment=${encodeURIComponent(reference)}` : ''}`;

async function locale() {
  const requested = await getLocale();
  return isLocale(requested) ? requested : 'en';
}

/** The amount a multi payment's buyer typed (minor units); null for the other kinds, which pay the whole page. */
async function amountOf(db: Database, pageToken: string, typed: string | undefined): Promise<{ ok: true; amount: number | null } | { ok: false; fieldErrors: FieldErrors }> {
  const [page] = await db.read.select({ kind: paymentPages.kind, currency: paymentPages.currency }).from(paymentPages).where(eq(paymentPages.token, pageToken));
  if (page?.kind !== 'multi') return { ok: true, amount: null };
  const parsed = parseAmount(typed ?? '', page.currency, await locale());
  return parsed.ok ? { ok: true, amount: parsed.amount } : { ok: false, fieldErrors: { amount: [codeMessage(parsed.code, parsed.params)] } };
}

async function refusalWords(pageToken: string, db: Database, reason: PagePayRefusal | 'unavailable', params?: Record<string, number>): Promise<string> {
  const t = await getTranslations('paymentPage.refused');
  if ((reason !== 'amount' && reason !== 'wallet_full') || !params) return t(reason);
  const [[page], language] = await Promise.all([db.read.select({ currency: paymentPages.currency }).from(paymentPages).where(eq(paymentPages.token, pageToken)), locale()]);
  const money = (value: number | undefined) => formatMoney(value ?? 0, page?.currency ?? 'USD', intlLocale(language));
  return reason === 'wallet_full' ? t('wallet_full', { room: money(params.room) }) : t('amount', { min: money(params.min), max: money(params.max) });
}

/** A refusal beside the form (an amount's beside its field). */
async function refused(db: Database, pageToken: string, reason: PagePayRefusal | 'unavailable', params: Record<string, number> | undefined, values: Record<string, string>): Promise<ActionState> {
  const message = await refusalWords(pageToken, db, reason, params);
  return { status: 'error', message, code: reason, ...(reason === 'amount' ? { fieldErrors: { amount: [message] } } : {}), values };
}

/** What a payment on the page answers: to the page (with the payment) when paid, the reason beside the form when not. */
async function answer(db: Database, pageToken: string, result: PagePayResult, values: Record<string, string>): Promise<ActionState> {
  if (result.status === 'paid') redirect(pagePath(pageToken, result.payment.reference));
  if (result.status === 'declined') {
    const t = await getTranslations('paymentPage.refused');
    // The declined attempt is spent (its failed payment is kept): the next try is a new attempt,
    // else it would be answered with this one's outcome. The form sends the key it is given here.
    return { status: 'error', message: t('declined'), values: { ...values, attemptKey: crypto.randomUUID() } };
  }
  if (result.reason === 'not_found') redirect(pagePath(pageToken));
  return refused(db, pageToken, result.reason, result.params, values);
}

/**
 * Card on the page: the Demo card form, or (Stripe configured) a redirect to Stripe Checkout. Anyone
 * holding the page's link may pay, except a deposit page naming no member: it tops up the wallet of
 * the signed-in customer paying (the session's user; lib checks the role), a visitor is asked to sign in.
 */
export const payByCardAction = visitorAction.input(payFormSchema, { redact: ['cardNumber', 'cvc'] }).run(async (form, { db, values }) => {
  const { cardNumber: _number, cvc: _cvc, ...safeValues } = values;
  const payerId = (await currentViewer())?.id ?? null;
  const amount = await amountOf(db, form.token, form.amount);
  if (stripeEnabled()) {
    if (!amount.ok) return { status: 'error', message: (await getTranslations('paymentPage.card'))('correctCard'), fieldErrors: amount.fieldErrors, values: safeValues };
    const started = await startStripePagePayment(db, { token: form.token, attemptKey: form.attemptKey, amount: amount.amount, payerId });
    if (started.status === 'redirect') redirect(started.url);
    if (started.reason === 'not_found') redirect(pagePath(form.token));
    return refused(db, form.token, started.reason, started.params, safeValues);
  }
  const card = demoCardSchema().safeParse(values);
  if (!card.success || !amount.ok) {
    const fieldErrors = { ...(card.success ? {} : await fieldErrorsOf(card.error)), ...(amount.ok ? {} : amount.fieldErrors) };
    return { status: 'error', message: (await getTranslations('paymentPage.card'))('correctCard'), fieldErrors, values: safeValues };
  }
  const result = await payOnPage(db, { token: form.token, attemptKey: form.attemptKey, method: 'card', amount: amount.amount, card: card.data, payerId });
  return answer(db, form.token, result, safeValues);
});

/** Wallet on the page: only the signed-in buyer the page names (checked again in lib, inside the page's lock). */
export const payFromWalletAction = shopperAction.input(payFormSchema).run(async (form, { db, viewer, values }) => {
  const amount = await amountOf(db, form.token, form.amount);
  if (!amount.ok) return { status: 'error', message: await validationMessage('formInvalid'), fieldErrors: amount.fieldErrors, values };
  const result = await payOnPage(db, { token: form.token, attemptKey: form.attemptKey, method: 'wallet', amount: amount.amount, payerId: viewer.id });
  return answer(db, form.token, result, values);
});

/** "Check now" on a card payment waiting at Stripe: applies what Stripe says (nothing the browser says). */
export const checkCardPaymentAction = visitorAction.input(paymentFormSchema).run(async (form, { db }) => {
  if (stripeEnabled()) await checkStripePagePayment(db, form.token, form.reference);
  redirect(pagePath(form.token, form.reference));
});

/** Gives up a card payment waiting at Stripe (expired there first), so the page can be paid another way; on a top-up link only by the shopper it tops up. */
export const cancelCardPaymentAction = visitorAction.input(paymentFormSchema).run(async (form, { db }) => {
  if (stripeEnabled()) await cancelStripePagePayment(db, form.token, form.reference, (await currentViewer())?.id ?? null);
  redirect(pagePath(form.token, form.reference));
});
