import 'server-only';
import { forbidden } from 'next/navigation';
import { z } from 'zod';
import { currentViewer, type Viewer } from './session';

import type { ActionState, FieldErrors } from '@/lib/validations/action-state';

export type { ActionState, FieldErrors };

/** Turns a FormData into plain strings (files and repeated keys are ignored). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !(key in values)) values[key] = value;
  }
  return values;
}

/** The zod issues of a failed parse, as messages per field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

type Role = 'any' | 'staff';

/**
 * Wraps a server action: checks who is asking (any signed-in user, or staff only), validates the
 * form with `schema`, then runs `run`. Expected failures come back as state; the rest throw.
 */
export function authorizedAction<Schema extends z.ZodType, Success extends object = Record<never, never>>(
  role: Role,
  schema: Schema,
  run: (input: z.infer<Schema>, viewer: Viewer, values: Record<string, string>) => Promise<ActionState<NoInfer<Success>>>,
) {
  return async (_previous: ActionState<Success>, formData: FormData): Promise<ActionState<Success>> => {
    const viewer = await currentViewer();
    if (!viewer) return { status: 'error', message: 'Please sign in again: your session has ended.' };
    if (role === 'staff' && viewer.role !== 'staff') forbidden();
    const values = formValues(formData);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      return {
        status: 'error',
        message: 'Please correct the highlighted fields.',
        fieldErrors: fieldErrorsOf(parsed.error),
        values,
      };
    }
    return run(parsed.data, viewer, values);
  };
}
