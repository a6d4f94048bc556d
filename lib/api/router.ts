import { z } from 'zod';
import type { ApiKey } from '@/db/schema';
import { ApiError, invalidField } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a handler gets: path parameters, the validated query and body, and who is asking. */
export type RouteContext<Query, Body> = {
  params: Record<string, string>;
  query: Query;
  body: Body;
  apiKey: ApiKey;
  /** Unique per attempt: from the Idempotency-Key header when there is one, random otherwise. */
  attemptKey: string;
};

/** Raw input before validation. */
export type RawInput = Omit<RouteContext<unknown, unknown>, 'query' | 'body'> & {
  query: Record<string, string | string[]>;
  body: unknown;
};

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
  /** True when the handler waits on a provider (returns a promise): it runs outside one transaction. */
  async?: boolean;
  run(input: RawInput): unknown;
};

/** First zod issue as a 400 that names the field. */
function validationError(error: z.ZodError, root: string): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : root;
  return invalidField(field, issue?.message ?? 'is not valid');
}

function validate<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, root);
  return result.data;
}

/** Declares a route: the schemas validate its input and document it in the OpenAPI document. */
export function defineRoute<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(route: {
  method: HttpMethod;
  path: string;
  summary: string;
  query?: Q;
  body?: B;
  response?: z.ZodType;
  status?: number;
  async?: boolean;
  handle(context: RouteContext<z.output<Q>, z.output<B>>): unknown;
}): ApiRoute {
  return {
    method: route.method,
    path: route.path,
    summary: route.summary,
    query: route.query,
    body: route.body,
    response: route.response,
    status: route.status,
    async: route.async,
    run(input) {
      const query = route.query ? validate(route.query, input.query, 'query') : undefined;
      const body = route.body ? validate(route.body, input.body, 'body') : undefined;
      return route.handle({ ...input, query: query as z.output<Q>, body: body as z.output<B> });
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

/** A path parameter that must be a positive integer id, else 400 naming it. */
export function idParam(params: Record<string, string>, name: string): number {
  const text = params[name] ?? '';
  const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id)) throw invalidField(name, 'must be a positive whole number');
  return id;
}

/** Query parameters as an object: repeated keys become arrays; empty values are left out. */
export function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of search) {
    if (value === '') continue;
    const existing = result[key];
    result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
