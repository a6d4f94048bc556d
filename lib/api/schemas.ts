import { z } from 'zod';

/** The largest id a row can have (a PostgreSQL integer): a larger number names nothing and must not reach the database. */
export const MAX_ROW_ID = 2_147_483_647;

/** True for a number that can be a row's id. */
export function isRowId(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_ROW_ID;
}

/** A query filter on a row id (a payment, a member, a refund): beyond any id → 400 naming it. */
export const rowIdParam = z.coerce.number().int().positive().max(MAX_ROW_ID, 'is not an id');

/** A JSON amount in major units; exactness and decimals are checked against the currency later. */
export const amountSchema = z.number().finite().nonnegative();

export const currencySchema = z.string().trim().toUpperCase().length(3);

/** An item of a payment's basket (the platform's PaymentItem); sub-merchant fields are refused by the handlers. */
export const paymentItemSchema = z.object({
  name: z.string().max(200).optional(),
  price: amountSchema,
  externalId: z.string().max(100).optional(),
  subMerchantMemberId: z.number().int().positive().optional(),
  subMerchantMemberPrice: amountSchema.optional(),
  blockageDay: z.number().int().optional(),
});

/** A payment's basket: 1 to 200 items. */
export const paymentItemsSchema = z.array(paymentItemSchema).min(1).max(200, 'at most 200 items');

/** Platform paging: page counts from 0, size from 1 to 100 (default 10). */
export const pagingSchema = {
  page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  size: z.coerce.number().int().min(1).max(100).default(10),
};

const listSchemas = new WeakSet<z.ZodType>();

/**
 * A list query parameter in every form the official clients send: repeated keys (Node), one
 * comma-joined value (Java, Python, the PHP samples), PHP's k[0]=v (brackets are dropped by
 * queryObject); an empty list is left out (Node, PHP) or an empty value (Java, Python). Always an array.
 */
export function listParam<T extends z.ZodType>(item: T) {
  const schema = z.preprocess((value) => {
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return values.flatMap((each) => (typeof each === 'string' ? each.split(',').filter((part) => part !== '') : [each]));
  }, z.array(item));
  listSchemas.add(schema);
  return schema;
}

/** The names of a query schema's list parameters (made by listParam). */
export function listParamNames(query: z.ZodType | undefined): string[] {
  if (!(query instanceof z.ZodObject)) return [];
  return Object.entries(query.shape as Record<string, z.ZodType>).flatMap(([name, field]) => (listSchemas.has(field) ? [name] : []));
}

/** A query flag: "true"/"false", or "1"/"0" as PHP's http_build_query writes booleans. */
export const flagParam = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * A date-time query parameter: ISO 8601 as the Node client sends a Date (…Z), or the platform's own
 * form without a zone as the Java and Python clients send theirs (2026-01-02T03:04:05, UTC like the
 * platform's dates), or a date alone (midnight UTC).
 */
export const dateParam = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/.test(value.trim()) ? `${value.trim()}${value.includes('T') ? 'Z' : ''}` : value),
  z.coerce.date(),
);

/** Paged results in the platform's shape. */
export function pageOf<T>(items: T[], page: number, size: number, totalSize: number) {
  return { page, size, totalSize, items };
}
