import 'server-only';
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { categories, products, type Product } from '@/db/schema';
import { findAuditByAttempt, recordAudit } from '@/lib/admin/audit';
import { containsPattern, pageCount, paging, searchTerm } from '@/lib/admin/search';
import { isRowId } from '@/lib/shop/catalog';
import { searchKey } from '@/lib/text/turkish';
import type { ProductFieldErrors, ProductInput } from './product-input';
import { productSearchKey } from './search-key';
import { uniqueSlug } from './slug';

export type ProductSave =
  | { status: 'saved'; product: Product; replayed: boolean }
  | { status: 'invalid'; fieldErrors: ProductFieldErrors }
  | { status: 'not_found' };

export type ProductStatus = 'active' | 'hidden' | 'archived';

/** Where a product stands for staff: on sale, hidden from the shop (not active), or archived. */
export function productStatus(product: { active: boolean; archivedAt: Date | null }): ProductStatus {
  if (product.archivedAt) return 'archived';
  return product.active ? 'active' : 'hidden';
}

/** Runs `work` in a write transaction, again (at most twice more) when a unique index refused it: another server took the slug meanwhile. */
async function retryingOnUnique<T>(db: Database, work: (tx: Tx) => Promise<T>, onConflict: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.write(work);
    } catch (error) {
      if (constraintViolation(error) !== 'unique') throw error;
      const answer = await onConflict();
      if (answer !== undefined) return answer;
      if (attempt >= 3) throw error;
    }
  }
}

async function categoryExists(q: Query, categoryId: number | null): Promise<boolean> {
  if (categoryId === null) return true;
  const [row] = await q.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId));
  return row !== undefined;
}

const missingCategory: ProductSave = { status: 'invalid', fieldErrors: { categoryId: { code: 'CATEGORY_NOT_FOUND', params: {} } } };

/** The product an earlier submit of the same New Product form created, found by its audit row. */
async function createdBefore(q: Query, attemptKey: string): Promise<Product | undefined> {
  const audit = await findAuditByAttempt(q, 'product.create', attemptKey);
  if (!audit?.details) return undefined;
  const details: unknown = JSON.parse(audit.details);
  const productId = typeof details === 'object' && details !== null ? Reflect.get(details, 'productId') : undefined;
  if (typeof productId !== 'number') return undefined;
  const [product] = await q.select().from(products).where(eq(products.id, productId));
  return product;
}

/**
 * Adds a product to the catalog. Its slug comes from the name (Turkish letters folded; "-2", "-3" …
 * when taken) and never changes after, so links to it keep working. The form's attempt key makes a
 * double submit create one product (the second answers with the first). Audited.
 */
export async function createProduct(
  db: Database,
  input: { product: ProductInput; image: string | null; attemptKey: string; staffId: number },
): Promise<ProductSave> {
  const replay = async (): Promise<ProductSave | undefined> => {
    const earlier = await createdBefore(db.read, input.attemptKey);
    return earlier ? { status: 'saved', product: earlier, replayed: true } : undefined;
  };
  return retryingOnUnique(
    db,
    async (tx): Promise<ProductSave> => {
      const earlier = await createdBefore(tx, input.attemptKey);
      if (earlier) return { status: 'saved', product: earlier, replayed: true };
      const { product: fields } = input;
      if (!(await categoryExists(tx, fields.categoryId))) return missingCategory;
      const slug = await uniqueSlug(tx, 'products', fields.name);
      const [product] = await tx
        .insert(products)
        .values({ ...fields, slug, image: input.image, searchKey: productSearchKey(fields), createdAt: new Date() })
        .returning();
      if (!product) throw new Error('The product was not inserted.');
      await recordAudit(tx, {
        actorId: input.staffId,
        action: 'product.create',
        amount: product.priceMinor,
        currency: product.currency,
        details: { product: product.name, productId: product.id, slug, stock: product.stock, taxRateBp: product.taxRateBp },
        attemptKey: input.attemptKey,
      });
      return { status: 'saved', product, replayed: false };
    },
    replay,
  );
}

/**
 * Saves staff's changes to a product. The image changes only when a new one is given. Stock is
 * written only when staff changed the number they were shown (`stockShown`): an edit of the
 * description must not put back units that orders took meanwhile. Audited with what changed.
 */
export async function updateProduct(
  db: Database,
  input: { productId: number; product: ProductInput; image?: string; stockShown: number | null; staffId: number },
): Promise<ProductSave> {
  if (!isRowId(input.productId)) return { status: 'not_found' };
  return db.write(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.id, input.productId));
    if (!before) return { status: 'not_found' };
    const { product: fields } = input;
    if (!(await categoryExists(tx, fields.categoryId))) return missingCategory;
    const stockChanged = fields.stock !== input.stockShown;
    const next = {
      name: fields.name,
      description: fields.description,
      priceMinor: fields.priceMinor,
      taxRateBp: fields.taxRateBp,
      categoryId: fields.categoryId,
      active: fields.active,
      ...(stockChanged ? { stock: fields.stock } : {}),
      ...(input.image ? { image: input.image } : {}),
    };
    const changed = Object.entries(next).filter(([key, value]) => Reflect.get(before, key) !== value);
    if (changed.length === 0) return { status: 'saved', product: before, replayed: false };
    const [product] = await tx
      .update(products)
      .set({ ...next, searchKey: productSearchKey(fields) })
      .where(eq(products.id, before.id))
      .returning();
    if (!product) return { status: 'not_found' };
    await recordAudit(tx, {
      actorId: input.staffId,
      action: 'product.update',
      details: { product: product.name, productId: product.id, changed: Object.fromEntries(changed) },
    });
    return { status: 'saved', product, replayed: false };
  });
}

export type ArchiveResult = { status: 'done'; product: Product } | { status: 'unchanged'; product: Product } | { status: 'not_found' };

/**
 * Archives a product (or restores it): it leaves the shop and the staff list's default view, and
 * stays on past orders and invoices (they keep its name and price). The state test is part of the
 * UPDATE, so two clicks archive once and audit once.
 */
export async function setProductArchived(db: Database, input: { productId: number; archived: boolean; staffId: number }): Promise<ArchiveResult> {
  if (!isRowId(input.productId)) return { status: 'not_found' };
  return db.write(async (tx) => {
    const [product] = await tx
      .update(products)
      .set({ archivedAt: input.archived ? new Date() : null })
      .where(and(eq(products.id, input.productId), input.archived ? isNull(products.archivedAt) : isNotNull(products.archivedAt)))
      .returning();
    if (!product) {
      const [current] = await tx.select().from(products).where(eq(products.id, input.productId));
      return current ? { status: 'unchanged', product: current } : { status: 'not_found' };
    }
    await recordAudit(tx, {
      actorId: input.staffId,
      action: input.archived ? 'product.archive' : 'product.restore',
      details: { product: product.name, productId: product.id },
    });
    return { status: 'done', product };
  });
}

export type StaffProductView = 'current' | 'archived';

export type StaffProductRow = {
  id: number;
  name: string;
  slug: string;
  image: string | null;
  priceMinor: number;
  currency: string;
  stock: number | null;
  status: ProductStatus;
  categoryName: string | null;
};

/**
 * One page of the staff's product list, newest first: the current catalog (on sale and hidden) or
 * the archived products. The search finds name and description in any casing and spelling of the
 * Turkish letters (products.search_key): "ISIL" finds "Işıl".
 */
export async function listStaffProducts(
  q: Query,
  options: { page?: number; pageSize?: number; q?: string | null; view?: StaffProductView } = {},
): Promise<{ rows: StaffProductRow[]; page: number; pageSize: number; totalRows: number; totalPages: number }> {
  const { page, pageSize } = paging(options);
  const term = searchTerm(options.q);
  const filter = and(
    options.view === 'archived' ? isNotNull(products.archivedAt) : isNull(products.archivedAt),
    term === null ? undefined : sql`${products.searchKey} like ${containsPattern(searchKey(term))} escape '\\'`,
  );
  const [counted] = await q.select({ n: count() }).from(products).where(filter);
  const totalRows = counted?.n ?? 0;
  const records = await q
    .select({
      id: products.id,
      name: products.name,
      slug: products.slug,
      image: products.image,
      priceMinor: products.priceMinor,
      currency: products.currency,
      stock: products.stock,
      active: products.active,
      archivedAt: products.archivedAt,
      categoryName: categories.name,
    })
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(filter)
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const rows = records.map(({ active, archivedAt, ...row }) => ({ ...row, status: productStatus({ active, archivedAt }) }));
  return { rows, page, pageSize, totalRows, totalPages: pageCount(totalRows, pageSize) };
}

/** A product for the staff's edit page, whatever its status, or undefined. */
export async function getStaffProduct(q: Query, productId: number): Promise<Product | undefined> {
  if (!isRowId(productId)) return undefined;
  const [product] = await q.select().from(products).where(eq(products.id, productId));
  return product;
}
