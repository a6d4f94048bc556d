import { checkoutPaymentRoutes } from './handlers/checkout-payments';
import { apmPaymentRoutes } from './handlers/apm-payments';
import { depositRoutes } from './handlers/deposits';
import { memberRoutes } from './handlers/members';
import { merchantWalletRoutes } from './handlers/merchant-wallet';
import { multiPaymentRoutes } from './handlers/multi-payments';
import { notServedRoutes } from './handlers/not-served';
import { paymentReportingRoutes } from './handlers/payment-reporting';
import { paymentRoutes } from './handlers/payments';
import { refundRoutes } from './handlers/refunds';
import { remittanceRoutes } from './handlers/remittances';
import { walletTransactionRoutes } from './handlers/wallet-transactions';
import { walletRoutes } from './handlers/wallets';
import { withdrawalRoutes } from './handlers/withdrawals';
import type { ApiRoute } from './router';

/** Every endpoint of the platform that Coffer serves, then those it answers as not supported; anything else answers 404. */
export const apiRoutes: readonly ApiRoute[] = [...memberRoutes, ...walletRoutes, ...merchantWalletRoutes, ...remittanceRoutes, ...paymentRoutes, ...refundRoutes, ...paymentReportingRoutes, ...walletTransactionRoutes, ...depositRoutes, ...withdrawalRoutes, ...checkoutPaymentRoutes, ...multiPaymentRoutes, ...apmPaymentRoutes, ...notServedRoutes];
