import { ApiError } from './errors';

export type ApiReply = { status: number; body: string };

/**
 * What a handler returns for work a provider has not finished (a refund waiting for the card
 * network): answered 202, and a retry with the same Idempotency-Key resumes the work.
 */
export class Accepted<T> {
  constructor(readonly data: T) {}
}

/**
 * What a handler returns for an expected failure whose record must stay (a declined card is a
 * failed payment, kept for reporting): answered with the error envelope, while the route's writes
 * commit (a thrown ApiError would roll them back), with the reply under an Idempotency-Key.
 */
export class Refusal {
  constructor(readonly error: ApiError) {}
}

/** A success reply: `{ "data": … }` (202 for Accepted data; the error envelope for a Refusal). */
export function dataReply(data: unknown, status = 200): ApiReply {
  if (data instanceof Refusal) return errorReply(data.error);
  if (data instanceof Accepted) return { status: 202, body: JSON.stringify({ data: data.data }) };
  return { status, body: JSON.stringify({ data }) };
}

/** A failure reply: `{ "errors": { errorCode, errorDescription, errorGroup? } }` (a group for payment errors only), never a stack trace. */
export function errorReply(error: ApiError): ApiReply {
  const errors = { errorCode: error.errorCode, errorDescription: error.errorDescription, ...(error.errorGroup === undefined ? {} : { errorGroup: error.errorGroup }) };
  return { status: error.status, body: JSON.stringify({ errors }) };
}

/** The reply as a standard Response. */
export function toResponse(reply: ApiReply, extraHeaders: Record<string, string> = {}): Response {
  return new Response(reply.body, {
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders },
  });
}
