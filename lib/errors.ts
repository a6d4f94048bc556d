/** Parameters of an expected failure: what a message (in any language) needs to say it. */
export type ErrorParams = Record<string, string | number | boolean | null>;

/**
 * One type for expected failures (a refusal the user or caller can act on), as opposed to bugs:
 * a stable `code` and the `params` a message is built from. The message is for logs and tests;
 * the UI words it from code and params.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly params: ErrorParams;

  constructor(code: Code, params: ErrorParams = {}, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

/** True when `error` is an AppError (with `code`, when given). */
export function isAppError<Code extends string>(error: unknown, code?: Code): error is AppError<Code> {
  return error instanceof AppError && (code === undefined || error.code === code);
}
