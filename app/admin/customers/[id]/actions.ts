'use server';

import { revalidatePath } from 'next/cache';
import { resetBalance, sendMoney, withdrawMoney, type WalletAdjustmentResult } from '@/lib/admin/wallet-adjustments';
import { formatMoney, parseAmount } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import type { ActionState } from '@/lib/validations/action-state';
import { resetBalanceSchema, walletAdjustmentSchema } from '@/lib/validations/admin';
import { staffAction } from '../../../_server/action';
import type { Database } from '@/db';

type Verb = { done: string; refused: string };

function outcome(result: WalletAdjustmentResult, verb: Verb, values: Record<string, string>): ActionState {
  switch (result.status) {
    case 'done': {
      revalidatePath('/admin', 'layout');
      const amount = formatMoney(result.transfer.amount, result.transfer.currency);
      const balance = formatMoney(result.balance.available, result.balance.currency);
      const prefix = result.replayed ? 'Already done: ' : '';
      return { status: 'success', message: `${prefix}${verb.done} ${amount} (${result.transfer.reference}). Available balance: ${balance}.` };
    }
    case 'insufficient_funds': {
      const available = formatMoney(result.available, result.currency);
      return {
        status: 'error',
        message: `${verb.refused}: the wallet has only ${available} available and cannot go below zero.`,
        fieldErrors: { amount: [`At most ${available} can be withdrawn.`] },
        values,
      };
    }
    case 'nothing_to_reset':
      return { status: 'error', message: `Nothing to reset: the available balance is already ${formatMoney(0, result.currency)}.`, values };
    case 'not_found':
      return { status: 'error', message: 'This customer does not exist.', values };
    case 'wallet_limit': {
      const limit = formatMoney(result.limit, result.currency);
      return { status: 'error', message: `${verb.refused}: a wallet may hold at most ${limit}.`, fieldErrors: { amount: [`A wallet may hold at most ${limit}.`] }, values };
    }
  }
}

async function parseShopAmount(db: Database, text: string) {
  return parseAmount(text, (await getSettings(db.read)).currency);
}

/** Send Money: credit a customer's wallet from the shop, with a reason (staff only). */
export const sendMoneyAction = staffAction.input(walletAdjustmentSchema).run(async (input, { db, viewer, values }) => {
  const amount = await parseShopAmount(db, input.amount);
  if (!amount.ok) return { status: 'error', message: 'Please correct the amount.', fieldErrors: { amount: [amount.message] }, values };
  const result = await sendMoney(db, { ...input, amount: amount.amount, staffId: viewer.id });
  return outcome(result, { done: 'Sent', refused: 'Send refused' }, values);
});

/** Withdraw: debit a customer's wallet, never beyond what is available (staff only). */
export const withdrawMoneyAction = staffAction.input(walletAdjustmentSchema).run(async (input, { db, viewer, values }) => {
  const amount = await parseShopAmount(db, input.amount);
  if (!amount.ok) return { status: 'error', message: 'Please correct the amount.', fieldErrors: { amount: [amount.message] }, values };
  const result = await withdrawMoney(db, { ...input, amount: amount.amount, staffId: viewer.id });
  return outcome(result, { done: 'Withdrew', refused: 'Withdraw refused' }, values);
});

/** Reset Balance: take the whole available balance back to zero (staff only). */
export const resetBalanceAction = staffAction.input(resetBalanceSchema).run(async (input, { db, viewer, values }) => {
  const result = await resetBalance(db, { ...input, staffId: viewer.id });
  return outcome(result, { done: 'Reset the balance by', refused: 'Reset refused' }, values);
});
