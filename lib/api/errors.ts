/**
 * An expected failure of an API call, answered with the platform's error envelope
 * `{ errors: { errorCode, errorDescription, errorGroup? } }`. The platform sends errorGroup only
 * for payment errors (its "Payment Error Groups"), and its payment error codes are numbers above
 * 10000 as strings; Coffer uses the platform's code where the platform documents one (10051 with
 * NOT_SUFFICIENT_FUNDS) and its own names otherwise: VALIDATION_ERROR 400, UNAUTHORIZED 401,
 * NOT_FOUND 404, CONFLICT 409, IDEMPOTENCY_CONFLICT 409, REQUEST_REPLAYED 409, UNSUPPORTED 422,
 * CARD_DECLINED 422 (group DECLINED) … (lib/api/README.md lists them).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorDescription: string,
    /** The platform's payment error group; only payment errors carry one. */
    readonly errorGroup?: string,
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

/**
 * 422 when a wallet does not hold the amount: the platform's payment error for an insufficient
 * limit or balance (errorCode 10051, errorGroup NOT_SUFFICIENT_FUNDS, as its error-groups page shows).
 */
export function insufficientFunds(description: string): ApiError {
  return new ApiError(422, '10051', description, 'NOT_SUFFICIENT_FUNDS');
}

/** 422 for a card the provider declined: the platform's payment error group DECLINED ("Payment declined"). */
export function cardDeclined(description: string): ApiError {
  return new ApiError(422, 'CARD_DECLINED', description, 'DECLINED');
}
