import { z } from 'zod';
import { fieldMessage } from './messages';

/** The Add Money form as the browser sends it; the amount is checked against money rules in lib. */
export const topUpFormSchema = z.object({
  amount: z.string().max(40, fieldMessage('amountRequired')),
  method: z.enum(['card', 'wire_transfer'], { error: fieldMessage('chooseTopUpMethod') }),
  returnPath: z.string().max(512).optional(),
  attemptKey: z.uuid(fieldMessage('reload')),
});

export type TopUpForm = z.infer<typeof topUpFormSchema>;
