/** Messages per form field, as returned by a server action. */
export type FieldErrors = Record<string, string[] | undefined>;

/**
 * What every form's server action returns: idle before the first submit, then an outcome. An
 * error may carry the code of the expected failure behind it (lib/errors AppError).
 */
export type ActionState<Success extends object = Record<never, never>> =
  | { status: 'idle' }
  | { status: 'error'; message: string; code?: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | ({ status: 'success'; message?: string } & Success);

/** A server action as a form (via useActionState) calls it. */
export type FormAction<Success extends object = Record<never, never>> = (
  previous: ActionState<Success>,
  formData: FormData,
) => Promise<ActionState<Success>>;
