// Wire-level stand-ins for the platform's Java, Python and PHP clients. Each builds the request
// target, the headers, the body and the string it signs exactly as that client's source does
// (files named beside each function; versions: Java 1.0.81, Python 1.0.2, PHP 1.0.53), so a change
// in Coffer that would lock one of them out fails a test. Requests go out through node:http with
// the target byte for byte (fetch would drop a bare '?').
import crypto from 'node:crypto';
import http from 'node:http';

export type Credentials = { apiKey: string; secretKey: string; baseUrl: string };

export type WireRequest = { method: string; url: string; headers: Record<string, string>; body?: string };

export type WireResponse = { status: number; text: string; json: { data?: unknown; errors?: Record<string, unknown> } };

const sha256Base64 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('base64');

const percentEncodeByte = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Percent-encodes every UTF-8 byte of `text` but those `keep` accepts; a space as `space`. */
function encodeBytes(text: string, keep: RegExp, space: string): string {
  let out = '';
  for (const char of text) {
    if (char === ' ') out += space;
    else if (keep.test(char)) out += char;
    else out += [...Buffer.from(char, 'utf8')].map(percentEncodeByte).join('');
  }
  return out;
}

/** '+' → space, then %XX decoded as UTF-8: java.net.URLDecoder, Python's unquote_plus, PHP's urldecode. */
const formDecode = (text: string) => decodeURIComponent(text.replaceAll('+', ' '));

/** Sends a request with its target exactly as built. */
export function send(request: WireRequest): Promise<WireResponse> {
  const url = new URL(request.url);
  // The target as the client wrote it, not as URL parsing would normalise it.
  const target = request.url.slice(url.origin.length);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: target, headers: { ...request.headers, ...(request.body !== undefined ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: incoming.statusCode ?? 0, text, json: JSON.parse(text) as WireResponse['json'] });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

// ---------------------------------------------------------------------------------------------
// Java: io.craftgate.adapter.BaseAdapter.createHttpHeaders, request.common.HashGenerator,
// request.common.RequestQueryParamsBuilder, request.common.Jsons (Gson), net.HttpClient.

/** A java.time.LocalDateTime field: Java's query builder writes yyyy-MM-dd'T'HH:mm:ss. */
export class JavaLocalDateTime {
  constructor(readonly text: string) {}
}

type JavaValue = string | number | boolean | JavaLocalDateTime | readonly (string | number)[] | null | undefined;

/** URLEncoder.encode(value, "UTF-8"): letters, digits and . - * _ kept, a space as '+'. */
const javaUrlEncode = (text: string) => encodeBytes(text, /^[A-Za-z0-9.\-*_]$/, '+');

/**
 * RequestQueryParamsBuilder.buildQueryParam: every declared field (in declaration order) that is not
 * null as name=URLEncoder(value)&, a collection comma-joined; '?' first when the class has fields;
 * then every '+' becomes %20.
 */
export function javaQuery(fields: readonly (readonly [string, JavaValue])[]): string {
  let query = fields.length > 0 ? '?' : '';
  for (const [name, value] of fields) {
    if (value === null || value === undefined) continue;
    const text = value instanceof JavaLocalDateTime ? value.text : Array.isArray(value) ? value.map(String).join(',') : String(value);
    query += `${name}=${javaUrlEncode(text)}&`;
  }
  return query.replaceAll('+', '%20');
}

/** Gson's toJson: nulls left out, and its HTML-safe escapes of < > & = '. */
export function gsonJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&=']/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function javaRequest(credentials: Credentials, call: { method: string; path: string; body?: unknown }): WireRequest {
  const rnd = crypto.randomUUID();
  const body = call.body === undefined ? undefined : gsonJson(call.body);
  // HashGenerator.generateHash: URLDecoder.decode(baseUrl + path) + apiKey + secretKey + random + gson body.
  const signature = sha256Base64(formDecode(credentials.baseUrl + call.path) + credentials.apiKey + credentials.secretKey + rnd + (body ?? ''));
  return {
    method: call.method,
    url: credentials.baseUrl + call.path,
    body,
    headers: {
      'x-api-key': credentials.apiKey,
      'x-rnd-key': rnd,
      'x-auth-version': 'v1',
      'x-client-version': 'craftgate-java-client:1.0.81',
      'x-signature': signature,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Python: craftgate/adapter/base_adapter.py, utils/hash_generator.py,
// utils/request_query_params_builder.py, utils/serializer.py, net/base_http_client.py.

/** A Python Decimal: the serializer turns it into a float, so 50 is written 50.0. */
export class PyDecimal {
  constructor(readonly text: string) {}
}

type PyValue = string | number | boolean | PyDecimal | readonly (string | number)[] | null | undefined;

const snakeToCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());

/** urllib.parse.quote(value, safe=''): letters, digits and _ . - ~ kept. */
const pythonQuote = (text: string) => encodeBytes(text, /^[A-Za-z0-9_.\-~]$/, '%20');

/** RequestQueryParamsBuilder.build_query_params: set fields in __init__ order, camelCased, lists comma-joined. */
export function pythonQuery(fields: readonly (readonly [string, PyValue])[]): string {
  const params: string[] = [];
  for (const [name, value] of fields) {
    if (value === null || value === undefined) continue;
    const text =
      typeof value === 'boolean' ? (value ? 'true' : 'false') : value instanceof PyDecimal ? value.text : Array.isArray(value) ? value.map(String).join(',') : String(value);
    params.push(`${snakeToCamel(name)}=${pythonQuote(text).replaceAll('+', '%20')}`);
  }
  return params.length > 0 ? `?${params.join('&')}` : '';
}

function pythonValue(value: unknown): string {
  if (value instanceof PyDecimal) {
    const float = Number(value.text);
    return Number.isInteger(float) ? `${float}.0` : String(float);
  }
  if (Array.isArray(value)) return `[${value.filter((each) => each !== null && each !== undefined).map(pythonValue).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, each]) => each !== null && each !== undefined)
      .map(([key, each]) => [snakeToCamel(key), each] as const);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${pythonValue(each)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** serialize_request_body: None left out, keys camelCased and sorted, compact, ensure_ascii=False, Decimal as float. */
export const pythonJson = (value: unknown) => pythonValue(value);

export function pythonRequest(credentials: Credentials, call: { method: string; path: string; body?: unknown; idempotencyKey?: string }): WireRequest {
  const rnd = crypto.randomUUID();
  const body = call.body === undefined ? undefined : pythonJson(call.body);
  // HashGenerator.generate_hash: unquote_plus(base_url + path) + api_key + secret_key + random + body.
  const signature = sha256Base64(formDecode(credentials.baseUrl + call.path) + credentials.apiKey + credentials.secretKey + rnd + (body ?? ''));
  return {
    method: call.method,
    url: credentials.baseUrl + call.path,
    body,
    headers: {
      'x-api-key': credentials.apiKey,
      'x-rnd-key': rnd,
      'x-auth-version': 'v1',
      'x-client-version': 'craftgate-python-client:1.0.2',
      'x-signature': signature,
      ...(call.idempotencyKey !== undefined ? { 'x-idempotency-key': call.idempotencyKey } : {}),
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PHP: src/Adapter/BaseAdapter.php, Util/QueryBuilder.php, Util/Signature.php, Util/Curl.php, Util/Guid.php.

/** A PHP float: json_encode writes 50.0 for it (an int stays 50). */
export class PhpFloat {
  constructor(readonly value: number) {}
}

type PhpValue = string | number | boolean | PhpFloat | null | undefined | readonly PhpValue[] | { readonly [key: string]: PhpValue };

/** urlencode: letters, digits and - _ . kept, a space as '+'. */
const phpUrlEncode = (text: string) => encodeBytes(text, /^[A-Za-z0-9\-_.]$/, '+');

function phpScalar(value: string | number | boolean | PhpFloat): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return value instanceof PhpFloat ? String(value.value) : String(value);
}

/** http_build_query: nulls left out, booleans 1/0, arrays as key[index]=value (the brackets encoded). */
function phpBuildQuery(params: { readonly [key: string]: PhpValue }, prefix?: string): string[] {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const key = prefix === undefined ? name : `${prefix}[${name}]`;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) pairs.push(...phpBuildQuery(Object.fromEntries(value.map((each, index) => [String(index), each])), key));
    else if (typeof value === 'object' && !(value instanceof PhpFloat)) pairs.push(...phpBuildQuery(value as { readonly [key: string]: PhpValue }, key));
    else pairs.push(`${phpUrlEncode(key)}=${phpUrlEncode(phpScalar(value as string | number | boolean | PhpFloat))}`);
  }
  return pairs;
}

/** QueryBuilder::build: '' for no params, else '?' . str_replace('+', '%20', http_build_query($params)). */
export function phpQuery(params: { readonly [key: string]: PhpValue } | null): string {
  if (params === null || Object.keys(params).length === 0) return '';
  return `?${phpBuildQuery(params).join('&').replaceAll('+', '%20')}`;
}

/** json_encode with default flags: '/' escaped, non-ASCII as \uXXXX, floats with their fraction. */
export function phpJson(value: unknown): string {
  const encode = (each: unknown): string => {
    if (each instanceof PhpFloat) return Number.isInteger(each.value) ? `${each.value}.0` : String(each.value);
    if (Array.isArray(each)) return `[${each.map(encode).join(',')}]`;
    if (each !== null && typeof each === 'object') return `{${Object.entries(each).map(([key, inner]) => `${encode(key)}:${encode(inner)}`).join(',')}}`;
    if (typeof each === 'string') {
      return JSON.stringify(each)
        .replaceAll('/', '\\/')
        .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    return JSON.stringify(each);
  };
  return encode(value);
}

/** Guid::generate: md5 of random bytes as 8-4-4-4-12. */
function phpGuid(): string {
  const hex = crypto.createHash('md5').update(crypto.randomBytes(32)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function phpRequest(credentials: Credentials, call: { method: string; path: string; body?: { readonly [key: string]: unknown }; idempotencyKey?: string }): WireRequest {
  const rnd = phpGuid();
  // BaseAdapter::trimPath; an empty array is falsy in PHP: no body, nothing of it signed.
  const path = `/${call.path.replace(/^\/+|\/+$/g, '')}`;
  const body = call.body !== undefined && Object.keys(call.body).length > 0 ? phpJson(call.body) : undefined;
  // Signature::generate: baseUrl . urldecode(path) . apiKey . secretKey . random . json_encode(request).
  const signature = sha256Base64(credentials.baseUrl + formDecode(path) + credentials.apiKey + credentials.secretKey + rnd + (body ?? ''));
  return {
    method: call.method,
    url: credentials.baseUrl + path,
    // Curl::post sends '' for an empty request.
    body: body ?? (call.method === 'POST' ? '' : undefined),
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-api-key': credentials.apiKey,
      'x-rnd-key': rnd,
      'x-auth-version': 'v1',
      'x-client-version': 'craftgate-php-client:1.0.53',
      'x-signature': signature,
      ...(call.idempotencyKey !== undefined && (call.method === 'POST' || call.method === 'PUT') ? { 'x-idempotency-key': call.idempotencyKey } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// How each client turns an error reply into its exception (the fields it reads).

/** Java's CraftgateException and Python's CraftgateException: errorCode, errorDescription, errorGroup ("Unknown" in Python when absent). */
export function clientException(response: WireResponse): { errorCode: unknown; errorDescription: unknown; errorGroup: unknown } {
  const errors = response.json.errors ?? {};
  return { errorCode: errors.errorCode, errorDescription: errors.errorDescription, errorGroup: errors.errorGroup ?? null };
}
