import { ApiError } from './errors';

export type ApiReply = { status: number; body: string };

/** A success reply: `{ "data": … }`. */
export function dataReply(data: unknown, status = 200): ApiReply {
  return { status, body: JSON.stringify({ data }) };
}

/** A failure reply: `{ "errors": { errorCode, errorDescription } }`, never a stack trace. */
export function errorReply(error: ApiError): ApiReply {
  return {
    status: error.status,
    body: JSON.stringify({ errors: { errorCode: error.errorCode, errorDescription: error.errorDescription } }),
  };
}

/** The reply as a standard Response. */
export function toResponse(reply: ApiReply, extraHeaders: Record<string, string> = {}): Response {
  return new Response(reply.body, {
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extraHeaders },
  });
}
