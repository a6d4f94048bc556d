import { z } from 'zod';
import { API_BASE_PATH } from './handle';
import type { ApiRoute } from './router';
import { apiRoutes } from './routes';

type JsonSchema = z.core.JSONSchema.BaseSchema;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms (query strings to numbers, amounts to checks) are described by their input side.
  const { $schema: _dialect, ...rest }: JsonSchema = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return rest;
}

function queryParameters(schema: z.ZodType) {
  const json = schemaOf(schema, 'input');
  const properties = json.properties ?? {};
  const required = json.required ?? [];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(typeof property === 'object' && property.type === 'array' ? { explode: true } : {}),
    schema: property,
  }));
}

const errorEnvelope = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'object',
      required: ['errorCode', 'errorDescription'],
      properties: {
        errorCode: { type: 'string', description: "The platform's code where it has one (10051: the balance does not cover it), else Coffer's (VALIDATION_ERROR, NOT_FOUND …)." },
        errorDescription: { type: 'string' },
        errorGroup: { type: 'string', description: 'Payment errors only: the payment error group (NOT_SUFFICIENT_FUNDS, DECLINED).' },
      },
    },
  },
};

const errorResponses = {
  '400': 'A field is missing or wrong; the description names it.',
  '401': 'Missing or wrong API key or signature.',
  '404': 'No such member, wallet, remittance, payment, refund, wallet transaction or endpoint.',
  '409': 'Conflict: email or external id in use, or an Idempotency-Key reused with another request.',
  '422': 'A business rule refused it, e.g. 10051 (errorGroup NOT_SUFFICIENT_FUNDS) when the wallet does not cover it (its balance plus its negativeAmountLimit), CARD_DECLINED (errorGroup DECLINED), UNSUPPORTED for what Coffer does not serve.',
};

function operation(route: ApiRoute) {
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'integer', minimum: 1 },
  }));
  const idempotencyHeader = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'A retry with the same key and request gets the original response.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  };
  // The spelling the Python and PHP clients send (their idempotencyKey header option); the same key as Idempotency-Key.
  const prefixedIdempotencyHeader = { ...idempotencyHeader, name: 'x-idempotency-key', description: 'The same as Idempotency-Key, as the Python and PHP clients send it.' };
  const data = route.response ? schemaOf(route.response, 'output') : {};
  return {
    summary: route.summary,
    operationId: `${route.method.toLowerCase()}${route.path.replace(/\/(:?)(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    parameters: [...pathParameters, ...(route.query ? queryParameters(route.query) : []), idempotencyHeader, prefixedIdempotencyHeader],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
    responses: {
      [String(route.status ?? 200)]: {
        description: 'Success.',
        content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data } } } },
      },
      ...Object.fromEntries(
        Object.entries(errorResponses).map(([status, description]) => [
          status,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } },
        ]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document of the merchant wallet API, generated from the routes' zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const route of apiRoutes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Coffer merchant wallet API',
      version: '1.0.0',
      description:
        "The payment platform's wallet and payment operations in its wire protocol (members, wallets and their overdraft limits, remittances, deposits, wallet, card and card + wallet payments, refunds, payment reports): use its official clients with baseUrl set to this server's address plus /api/craftgate. Amounts are JSON numbers in major units of the shop currency. Operations whose summary starts with 'Not served' answer 422 UNSUPPORTED.",
    },
    servers: [{ url: API_BASE_PATH }],
    security: [{ apiKey: [], randomKey: [], authVersion: [], signature: [] }],
    paths,
    components: {
      schemas: { ErrorEnvelope: errorEnvelope },
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        randomKey: { type: 'apiKey', in: 'header', name: 'x-rnd-key', description: 'A random string per request.' },
        authVersion: { type: 'apiKey', in: 'header', name: 'x-auth-version', description: '1 (the Node client) or v1 (the Java, Python and PHP clients).' },
        signature: {
          type: 'apiKey',
          in: 'header',
          name: 'x-signature',
          description: 'base64(sha256(full URL as the client sees it, URL-decoded + apiKey + secretKey + x-rnd-key + body)).',
        },
      },
    },
  };
}
