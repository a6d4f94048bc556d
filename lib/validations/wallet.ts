import { z } from 'zod';

/** The Add Money form as the browser sends it; the amount is checked against money rules in lib. */
export const topUpFormSchema = z.object({
  amount: z.string().max(40, 'Enter an amount such as 25.00.'),
  method: z.enum(['card', 'wire_transfer'], { error: 'Choose how to add money.' }),
  returnPath: z.string().max(512).optional(),
  attemptKey: z.uuid('Reload the page and try again.'),
});

export type TopUpForm = z.infer<typeof topUpFormSchema>;
