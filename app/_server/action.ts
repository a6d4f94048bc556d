import 'server-only';
import { forbidden } from 'next/navigation';
import { z } from 'zod';
import { getDatabase, type Database } from '@/db';
import { AppError, isAppError } from '@/lib/errors';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';
import { currentViewer, type Viewer } from './session';

export type { ActionState, FieldErrors, FormAction };

/** Turns a FormData into plain strings (files and repeated keys are ignored). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !(key in values)) values[key] = value;
  }
  return values;
}

/** Fields holding a NUL character: never typed by a person, and no PostgreSQL text can store one. */
export function fieldsWithNul(values: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) if (value.includes('\u0000')) errors[key] = ['Remove the invisible control character.'];
  return errors;
}

/** The zod issues of a failed parse, as messages per field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** What every action gets: the shop's database and the submitted form as strings. */
export type BaseContext = { db: Database; values: Record<string, string> };

/**
 * A layer runs before the action and adds to its context (e.g. `{ viewer }`). To refuse, it
 * throws: an AppError becomes an error answer, next/navigation's forbidden() or redirect() do
 * what they do in Next.js.
 */
export type Layer<In extends object, Added extends object> = (context: In) => Promise<Added>;

type AnyLayer = Layer<object, object>;

export type InputOptions = {
  /** Fields never sent back to the browser with an error answer (passwords). */
  redact?: readonly string[];
};

/**
 * A server action under construction: layers (who may ask) then input (a zod schema for the
 * form) then run (the work, with a typed result). Like dub's `actionClient.use()`:
 *
 *   export const saveThing = staffAction.input(thingSchema).run(async (input, { db, viewer, values }) => {
 *     await doThing(db, input, viewer.id);
 *     return { status: 'success', message: 'Saved.' };
 *   });
 *
 * Expected failures (AppError) thrown by `run` come back as `{ status: 'error', message, code }`;
 * anything else throws.
 */
export class ActionBuilder<Context extends BaseContext> {
  constructor(private readonly layers: readonly AnyLayer[] = []) {}

  /** A builder whose actions first run `layer`, its result merged into the context. */
  use<Added extends object>(layer: Layer<Context, Added>): ActionBuilder<Context & Added> {
    return new ActionBuilder<Context & Added>([...this.layers, layer as unknown as AnyLayer]);
  }

  /** The form's schema: a failed parse answers with the fields' messages and the values sent. */
  input<Schema extends z.ZodType>(schema: Schema, options: InputOptions = {}) {
    const layers = this.layers;
    return {
      run<Success extends object = Record<never, never>>(
        work: (input: z.infer<Schema>, context: Context) => Promise<ActionState<NoInfer<Success>>>,
      ): FormAction<Success> {
        return async (_previous, formData) => {
          const values = formValues(formData);
          const echoed = Object.fromEntries(Object.entries(values).filter(([key]) => !options.redact?.includes(key)));
          try {
            let context: object = { db: getDatabase(), values };
            for (const layer of layers) context = { ...context, ...(await layer(context)) };
            const nul = fieldsWithNul(values);
            if (Object.keys(nul).length > 0) return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: nul, values: echoed };
            const parsed = schema.safeParse(values);
            if (!parsed.success) {
              return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error), values: echoed };
            }
            return await work(parsed.data, context as Context);
          } catch (error) {
            if (isAppError(error)) return { status: 'error', message: error.message, code: error.code, values: echoed };
            throw error;
          }
        };
      },
    };
  }
}

/** Anyone may call it (sign in, register). */
export const visitorAction = new ActionBuilder<BaseContext>();

/** A signed-in user (shopper or staff): the context gets `viewer`. */
export const shopperAction = visitorAction.use(async (): Promise<{ viewer: Viewer }> => {
  const viewer = await currentViewer();
  if (!viewer) throw new AppError('SESSION_ENDED', {}, 'Please sign in again: your session has ended.');
  return { viewer };
});

/** Staff only: a shopper gets the 403 page. */
export const staffAction = shopperAction.use(async ({ viewer }) => {
  if (viewer.role !== 'staff') forbidden();
  return {};
});

type Role = 'any' | 'staff';

/**
 * The earlier form of the same thing, kept for actions not yet moved to the builders:
 * `authorizedAction('staff', schema, run)` = `staffAction.input(schema).run(…)`.
 */
export function authorizedAction<Schema extends z.ZodType, Success extends object = Record<never, never>>(
  role: Role,
  schema: Schema,
  run: (input: z.infer<Schema>, viewer: Viewer, values: Record<string, string>) => Promise<ActionState<NoInfer<Success>>>,
): FormAction<Success> {
  const builder = role === 'staff' ? staffAction : shopperAction;
  return builder.input(schema).run<Success>((input, { viewer, values }) => run(input, viewer, values));
}
