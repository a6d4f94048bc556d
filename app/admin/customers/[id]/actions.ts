'use server';

import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { resetBalance, sendMoney, withdrawMoney, type WalletAdjustmentResult } from '@/lib/admin/wallet-adjustments';
import { parseAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import type { ActionState } from '@/lib/validations/action-state';
import { resetBalanceSchema, walletAdjustmentSchema } from '@/lib/validations/admin';
import { getStaffFormat } from '@/components/admin/format-server';
import { errorMessage } from '../../../_i18n/server-errors';
import { staffAction } from '../../../_server/action';
import type { Database } from '@/db';

/** Which staff action it was: the group of its words in admin.customer. */
type Verb = 'send' | 'withdraw' | 'reset';

async function outcome(result: WalletAdjustmentResult, verb: Verb, values: Record<string, string>): Promise<ActionState> {
  const [t, format] = await Promise.all([getTranslations('admin.customer'), getStaffFormat()]);
  const refused = t(`${verb}.refused`);
  switch (result.status) {
    case 'done': {
      revalidatePath('/admin', 'layout');
      const message = t(`${verb}.done`, {
        amount: format.money(result.transfer.amount, result.transfer.currency),
        reference: result.transfer.reference,
        balance: format.money(result.balance.available, result.balance.currency),
      });
      return { status: 'success', message: result.replayed ? t('alreadyDone', { message }) : message };
    }
    case 'insufficient_funds': {
      const available = format.money(result.available, result.currency);
      return {
        status: 'error',
        message: t('insufficient', { refused, available }),
        fieldErrors: { amount: [t('insufficientField', { available })] },
        values,
      };
    }
    case 'nothing_to_reset':
      return { status: 'error', message: t('nothingToReset', { zero: format.money(0, result.currency) }), values };
    case 'not_found':
      return { status: 'error', message: t('notFound'), values };
    case 'wallet_limit': {
      const limit = format.money(result.limit, result.currency);
      return { status: 'error', message: t('walletLimit', { refused, limit }), fieldErrors: { amount: [t('walletLimitField', { limit })] }, values };
    }
  }
}

/** The amount staff typed, read in their locale and the shop's currency; or the words for why it is refused. */
async function parseShopAmount(db: Database, text: string): Promise<{ ok: true; amount: number } | { ok: false; state: ActionState }> {
  const [settings, locale] = await Promise.all([getSettings(db.read), getLocale()]);
  const amount = parseAmount(text, settings.currency, locale);
  if (amount.ok) return amount;
  const t = await getTranslations('admin.amount');
  return { ok: false, state: { status: 'error', message: t('correct'), fieldErrors: { amount: [await errorMessage(amount.code, amount.params)] } } };
}

/** Send Money: credit a customer's wallet from the shop, with a reason (staff only). */
export const sendMoneyAction = staffAction.input(walletAdjustmentSchema).run(async (input, { db, viewer, values }) => {
  const amount = await parseShopAmount(db, input.amount);
  if (!amount.ok) return { ...amount.state, values };
  const result = await sendMoney(db, { ...input, amount: amount.amount, staffId: viewer.id });
  return outcome(result, 'send', values);
});

/** Withdraw: debit a customer's wallet, never beyond what is available (staff only). */
export const withdrawMoneyAction = staffAction.input(walletAdjustmentSchema).run(async (input, { db, viewer, values }) => {
  const amount = await parseShopAmount(db, input.amount);
  if (!amount.ok) return { ...amount.state, values };
  const result = await withdrawMoney(db, { ...input, amount: amount.amount, staffId: viewer.id });
  return outcome(result, 'withdraw', values);
});

/** Reset Balance: take the whole available balance back to zero (staff only). */
export const resetBalanceAction = staffAction.input(resetBalanceSchema).run(async (input, { db, viewer, values }) => {
  const result = await resetBalance(db, { ...input, staffId: viewer.id });
  return outcome(result, 'reset', values);
});
