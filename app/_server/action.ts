import 'server-only';
import { forbidden } from 'next/navigation';
import { z } from 'zod';
import { getDatabase, type Database } from '@/db';
import { AppError, isAppError } from '@/lib/errors';
import type { ActionState, FieldErrors, FormAction } from '@/lib/validations/action-state';
import { fieldMessage } from '@/lib/validations/messages';
import { errorMessage, fieldErrorsText, translatedState, validationMessage } from '../_i18n/server-errors';
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

/** The files a form sent, by field name (an empty file input is left out; of repeated keys, the first). */
export function formFiles(formData: FormData): Record<string, File> {
  const files: Record<string, File> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' && value.size > 0 && !(key in files)) files[key] = value;
  }
  return files;
}

/** Fields holding a NUL character: never typed by a person, and no PostgreSQL text can store one (validation keys). */
export function fieldsWithNul(values: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) if (value.includes('\u0000')) errors[key] = [fieldMessage('controlCharacter')];
  return errors;
}

/** The zod issues of a failed parse, as messages per field in the visitor's words (the schemas hold validation keys). */
export async function fieldErrorsOf(error: z.ZodError): Promise<FieldErrors> {
  return fieldErrorsText(z.flattenError(error).fieldErrors as FieldErrors);
}

/** The answer to a form that did not pass: the fields' messages (keys, translated here) and the values sent. */
export async function invalidForm(fieldErrors: FieldErrors, values: Record<string, string>): Promise<{ status: 'error'; message: string; fieldErrors: FieldErrors; values: Record<string, string> }> {
  return { status: 'error', message: await validationMessage('formInvalid'), fieldErrors: await fieldErrorsText(fieldErrors), values };
}

/** What every action gets: the shop's database, the submitted form as strings, and its files (uploads). */
export type BaseContext = { db: Database; values: Record<string, string>; files: Record<string, File> };

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
 * Expected failures (AppError) thrown by `run` come back as `{ status: 'error', message, code }`,
 * the message from the `errors` catalogue in the visitor's language; anything else throws.
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
            let context: object = { db: getDatabase(), values, files: formFiles(formData) };
            for (const layer of layers) context = { ...context, ...(await layer(context)) };
            const nul = fieldsWithNul(values);
            if (Object.keys(nul).length > 0) return await invalidForm(nul, echoed);
            const parsed = schema.safeParse(values);
            if (!parsed.success) return await invalidForm(z.flattenError(parsed.error).fieldErrors as FieldErrors, echoed);
            // Field messages lib returned as codes or validation keys are worded here, beside their field.
            return await translatedState(await work(parsed.data, context as Context));
          } catch (error) {
            // error.message is for developers; the visitor reads the catalogue's words for the code.
            if (isAppError(error)) return { status: 'error', message: await errorMessage(error.code, error.params), code: error.code, values: echoed };
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
  if (!viewer) throw new AppError('SESSION_ENDED', {}, 'No session.');
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
