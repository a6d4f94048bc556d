export { apmTypes, apmTypeOfProvider, isApmType, providerOfApmType, type ApmProvider, type ApmType } from './kinds';
export { createApmPaymentIn, type ApmPaymentInput, type ApmPaymentItem } from './create';
export { apmPaymentTransferKey, cancelApmPayment, cancelApmPaymentIn, completeApmPayment, completeApmPaymentIn, findApmPayment, type ApmDecision, type ApmDecisionInput } from './decide';
export { listWaitingApmPayments, type WaitingApmPayment } from './queries';
