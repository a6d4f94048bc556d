import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/openapi.json/route';
import { openApiDocument } from './openapi';
import { apiRoutes } from './routes';

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
    expect(document.paths['/wallet/v1/withdraws'].post.summary).toMatch(/^Not served/);
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
