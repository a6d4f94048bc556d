import { or, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** A search box's value: trimmed, at most 100 characters, or null when empty. */
export function searchTerm(value: string | undefined | null): string | null {
  const term = (value ?? '').trim().slice(0, 100);
  return term === '' ? null : term;
}

/** Page and page size from the request, clamped to sensible bounds. */
export function paging(options: { page?: number; pageSize?: number }, defaultSize = 20): { page: number; pageSize: number } {
  const page = Number.isSafeInteger(options.page) && (options.page ?? 0) > 0 ? (options.page ?? 1) : 1;
  const size = options.pageSize ?? defaultSize;
  const pageSize = Number.isSafeInteger(size) ? Math.min(Math.max(size, 1), 100) : defaultSize;
  return { page, pageSize };
}

/** The pages a list of `totalRows` has (at least 1). */
export function pageCount(totalRows: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalRows / pageSize));
}

/**
 * A search box's condition: true where any of `columns` contains `term`, case-insensitively
 * (ASCII), LIKE's wildcards in the term taken literally; undefined (no condition) when the term is
 * null. Written the same way for both engines: lower() on both sides, an explicit ESCAPE.
 */
export function containsAny(columns: readonly AnyColumn[], term: string | null): SQL | undefined {
  if (term === null) return undefined;
  const pattern = containsPattern(term.toLowerCase());
  return or(...columns.map((column) => sql`lower(${column}) like ${pattern} escape '\\'`));
}
