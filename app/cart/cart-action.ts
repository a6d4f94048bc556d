import 'server-only';
import { z } from 'zod';
import type { FieldErrors } from '@/lib/validations/action-state';
import type { ActionState } from '@/lib/validations/action-state';
import { translatedState } from '../_i18n/server-errors';
import { formValues, invalidForm } from '../_server/action';
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
    if (!parsed.success) return invalidForm(z.flattenError(parsed.error).fieldErrors as FieldErrors, values);
    return translatedState(await run(parsed.data, await currentViewer()));
  };
}
