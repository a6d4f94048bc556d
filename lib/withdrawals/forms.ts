import { z } from 'zod';
import { amountTextSchema, attemptKeySchema, reasonSchema } from '@/lib/validations/admin';
import { fieldMessage } from '@/lib/validations/messages';
import { idField } from '@/lib/validations/whole-number';

/** My Wallet → Withdraw as the browser sends it; the amount is read against the currency, the IBAN checked, in the action and again in lib. */
export const withdrawalRequestFormSchema = z.object({
  amount: amountTextSchema,
  iban: z.string().trim().min(1, fieldMessage('ibanRequired')).max(60, fieldMessage('tooLong', { max: 60 })),
  accountHolder: z.string().trim().min(1, fieldMessage('accountHolderRequired')).max(100, fieldMessage('tooLong', { max: 100 })),
  attemptKey: attemptKeySchema,
});

/** A member's Cancel on one of their pending withdrawals. */
export const cancelWithdrawalFormSchema = z.object({ withdrawalId: idField() });

/** Payouts: mark one withdrawal as paid out, or reject it with the reason the member reads. */
export const withdrawalDecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('pay_out'), withdrawalId: idField() }),
  z.object({ intent: z.literal('reject'), withdrawalId: idField(), reason: reasonSchema }),
]);
