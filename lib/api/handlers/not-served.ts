import { unsupported } from '../errors';
import { defineRoute, type HttpMethod } from '../router';

/**
 * Endpoints of the platform the official clients call that Coffer does not serve (yet): each
 * answers 422 UNSUPPORTED naming the feature, after the signature check like any call, rather than
 * a 404 that reads like a wrong base URL. lib/api/README.md lists them; a feature that lands
 * replaces its entries here with real routes.
 */
const notServed: { feature: string; endpoints: [HttpMethod, string][] }[] = [
  {
    feature: 'Online APM payments and deposits (Papara, PayPal, Klarna and the other redirecting methods; fund transfer and cash on delivery are served by createApmPayment)',
    endpoints: [
      ['POST', '/payment/v1/apm-payments/init'],
      ['POST', '/payment/v1/apm-payments/complete'],
      ['POST', '/payment/v1/deposits/apm-init'],
    ],
  },
  {
    feature: '3-D Secure payments and deposits',
    endpoints: [
      ['POST', '/payment/v1/card-payments/3ds-init'],
      ['POST', '/payment/v1/card-payments/3ds-complete'],
      ['POST', '/payment/v1/deposits/3ds-init'],
      ['POST', '/payment/v1/deposits/3ds-complete'],
    ],
  },
  {
    feature: 'Stored cards',
    endpoints: [
      ['POST', '/payment/v1/cards'],
      ['GET', '/payment/v1/cards'],
      ['POST', '/payment/v1/cards/update'],
      ['POST', '/payment/v1/cards/clone'],
      ['POST', '/payment/v1/cards/delete'],
    ],
  },
];

export const notServedRoutes = notServed.flatMap(({ feature, endpoints }) =>
  endpoints.map(([method, path]) =>
    defineRoute({
      method,
      path,
      summary: `Not served: ${feature} (lib/api/README.md). Answers 422 UNSUPPORTED.`,
      mode: 'read',
      handle() {
        throw unsupported(`${feature}: not supported by Coffer.`);
      },
    }),
  ),
);
