// A tiny node:http server that hands each request to the API's route handler, so tests can drive
// it with the platform's real clients over HTTP without a Next build.
import http from 'node:http';
import * as route from '@/app/api/craftgate/[...path]/route';
import type { Database } from '@/db/database';
import { handleCraftgateRequest } from '@/lib/api/handle';
import { targetUnderNextStart } from './next-start';

const handlers: Record<string, (request: Request) => Promise<Response>> = {
  GET: route.GET,
  POST: route.POST,
  PUT: route.PUT,
  DELETE: route.DELETE,
};

/**
 * How the route handler sees the request target:
 * - 'next-start' (default): as under `next start` (./next-start.ts, by Next's own function): the
 *   query re-serialised, and request.url's origin the server's own (http://localhost:<port>),
 *   not the Host the client used.
 * - 'raw': the target exactly as it arrived (what a plain Node server or another host passes on).
 */
export type UrlHandling = 'next-start' | 'raw';

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function toRequest(incoming: http.IncomingMessage, body: Buffer, urls: UrlHandling, port: number): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i] ?? '', incoming.rawHeaders[i + 1] ?? '');
  const method = incoming.method ?? 'GET';
  const target = incoming.url ?? '/';
  const url = urls === 'next-start' ? new URL(targetUnderNextStart(target), `http://localhost:${port}`) : `http://${incoming.headers.host ?? 'localhost'}${target}`;
  return new Request(url, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' || body.length === 0 ? undefined : new Uint8Array(body),
  });
}

export type TestServer = { baseUrl: string; origin: string; port: number; close(): Promise<void> };

/**
 * Starts the server on a free loopback port; baseUrl is what the client is constructed with.
 * `database`: the Database each request is handled with, asked per request (a test that gives
 * each case a database of its own); by default the app's route handler with getDatabase().
 */
export async function startApiServer(options: { urls?: UrlHandling; database?: () => Database } = {}): Promise<TestServer> {
  const urls = options.urls ?? 'next-start';
  const { database } = options;
  let port = 0;
  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const handler = database ? (request: Request) => handleCraftgateRequest(database(), request) : handlers[incoming.method ?? 'GET'];
      const response = handler
        ? await handler(toRequest(incoming, body, urls, port))
        : new Response('{"errors":{"errorCode":"NOT_FOUND","errorDescription":"No such method."}}', { status: 404 });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      outgoing.writeHead(500);
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The test server has no port.');
  port = address.port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    baseUrl: `${origin}/api/craftgate`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
