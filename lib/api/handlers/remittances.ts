import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Query } from '@/db/database';
import { ledgerAccounts, type LedgerTransfer } from '@/db/schema';
import { sendMoney, withdrawMoney, type WalletAdjustmentResult } from '@/lib/admin/wallet-adjustments';
import { getTransfer } from '@/lib/ledger';
import { platformDate, requireShopCurrency, shopCurrency, toMajor, toMinor } from '../amounts';
import { ApiError, insufficientFunds, notFound, unsupported } from '../errors';
import { defineRoute, idParam, type RouteContext } from '../router';
import { amountSchema, currencySchema } from '../schemas';
import { englishTransferDescription } from '../english';

const remittanceSchema = z.object({
  memberId: z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d{0,15}$/, 'must be a member id')]).transform(Number),
  price: amountSchema,
  /** Optional, as the platform makes it (the Java and Python official tests leave it out): the wallet's currency. */
  currency: currencySchema.optional(),
  description: z.string().trim().min(1).max(500),
  /** The platform's default when left out: REDEEM_ONLY_LOYALTY (money the member can only spend in the shop). */
  remittanceReasonType: z.enum(['SUBMERCHANT_SEND_RECEIVE', 'REDEEM_ONLY_LOYALTY']).default('REDEEM_ONLY_LOYALTY'),
});

export const remittanceResponseSchema = z.object({
  id: z.number(),
  createdDate: z.string(),
  status: z.literal('ACTIVE'),
  price: z.number(),
  currency: z.string(),
  memberId: z.number(),
  remittanceType: z.enum(['SEND', 'RECEIVE']),
  remittanceReasonType: z.literal('REDEEM_ONLY_LOYALTY'),
  description: z.string(),
});

/** A remittance transfer in the platform's shape. */
async function toRemittance(q: Query, transfer: LedgerTransfer): Promise<z.infer<typeof remittanceResponseSchema>> {
  const send = transfer.kind === 'remittance_send';
  const walletAccountId = send ? transfer.creditAccountId : transfer.debitAccountId;
  const [owner] = await q.select({ ownerId: ledgerAccounts.ownerId }).from(ledgerAccounts).where(eq(ledgerAccounts.id, walletAccountId));
  return {
    id: transfer.id,
    createdDate: platformDate(transfer.createdAt),
    status: 'ACTIVE',
    price: toMajor(transfer.amount, transfer.currency),
    currency: transfer.currency,
    memberId: owner?.ownerId ?? 0,
    remittanceType: send ? 'SEND' : 'RECEIVE',
    // Every remittance Coffer moves is of this type (SUBMERCHANT_SEND_RECEIVE is refused), so it needs no column.
    remittanceReasonType: 'REDEEM_ONLY_LOYALTY',
    description: transfer.memo ?? englishTransferDescription(transfer),
  };
}

type RemittanceInput = z.output<typeof remittanceSchema>;

/**
 * Sends or takes back money through staff's wallet adjustments, a use case that owns its
 * transaction: the route is an `own` route, so the Idempotency-Key is claimed before it and the
 * reply stored after; a twin that runs while the key is in progress reuses the same attempt key,
 * so the ledger's idempotency key makes it the same transfer.
 */
async function remit(move: typeof sendMoney, { db, q, body, apiKey, attemptKey }: RouteContext<undefined, RemittanceInput>) {
  if (body.remittanceReasonType === 'SUBMERCHANT_SEND_RECEIVE') {
    throw unsupported('remittanceReasonType: SUBMERCHANT_SEND_RECEIVE moves a sub-merchant\'s money; Coffer members are buyers, so remittances are REDEEM_ONLY_LOYALTY.');
  }
  const currency = body.currency === undefined ? await shopCurrency(q) : await requireShopCurrency(q, body.currency);
  const amount = toMinor(body.price, currency, 'price');
  const result: WalletAdjustmentResult = await move(db, {
    customerId: body.memberId,
    amount,
    reason: body.description,
    attemptKey: `api:${apiKey.id}:${attemptKey}`,
    staffId: apiKey.staffId,
  });
  switch (result.status) {
    case 'done':
      return toRemittance(q, result.transfer);
    case 'insufficient_funds':
      throw insufficientFunds(`The wallet has ${toMajor(Math.max(result.available, 0), currency)} ${currency} available, less than ${body.price}.`);
    case 'not_found':
      throw notFound(`Member ${body.memberId}`);
    case 'nothing_to_reset':
      throw insufficientFunds('The wallet is empty.');
    case 'wallet_limit':
      throw new ApiError(422, 'WALLET_LIMIT_EXCEEDED', `A wallet may hold at most ${toMajor(result.limit, currency)} ${currency}.`);
  }
}

export const remittanceRoutes = [
  defineRoute({
    method: 'POST',
    path: '/wallet/v1/remittances/send',
    summary: "Send money from the shop to a member's wallet (the same operation as staff's Send Money).",
    body: remittanceSchema,
    response: remittanceResponseSchema,
    mode: 'own',
    handle: (context) => remit(sendMoney, { ...context, query: undefined }),
  }),
  defineRoute({
    method: 'POST',
    path: '/wallet/v1/remittances/receive',
    summary: "Take money from a member's wallet back to the shop, never beyond what it has available.",
    body: remittanceSchema,
    response: remittanceResponseSchema,
    mode: 'own',
    handle: (context) => remit(withdrawMoney, { ...context, query: undefined }),
  }),
  defineRoute({
    method: 'GET',
    path: '/wallet/v1/remittances/:remittanceId',
    summary: 'Retrieve a remittance.',
    response: remittanceResponseSchema,
    mode: 'read',
    async handle({ q, params }) {
      const id = idParam(params, 'remittanceId');
      const transfer = await getTransfer(q, id);
      if (!transfer || !remittanceKinds.includes(transfer.kind)) throw notFound(`Remittance ${id}`);
      return toRemittance(q, transfer);
    },
  }),
];

const remittanceKinds: readonly string[] = ['remittance_send', 'remittance_receive'];
