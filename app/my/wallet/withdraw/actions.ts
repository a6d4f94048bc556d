'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { intlLocale, isLocale } from '@/lib/i18n/locales';
import { formatMoney, parseAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import type { FieldErrors } from '@/lib/validations/action-state';
import { codeMessage } from '@/lib/validations/messages';
import { cancelWithdrawal } from '@/lib/withdrawals/decide';
import { WithdrawalError, withdrawalErrorField } from '@/lib/withdrawals/errors';
import { cancelWithdrawalFormSchema, withdrawalRequestFormSchema } from '@/lib/withdrawals/forms';
import { checkIban } from '@/lib/withdrawals/iban';
import { withdrawalReference } from '@/lib/withdrawals/references';
import { requestWithdrawal } from '@/lib/withdrawals/request';
import { validationMessage } from '../../../_i18n/server-errors';
import { shopperAction } from '../../../_server/action';
import { withdrawalErrorWords } from './words';

function revalidateWallet() {
  revalidatePath('/my/wallet');
  revalidatePath('/my/wallet/withdraw');
  revalidatePath('/admin/payouts');
}

/**
 * Request Withdrawal (My Wallet → Withdraw): from the signed-in member's own wallet only, when
 * Settings allow it (checked again in lib). The amount and the IBAN are checked here so every field
 * error shows at once; the wallet's available balance by the ledger's guarded hold.
 */
export const requestWithdrawalAction = shopperAction.input(withdrawalRequestFormSchema).run(async (form, { db, viewer, values }) => {
  const [requested, t, words] = await Promise.all([getLocale(), getTranslations('payouts.member'), withdrawalErrorWords()]);
  const locale = isLocale(requested) ? requested : 'en';
  const { currency } = await getSettings(db.read);
  const fieldErrors: FieldErrors = {};
  const amount = parseAmount(form.amount, currency, locale);
  if (!amount.ok) fieldErrors.amount = [codeMessage(amount.code, amount.params)];
  const iban = checkIban(form.iban);
  if (!iban.ok) fieldErrors.iban = [await words(iban.code, iban.params)];
  if (!amount.ok || !iban.ok) return { status: 'error', message: await validationMessage('formInvalid'), fieldErrors, values };
  try {
    const { withdrawal } = await requestWithdrawal(db, {
      userId: viewer.id,
      amount: amount.amount,
      currency,
      iban: iban.iban,
      accountHolder: form.accountHolder,
      description: null,
      source: 'shop',
      idempotencyKey: `shop:${viewer.id}:${form.attemptKey}`,
      requestedBy: viewer.id,
    });
    revalidateWallet();
    return { status: 'success', message: t('requested', { reference: withdrawalReference(withdrawal.id), amount: formatMoney(withdrawal.amount, withdrawal.currency, intlLocale(locale)) }) };
  } catch (error) {
    if (!(error instanceof WithdrawalError)) throw error;
    const message = await words(error.code, error.params);
    const field = withdrawalErrorField(error.code);
    return { status: 'error', message, code: error.code, ...(field ? { fieldErrors: { [field]: [message] } } : {}), values };
  }
});

/** Cancel on one of the member's own pending withdrawals: its hold is voided once; anyone else's reads as not found. */
export const cancelWithdrawalAction = shopperAction.input(cancelWithdrawalFormSchema).run(async (form, { db, viewer }) => {
  const [requested, t] = await Promise.all([getLocale(), getTranslations('payouts.member.outcome')]);
  const locale = isLocale(requested) ? requested : 'en';
  const decision = await cancelWithdrawal(db, { withdrawalId: form.withdrawalId, actorId: viewer.id, ownerId: viewer.id });
  if (decision.status === 'not_found') return { status: 'error', message: t('not_found') };
  revalidateWallet();
  const { withdrawal } = decision;
  const message = t(decision.status, { reference: withdrawalReference(withdrawal.id), amount: formatMoney(withdrawal.amount, withdrawal.currency, intlLocale(locale)) });
  return decision.status === 'cancelled' ? { status: 'success', message } : { status: 'error', message };
});
