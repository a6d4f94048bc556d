import crypto from 'node:crypto';
import { InsufficientFundsError } from '@/lib/ledger';
import { dataReply, errorReply, toResponse, type ApiReply } from './envelope';
import { ApiError, invalidField } from './errors';
import { checkIdempotencyKey, onceForKey, onceForKeyAsync, requestFingerprint } from './idempotency';
import { matchRoute, queryObject, type ApiRoute, type RawInput } from './router';
import { apiRoutes } from './routes';
import { authenticate } from './signature';

/** Where the API is mounted; the clients' baseUrl is the app's address plus this. */
export const API_BASE_PATH = '/api/craftgate';

const MAX_BODY_CHARS = 1_000_000;

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidField('body', 'is not valid JSON');
  }
}

/** An expected failure as an error reply; anything else is rethrown. */
function expectedFailure(error: unknown): ApiReply {
  if (error instanceof ApiError) return errorReply(error);
  if (error instanceof InsufficientFundsError) return errorReply(new ApiError(422, 'INSUFFICIENT_FUNDS', 'The wallet cannot cover this amount.'));
  throw error;
}

/** Runs a route; expected failures become error replies (so they can be stored for retries too). */
function runRoute(route: ApiRoute, input: Omit<RawInput, 'body'>, bodyText: string): ApiReply {
  try {
    return dataReply(route.run({ ...input, body: parseBody(bodyText) }), route.status);
  } catch (error) {
    return expectedFailure(error);
  }
}

/** runRoute for a route whose handler awaits a provider. */
async function runAsyncRoute(route: ApiRoute, input: Omit<RawInput, 'body'>, bodyText: string): Promise<ApiReply> {
  try {
    return dataReply(await route.run({ ...input, body: parseBody(bodyText) }), route.status);
  } catch (error) {
    return expectedFailure(error);
  }
}

/** Answers one request to the merchant wallet API: route, authenticate, validate, run, envelope. */
export async function handleCraftgateRequest(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_BASE_PATH) ? url.pathname.slice(API_BASE_PATH.length) : url.pathname;
    const matched = matchRoute(apiRoutes, request.method, path);
    if (!matched) throw new ApiError(404, 'NOT_FOUND', `${request.method} ${path} is not an endpoint Coffer serves.`);
    const bodyText = await request.text();
    if (bodyText.length > MAX_BODY_CHARS) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'body: at most 1 MB.');
    const apiKey = authenticate(request, bodyText);
    const header = request.headers.get('idempotency-key');
    const idempotencyKey = header === null ? undefined : checkIdempotencyKey(header);
    const input = {
      params: matched.params,
      query: queryObject(url.searchParams),
      apiKey,
      attemptKey: idempotencyKey ? `key:${idempotencyKey}` : crypto.randomUUID(),
    };
    const fingerprint = requestFingerprint(request.method, `${url.pathname}${url.search}`, bodyText);
    const { route } = matched;
    let reply: ApiReply;
    if (route.async) {
      const work = () => runAsyncRoute(route, input, bodyText);
      reply = idempotencyKey ? await onceForKeyAsync(apiKey.id, idempotencyKey, fingerprint, work) : await work();
    } else {
      const work = () => runRoute(route, input, bodyText);
      reply = idempotencyKey ? onceForKey(apiKey.id, idempotencyKey, fingerprint, work) : work();
    }
    return toResponse(reply);
  } catch (error) {
    if (error instanceof ApiError) return toResponse(errorReply(error));
    console.error('Merchant API request failed', error);
    return toResponse(errorReply(new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.')));
  }
}
