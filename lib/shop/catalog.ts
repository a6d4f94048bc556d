import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { categories, products, type Category, type Product } from '@/db/schema';
import { compareTurkish, searchKey } from '@/lib/text/turkish';

/** A value that can be a row id on either engine (PostgreSQL's integer stops at 2^31 - 1). */
export function isRowId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;
}

/** On sale: active and not archived. Every storefront read goes through it. */
const onSale = and(eq(products.active, true), isNull(products.archivedAt));

/** Products on sale, in catalog order. */
export async function listProducts(q: Query): Promise<Product[]> {
  return q.select().from(products).where(onSale).orderBy(asc(products.id));
}

/** The storefront's orders: the catalog's own, price up, price down, newest first. */
export const shopSorts = ['featured', 'price_asc', 'price_desc', 'newest'] as const;
export type ShopSort = (typeof shopSorts)[number];

/** A ?sort= value, or the default. */
export function shopSort(value: string | string[] | undefined): ShopSort {
  return shopSorts.find((sort) => sort === value) ?? 'featured';
}

const orderings: Record<ShopSort, SQL[]> = {
  featured: [asc(products.id)],
  price_asc: [asc(products.priceMinor), asc(products.id)],
  price_desc: [desc(products.priceMinor), asc(products.id)],
  newest: [desc(products.createdAt), desc(products.id)],
};

/** A LIKE pattern matching `text` anywhere, LIKE's wildcards in it taken literally (ESCAPE '\'). */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export type ProductPage = { products: Product[]; page: number; totalPages: number; totalRows: number };

/**
 * One page of products on sale: of a category, matching a search, or all; sorted. The search finds
 * name and description in any casing and either spelling of the Turkish letters (products.search_key,
 * written by the app): "ISIL", "ışıl" and "isil" all find "Işıl". Every word typed must occur.
 */
export async function browseProducts(
  q: Query,
  options: { categoryId?: number; search?: string; sort?: ShopSort; page?: number; pageSize?: number } = {},
): Promise<ProductPage> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 24, 1), 100);
  const words = searchKey(options.search ?? '').slice(0, 100).split(' ').filter(Boolean).slice(0, 8);
  const filter = and(
    onSale,
    options.categoryId === undefined ? undefined : eq(products.categoryId, options.categoryId),
    ...words.map((word) => sql`${products.searchKey} like ${containing(word)} escape '\\'`),
  );
  const [counted] = await q.select({ n: count() }).from(products).where(filter);
  const totalRows = counted?.n ?? 0;
  const totalPages = Math.max(1, Math.ceil(totalRows / pageSize));
  const page = Math.min(Math.max(Number.isSafeInteger(options.page) ? (options.page ?? 1) : 1, 1), totalPages);
  const rows = await q
    .select()
    .from(products)
    .where(filter)
    .orderBy(...orderings[options.sort ?? 'featured'])
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { products: rows, page, totalPages, totalRows };
}

/** A product on sale by its slug, or undefined. */
export async function getProductBySlug(q: Query, slug: string): Promise<Product | undefined> {
  const [product] = await q
    .select()
    .from(products)
    .where(and(eq(products.slug, slug), onSale));
  return product;
}

/** A product on sale by its id, or undefined. */
export async function getProductById(q: Query, id: number): Promise<Product | undefined> {
  if (!isRowId(id)) return undefined;
  const [product] = await q
    .select()
    .from(products)
    .where(and(eq(products.id, id), onSale));
  return product;
}

/** The products on sale among `ids`, by id (missing, hidden or archived ones are simply absent). */
export async function getProductsByIds(q: Query, ids: readonly number[]): Promise<Map<number, Product>> {
  const wanted = ids.filter(isRowId);
  if (wanted.length === 0) return new Map();
  const rows = await q
    .select()
    .from(products)
    .where(and(inArray(products.id, wanted), onSale));
  return new Map(rows.map((product) => [product.id, product]));
}

/** Products among `ids` whatever their state (for naming a cart line that left the shop), by id. */
export async function getAnyProductsByIds(q: Query, ids: readonly number[]): Promise<Map<number, Product>> {
  const wanted = ids.filter(isRowId);
  if (wanted.length === 0) return new Map();
  const rows = await q.select().from(products).where(inArray(products.id, wanted));
  return new Map(rows.map((product) => [product.id, product]));
}

/** The categories a shopper can browse: those with at least one product on sale, in Turkish-aware alphabetical order. */
export async function listShopCategories(q: Query): Promise<Category[]> {
  const rows = await q
    .selectDistinct({ id: categories.id, name: categories.name, slug: categories.slug, createdAt: categories.createdAt })
    .from(categories)
    .innerJoin(products, and(eq(products.categoryId, categories.id), onSale));
  return rows.sort((a, b) => compareTurkish(a.name, b.name) || a.id - b.id);
}

/** A category by its slug, or undefined. */
export async function getCategoryBySlug(q: Query, slug: string): Promise<Category | undefined> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return undefined;
  const [category] = await q.select().from(categories).where(eq(categories.slug, slug));
  return category;
}
