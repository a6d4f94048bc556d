import 'server-only';
import type { z } from 'zod';
import type { ActionState } from '@/lib/validations/action-state';
import { fieldErrorsOf, formValues } from '../_server/action';
import { currentViewer, type Viewer } from '../_server/session';

/**
 * Wraps a cart action. Unlike authorizedAction it also serves visitors (their cart is a cookie),
 * so `run` receives the viewer or null and must keep the two apart; the form is validated first.
 */
export function cartAction<Schema extends z.ZodType, Success extends object>(
  schema: Schema,
  run: (input: z.infer<Schema>, viewer: Viewer | null) => Promise<ActionState<Success>>,
) {
  return async (_previous: ActionState<Success>, formData: FormData): Promise<ActionState<Success>> => {
    const values = formValues(formData);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error), values };
    }
    return run(parsed.data, await currentViewer());
  };
}
