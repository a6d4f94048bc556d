import { like, or, eq } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { categories, products } from '@/db/schema';
import { slugify } from '@/lib/text/turkish';

/** The longest slug the shop makes (room left for a "-123" suffix). */
const MAX_BASE_LENGTH = 80;

/** The slug a name gives before uniqueness: Turkish letters folded, at most 80 characters, `fallback` when nothing is left. */
export function baseSlug(name: string, fallback: string): string {
  const slug = slugify(name).slice(0, MAX_BASE_LENGTH).replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** The first of `base`, `base-2`, `base-3` … that `taken` does not hold. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A slug for a new row of `table` (products or categories) from its name, unique among the rows
 * now: "Işıklı Çay Bardağı" → "isikli-cay-bardagi", then "-2", "-3" … Read inside the write
 * transaction that inserts; a row inserted meanwhile by another server makes the insert fail on the
 * unique index (the caller tries again), it never gives two rows one slug.
 */
export async function uniqueSlug(q: Query, table: 'products' | 'categories', name: string): Promise<string> {
  const base = baseSlug(name, table === 'products' ? 'product' : 'category');
  const column = table === 'products' ? products.slug : categories.slug;
  const source = table === 'products' ? products : categories;
  // LIKE's '_' and '%' cannot occur in a slug (a-z, 0-9, '-'), so the pattern needs no escaping.
  const rows = await q
    .select({ slug: column })
    .from(source)
    .where(or(eq(column, base), like(column, `${base}-%`)));
  return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
}
