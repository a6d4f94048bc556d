import 'server-only';
import { and, count, eq, notExists, sql } from 'drizzle-orm';
import type { Database, Query, Tx } from '@/db/database';
import { constraintViolation } from '@/db/errors';
import { categories, products, type Category } from '@/db/schema';
import { recordAudit } from '@/lib/admin/audit';
import { compareTurkish, searchKey } from '@/lib/text/turkish';
import { isRowId } from '@/lib/shop/catalog';
import { uniqueSlug } from './slug';

export const MAX_CATEGORY_NAME_LENGTH = 60;

/** Why a category name was refused: a code of catalog.errors. */
export type CategoryNameCode = 'CATEGORY_NAME_REQUIRED' | 'CATEGORY_NAME_TOO_LONG' | 'CATEGORY_NAME_TAKEN';

export type CategoryRow = Category & {
  /** Products of the category that are not archived (on sale or hidden). */
  productCount: number;
  /** Archived products still pointing at it: they too keep it from being deleted. */
  archivedCount: number;
};

export type CategorySave =
  | { status: 'saved'; category: Category }
  | { status: 'invalid'; fieldErrors: { name: { code: CategoryNameCode; params: Record<string, number> } } }
  | { status: 'not_found' };

export type CategoryDelete = { status: 'deleted'; category: Category } | { status: 'not_empty'; count: number } | { status: 'not_found' };

/** Every category with its product counts, in Turkish-aware alphabetical order (a short list: sorted here). */
export async function listCategories(q: Query): Promise<CategoryRow[]> {
  const rows = await q
    .select({
      id: categories.id,
      name: categories.name,
      slug: categories.slug,
      createdAt: categories.createdAt,
      productCount: sql<number>`coalesce(sum(case when ${products.id} is not null and ${products.archivedAt} is null then 1 else 0 end), 0)`.mapWith(Number),
      archivedCount: sql<number>`coalesce(sum(case when ${products.archivedAt} is not null then 1 else 0 end), 0)`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(products, eq(products.categoryId, categories.id))
    .groupBy(categories.id, categories.name, categories.slug, categories.createdAt);
  return rows.sort((a, b) => compareTurkish(a.name, b.name) || a.id - b.id);
}

/** A category by id, or undefined. */
export async function getCategory(q: Query, categoryId: number): Promise<Category | undefined> {
  if (!isRowId(categoryId)) return undefined;
  const [category] = await q.select().from(categories).where(eq(categories.id, categoryId));
  return category;
}

/** The name as it will be stored, or why not: 1 to 60 characters, not the name of another category in any casing or spelling of Turkish letters. */
async function checkName(q: Query, name: string, exceptId?: number): Promise<{ ok: true; name: string } | Extract<CategorySave, { status: 'invalid' }>> {
  const cleaned = name.trim().replace(/\s+/g, ' ');
  const invalid = (code: CategoryNameCode, params: Record<string, number> = {}) => ({ status: 'invalid' as const, fieldErrors: { name: { code, params } } });
  if (cleaned === '') return invalid('CATEGORY_NAME_REQUIRED');
  if (cleaned.length > MAX_CATEGORY_NAME_LENGTH) return invalid('CATEGORY_NAME_TOO_LONG', { max: MAX_CATEGORY_NAME_LENGTH });
  const key = searchKey(cleaned);
  const others = await q.select({ id: categories.id, name: categories.name }).from(categories);
  if (others.some((other) => other.id !== exceptId && searchKey(other.name) === key)) return invalid('CATEGORY_NAME_TAKEN');
  return { ok: true, name: cleaned };
}

/** Runs `work` in a write transaction, once more when another server took the same slug meanwhile. */
async function retryingOnSlug<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.write(work);
    } catch (error) {
      if (attempt >= 3 || constraintViolation(error) !== 'unique') throw error;
    }
  }
}

/** Creates a category; its slug comes from the name (Turkish letters folded, "-2" … when taken). Audited. */
export async function createCategory(db: Database, input: { name: string; staffId: number }): Promise<CategorySave> {
  return retryingOnSlug(db, async (tx) => {
    const checked = await checkName(tx, input.name);
    if (!('ok' in checked)) return checked;
    const slug = await uniqueSlug(tx, 'categories', checked.name);
    const [category] = await tx.insert(categories).values({ name: checked.name, slug, createdAt: new Date() }).returning();
    if (!category) throw new Error('The category was not inserted.');
    await recordAudit(tx, { actorId: input.staffId, action: 'category.create', details: { category: category.name, categoryId: category.id, slug } });
    return { status: 'saved', category };
  });
}

/** Renames a category. Its slug stays, so links to its page keep working. Audited. */
export async function renameCategory(db: Database, input: { categoryId: number; name: string; staffId: number }): Promise<CategorySave> {
  if (!isRowId(input.categoryId)) return { status: 'not_found' };
  return db.write(async (tx) => {
    const before = await getCategory(tx, input.categoryId);
    if (!before) return { status: 'not_found' };
    const checked = await checkName(tx, input.name, before.id);
    if (!('ok' in checked)) return checked;
    if (checked.name === before.name) return { status: 'saved', category: before };
    const [category] = await tx.update(categories).set({ name: checked.name }).where(eq(categories.id, before.id)).returning();
    if (!category) return { status: 'not_found' };
    await recordAudit(tx, { actorId: input.staffId, action: 'category.rename', details: { category: category.name, categoryId: category.id, from: before.name } });
    return { status: 'saved', category };
  });
}

/**
 * Deletes a category that no product (on sale, hidden or archived) belongs to. The emptiness is
 * part of the DELETE itself, so a product moved into it meanwhile keeps it. Audited.
 */
export async function deleteCategory(db: Database, input: { categoryId: number; staffId: number }): Promise<CategoryDelete> {
  if (!isRowId(input.categoryId)) return { status: 'not_found' };
  return db.write(async (tx) => {
    const [deleted] = await tx
      .delete(categories)
      .where(and(eq(categories.id, input.categoryId), notExists(tx.select({ id: products.id }).from(products).where(eq(products.categoryId, input.categoryId)))))
      .returning();
    if (!deleted) {
      if (!(await getCategory(tx, input.categoryId))) return { status: 'not_found' };
      const [counted] = await tx.select({ n: count() }).from(products).where(eq(products.categoryId, input.categoryId));
      return { status: 'not_empty', count: counted?.n ?? 0 };
    }
    await recordAudit(tx, { actorId: input.staffId, action: 'category.delete', details: { category: deleted.name, categoryId: deleted.id } });
    return { status: 'deleted', category: deleted };
  });
}
