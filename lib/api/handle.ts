import crypto from 'node:crypto';
import type { Database } from '@/db/database';
import { InsufficientFundsError, InvalidAmountError } from '@/lib/ledger';
import { dataReply, errorReply, toResponse, type ApiReply } from './envelope';
import { ApiError, insufficientFunds, invalidField } from './errors';
import { checkIdempotencyKey, onceForKey, onceForKeyAsync, requestFingerprint, type KeyUse } from './idempotency';
import { rememberSignedRequest } from './replay';
import { matchRoute, queryObject, type ApiRoute, type RawInput } from './router';
import { apiRoutes } from './routes';
import { authenticate } from './signature';

/** Where the API is mounted; the clients' baseUrl is the app's address plus this. */
export const API_BASE_PATH = '/api/craftgate';

const MAX_BODY_CHARS = 1_000_000;

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidField('body', 'is not valid JSON');
  }
  // No stored text may hold NUL (PostgreSQL cannot), and no client means to send one.
  if (JSON.stringify(body).includes('\\u0000')) throw invalidField('body', 'contains a NUL character');
  return body;
}

/**
 * The Idempotency-Key in the spellings the platform's clients send (Idempotency-Key,
 * x-idempotency-key); both present with different values is refused rather than guessed.
 */
function idempotencyKeyOf(headers: Headers): string | undefined {
  const plain = headers.get('idempotency-key');
  const prefixed = headers.get('x-idempotency-key');
  if (plain !== null && prefixed !== null && plain !== prefixed) throw invalidField('Idempotency-Key', 'differs from x-idempotency-key');
  const key = plain ?? prefixed;
  return key === null ? undefined : checkIdempotencyKey(key);
}

/** An expected failure as an error reply; anything else is rethrown. */
function expectedFailure(error: unknown): ApiReply {
  if (error instanceof ApiError) return errorReply(error);
  if (error instanceof InsufficientFundsError) return errorReply(insufficientFunds('The wallet cannot cover this amount.'));
  // A handler should have said which field; an amount out of range is still the caller's, not a 500.
  if (error instanceof InvalidAmountError) return errorReply(invalidField('amount', 'is out of range for one transfer'));
  throw error;
}

type RouteInput = Omit<RawInput, 'body' | 'db' | 'q' | 'tx'>;

/** A success reply of the route's data; throws what the route throws. */
async function routeReply(route: ApiRoute, input: RawInput): Promise<ApiReply> {
  return dataReply(await route.run(input), route.status);
}

/** routeReply, with expected failures as error replies. */
async function replyOrFailure(run: () => Promise<ApiReply>): Promise<ApiReply> {
  try {
    return await run();
  } catch (error) {
    return expectedFailure(error);
  }
}

/**
 * Runs a matched route in its mode (lib/api/router.ts RouteMode). A write route runs in one write
 * transaction, which with an Idempotency-Key also claims the key and stores the reply; a failure
 * rolls its writes back. An own route opens its own transactions; a read route reads.
 */
async function runRoute(db: Database, route: ApiRoute, input: RouteInput, bodyText: string, use: KeyUse | undefined): Promise<ApiReply> {
  const body = parseBody(bodyText);
  if (route.mode === 'own') {
    const work = () => replyOrFailure(() => routeReply(route, { ...input, body, db, q: db.read }));
    return use ? onceForKeyAsync(db, use, work) : work();
  }
  if (use) return onceForKey(db, use, (tx) => routeReply(route, { ...input, body, db, q: tx, tx }), expectedFailure);
  if (route.mode === 'read') return replyOrFailure(() => routeReply(route, { ...input, body, db, q: db.read }));
  return replyOrFailure(() => db.write((tx) => routeReply(route, { ...input, body, db, q: tx, tx })));
}

/**
 * Answers one request to the merchant wallet API: route, authenticate, validate, run, envelope.
 * `db` is the shop's Database, handed in by the edge (app/api/craftgate).
 */
export async function handleCraftgateRequest(db: Database, request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_BASE_PATH) ? url.pathname.slice(API_BASE_PATH.length) : url.pathname;
    const matched = matchRoute(apiRoutes, request.method, path);
    if (!matched) throw new ApiError(404, 'NOT_FOUND', `${request.method} ${path} is not an endpoint Coffer serves.`);
    const bodyText = await request.text();
    if (bodyText.length > MAX_BODY_CHARS) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'body: at most 1 MB.');
    const apiKey = await authenticate(db, request, bodyText, { listParams: matched.route.listParams });
    // Only after the signature holds: an unsigned caller must not fill or poison the memory.
    await rememberSignedRequest(db, {
      apiKeyId: apiKey.id,
      method: request.method,
      rnd: request.headers.get('x-rnd-key') ?? '',
      signature: request.headers.get('x-signature') ?? '',
    });
    const idempotencyKey = idempotencyKeyOf(request.headers);
    const input: RouteInput = {
      params: matched.params,
      query: queryObject(url.searchParams),
      apiKey,
      attemptKey: idempotencyKey ? `key:${idempotencyKey}` : crypto.randomUUID(),
    };
    const use = idempotencyKey
      ? { apiKeyId: apiKey.id, key: idempotencyKey, fingerprint: requestFingerprint(request.method, `${url.pathname}${url.search}`, bodyText) }
      : undefined;
    return toResponse(await runRoute(db, matched.route, input, bodyText, use));
  } catch (error) {
    if (error instanceof ApiError) return toResponse(errorReply(error));
    console.error('Merchant API request failed', error);
    return toResponse(errorReply(new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side.')));
  }
}
