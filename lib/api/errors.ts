/**
 * An expected failure of an API call, answered with the platform's error envelope:
 * VALIDATION_ERROR 400, UNAUTHORIZED 401, NOT_FOUND 404, CONFLICT 409, IDEMPOTENCY_CONFLICT 409,
 * REQUEST_REPLAYED 409, INSUFFICIENT_FUNDS 422, UNSUPPORTED 422.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorDescription: string,
  ) {
    super(errorDescription);
    this.name = 'ApiError';
  }
}

/** 400 naming the field that is wrong. */
export function invalidField(field: string, problem: string): ApiError {
  return new ApiError(400, 'VALIDATION_ERROR', `${field}: ${problem}`);
}

/** 404 for a thing the caller named by id. */
export function notFound(what: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `${what} not found.`);
}

/** 422 for a request that is well formed but breaks a business rule. */
export function unsupported(description: string): ApiError {
  return new ApiError(422, 'UNSUPPORTED', description);
}
