import { z } from 'zod';
import type { Database, Query, Tx } from '@/db/database';
import type { ApiKey } from '@/db/schema';
import { ApiError, invalidField, notFound } from './errors';
import { englishFieldMessage } from './english';
import { listParamNames, MAX_ROW_ID } from './schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What every handler gets: path parameters, the validated query and body, and who is asking. */
type BaseContext<Q, B> = {
  params: Record<string, string>;
  query: Q;
  body: B;
  apiKey: ApiKey;
  /** Unique per attempt: from the Idempotency-Key header when there is one, random otherwise. */
  attemptKey: string;
};

/**
 * How a route meets the database (lib/api/README.md):
 * - `read`: reads only, with `q` (the read handle; the key's transaction when an Idempotency-Key came).
 * - `write`: runs in ONE write transaction `tx`, the same one that claims the Idempotency-Key and
 *   stores the reply; a thrown error rolls all of it back (an expected failure is then stored apart).
 * - `own`: owns its units of work (`db`): it waits on a provider or calls another domain's use case
 *   that opens its own transaction; the key is claimed before and the reply stored after.
 */
export type RouteMode = 'read' | 'write' | 'own';

/** A `read` or `own` route's context: the Database from the edge, and `q` (= db.read, or the key's tx) to read with. */
export type RouteContext<Q, B> = BaseContext<Q, B> & { db: Database; q: Query };
/** A `write` route's context: the open transaction (also what it reads with). */
export type WriteContext<Q, B> = BaseContext<Q, B> & { tx: Tx; q: Query };

type ContextOf<M extends RouteMode, Q, B> = M extends 'write' ? WriteContext<Q, B> : RouteContext<Q, B>;

/** Raw input before validation, with the database handles of the route's mode. */
export type RawInput = BaseContext<Record<string, string | string[]>, unknown> & { db: Database; q: Query; tx?: Tx };

export type ApiRoute = {
  method: HttpMethod;
  /** Path under the API base, with :name parameters, e.g. /wallet/v1/members/:memberId/wallet. */
  path: string;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A JSON Schema-able description of the `data` it answers with. */
  response?: z.ZodType;
  status?: number;
  mode: RouteMode;
  /** The query's list parameters: the Node client sends an empty list as an empty pair, which the signature check must allow for. */
  listParams: readonly string[];
  run(input: RawInput): Promise<unknown>;
};

/** First zod issue as a 400 that names the field. */
function validationError(error: z.ZodError, root: string): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : root;
  return invalidField(field, issue ? englishFieldMessage(issue.message) : 'is not valid');
}

function validate<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, root);
  return result.data;
}

/** Declares a route: the schemas validate its input and document it in the OpenAPI document. */
export function defineRoute<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, M extends RouteMode = 'write'>(route: {
  method: HttpMethod;
  path: string;
  summary: string;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  status?: number;
  /** Default 'write'; GET routes say 'read'. */
  mode?: M;
  handle(context: ContextOf<M, z.output<Q>, z.output<B>>): unknown;
}): ApiRoute {
  const mode: RouteMode = route.mode ?? 'write';
  return {
    method: route.method,
    path: route.path,
    summary: route.summary,
    query: route.query,
    body: route.body,
    response: route.response,
    status: route.status,
    mode,
    listParams: listParamNames(route.query),
    async run(input) {
      const query = route.query ? validate(route.query, input.query, 'query') : undefined;
      const body = route.body ? validate(route.body, input.body, 'body') : undefined;
      const base = { params: input.params, apiKey: input.apiKey, attemptKey: input.attemptKey, query: query as z.output<Q>, body: body as z.output<B> };
      if (mode === 'write') {
        if (!input.tx) throw new Error(`${route.method} ${route.path} is a write route and needs its transaction.`);
        return route.handle({ ...base, tx: input.tx, q: input.tx } as unknown as ContextOf<M, z.output<Q>, z.output<B>>);
      }
      return route.handle({ ...base, db: input.db, q: input.q } as unknown as ContextOf<M, z.output<Q>, z.output<B>>);
    },
  };
}

/** The route for a method and path, with its path parameters; undefined when none matches. */
export function matchRoute(
  routes: readonly ApiRoute[],
  method: string,
  path: string,
): { route: ApiRoute; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = part;
        return true;
      }
      return segment === part;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/**
 * A path parameter that must be a positive integer id, else 400 naming it; a number beyond any row
 * id names nothing: 404 (it never reaches the database, whose integer it would overflow).
 * `max` for ids that are not row ids (a payment transaction id).
 */
export function idParam(params: Record<string, string>, name: string, max: number = MAX_ROW_ID): number {
  const text = params[name] ?? '';
  const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id)) throw invalidField(name, 'must be a positive whole number');
  if (id > max) throw notFound(`${name} ${text}`);
  return id;
}

/**
 * Query parameters as an object: repeated keys become arrays; empty values are left out; PHP's
 * array keys (k[0], k[1] or k[]) are the key k.
 */
export function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    if (value === '') continue;
    const key = name.replace(/\[\d*\]$/, '');
    const existing = result[key];
    result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
