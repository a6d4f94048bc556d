import { z } from 'zod';
import type { HistoryFilters, PendingTransfer, TransferKind } from '@/lib/ledger';

/** The kinds of movement a shopper can filter by; the page words them (wallet.history.types.<type>). */
export const historyTypes = {
  top_ups: { kinds: ['deposit_card', 'deposit_wire'] },
  payments: { kinds: ['payment'] },
  refunds: { kinds: ['refund_to_wallet', 'refund_deposit_to_card'] },
  adjustments: { kinds: ['remittance_send', 'remittance_receive', 'balance_reset'] },
} as const satisfies Record<string, { kinds: readonly TransferKind[] }>;

export type HistoryType = keyof typeof historyTypes;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

const searchSchema = z.object({
  type: z.enum(Object.keys(historyTypes) as [HistoryType, ...HistoryType[]]).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});

export type HistorySearch = z.infer<typeof searchSchema>;

/** Reads ?type=&from=&to=&page= leniently: anything malformed is simply ignored. */
export function parseHistorySearch(params: Record<string, string | string[] | undefined>): HistorySearch {
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;
  return searchSchema.parse({
    type: single(params.type),
    from: single(params.from),
    to: single(params.to),
    page: single(params.page),
  });
}

/** The ledger filters for a search; dates are whole UTC days, `to` included. */
export function toHistoryFilters(search: HistorySearch): HistoryFilters {
  const filters: HistoryFilters = {};
  if (search.type) filters.kinds = historyTypes[search.type].kinds;
  if (search.from) filters.from = new Date(`${search.from}T00:00:00Z`);
  if (search.to) filters.to = new Date(Date.parse(`${search.to}T00:00:00Z`) + 24 * 60 * 60 * 1000);
  return filters;
}

/** The pending transfers a search matches (by kind, and by the day they were made). */
export function filterPending(items: PendingTransfer[], filters: HistoryFilters): PendingTransfer[] {
  const kinds = filters.kinds ?? [];
  return items.filter(
    (item) =>
      (kinds.length === 0 || kinds.includes(item.kind)) &&
      (!filters.from || item.createdAt >= filters.from) &&
      (!filters.to || item.createdAt < filters.to),
  );
}

/** The query string for a search (without page unless asked), for links and the CSV export. */
export function historyQuery(search: HistorySearch, page?: number): string {
  const query = new URLSearchParams();
  if (search.type) query.set('type', search.type);
  if (search.from) query.set('from', search.from);
  if (search.to) query.set('to', search.to);
  if (page && page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}
