import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/openapi.json/route';
import { notServedRoutes } from './handlers/not-served';
import { openApiDocument } from './openapi';
import type { ApiRoute } from './router';
import { apiRoutes } from './routes';

/** Every route any handler module declares (an exported list of routes), whether routes.ts serves it or not. */
function declaredRoutes(): ApiRoute[] {
  const modules = import.meta.glob<Record<string, unknown>>('./handlers/*.ts', { eager: true });
  const isRoute = (value: unknown): value is ApiRoute =>
    typeof value === 'object' && value !== null && 'method' in value && 'path' in value && typeof (value as { run?: unknown }).run === 'function';
  return Object.values(modules).flatMap((exports) => Object.values(exports).flatMap((value) => (Array.isArray(value) ? value.filter(isRoute) : [])));
}

const operationKey = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`;

describe('OpenAPI document', () => {
  it('describes every route with its parameters, body and success shape', () => {
    const document = JSON.parse(JSON.stringify(openApiDocument()));
    expect(document.openapi).toBe('3.1.0');
    for (const route of apiRoutes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path}`).toBeDefined();
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
      }
      expect(Boolean(operation.requestBody)).toBe(Boolean(route.body));
      expect(operation.responses['200'].content['application/json'].schema.required).toEqual(['data']);
      expect(operation.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorEnvelope');
    }
    const operationIds = Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);

    const payment = document.paths['/payment/v1/card-payments'].post.requestBody.content['application/json'].schema;
    // walletPrice defaults to 0 and a card payment needs no member, as the platform has them.
    expect(payment.required).toEqual(expect.arrayContaining(['price', 'paidPrice', 'currency', 'items']));
    expect(payment.required).not.toContain('buyerMemberId');
    const search = document.paths['/wallet/v1/wallets/{walletId}/wallet-transactions'].get.parameters;
    expect(search).toContainEqual(expect.objectContaining({ name: 'size', in: 'query', schema: expect.objectContaining({ maximum: 100 }) }));
    expect(search).toContainEqual(expect.objectContaining({ name: 'walletTransactionTypes', explode: true }));
    // What the Java, Python and PHP clients send is described too.
    expect(search.filter((each: { in: string }) => each.in === 'header').map((each: { name: string }) => each.name)).toEqual(['Idempotency-Key', 'x-idempotency-key']);
    expect(document.components.securitySchemes.authVersion.description).toMatch(/\bv1\b/);
    expect(document.components.schemas.ErrorEnvelope.properties.errors.properties).toHaveProperty('errorGroup');
    // The card payments' refunds and the payment reports are listed with their parameters.
    expect(payment.properties).toHaveProperty('card');
    expect(document.paths['/payment/v1/refunds/{refundId}'].get).toBeDefined();
    expect(document.paths['/payment/v1/refund-transactions/{refundTransactionId}'].get).toBeDefined();
    const reports = document.paths['/payment-reporting/v1/payments'].get.parameters.map((each: { name: string }) => each.name);
    expect(reports).toEqual(expect.arrayContaining(['paymentId', 'paymentTransactionId', 'buyerMemberId', 'paymentType', 'paymentStatus', 'binNumber', 'lastFourDigits', 'minPaidPrice', 'minCreatedDate']));
    for (const path of ['/payments/{paymentId}', '/payments/{paymentId}/transactions', '/payments/{paymentId}/refunds', '/payments/{paymentId}/transactions/{paymentTransactionId}/refunds', '/refunds', '/refund-transactions']) {
      expect(document.paths[`/payment-reporting/v1${path}`]?.get, path).toBeDefined();
    }
    for (const route of notServedRoutes) expect(document.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()].summary).toMatch(/^Not served/);
    // What the wallet and deposit routes say of overdraft limits and fund-transfer deposits.
    expect(document.paths['/wallet/v1/members/{memberId}/wallets/{walletId}'].put.requestBody.content['application/json'].schema.properties.negativeAmountLimit).toEqual(
      expect.objectContaining({ type: 'number' }),
    );
    expect(document.paths['/payment/v1/deposits/fund-transfer'].post.summary).toMatch(/credited at once/);
  });

  it('lists every endpoint the API serves, and only those: every route a handler declares is served and documented once', () => {
    const document = JSON.parse(JSON.stringify(openApiDocument()));
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = apiRoutes.map(operationKey);
    expect(new Set(served).size).toBe(served.length);
    expect([...documented].sort()).toEqual([...served].sort());
    const declared = declaredRoutes();
    expect(declared.length).toBeGreaterThanOrEqual(apiRoutes.length - notServedRoutes.length);
    for (const route of declared) expect(served, `${operationKey(route)} is declared in a handler but not in routes.ts`).toContain(operationKey(route));
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the document as JSON', async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
