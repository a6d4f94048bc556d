import { z } from 'zod';

/** A JSON amount in major units; exactness and decimals are checked against the currency later. */
export const amountSchema = z.number().finite().nonnegative();

export const currencySchema = z.string().trim().toUpperCase().length(3);

/** Platform paging: page counts from 0, size from 1 to 100 (default 10). */
export const pagingSchema = {
  page: z.coerce.number().int().min(0).max(1_000_000).default(0),
  size: z.coerce.number().int().min(1).max(100).default(10),
};

const listSchemas = new WeakSet<z.ZodType>();

/** A query parameter that may appear once or repeated: always an array. */
export function listParam<T extends z.ZodType>(item: T) {
  const schema = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));
  listSchemas.add(schema);
  return schema;
}

/** The names of a query schema's list parameters (made by listParam). */
export function listParamNames(query: z.ZodType | undefined): string[] {
  if (!(query instanceof z.ZodObject)) return [];
  return Object.entries(query.shape as Record<string, z.ZodType>).flatMap(([name, field]) => (listSchemas.has(field) ? [name] : []));
}

/** A query flag sent as "true"/"false". */
export const flagParam = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A date-time query parameter (ISO 8601, as the clients send Date values). */
export const dateParam = z.coerce.date();

/** Paged results in the platform's shape. */
export function pageOf<T>(items: T[], page: number, size: number, totalSize: number) {
  return { page, size, totalSize, items };
}
