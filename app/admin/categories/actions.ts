'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { createCategory, deleteCategory, renameCategory, type CategorySave } from '@/lib/catalog/categories';
import type { ActionState } from '@/lib/validations/action-state';
import { fieldMessage } from '@/lib/validations/messages';
import { idField } from '@/lib/validations/whole-number';
import { staffAction } from '../../_server/action';

const name = z.string({ error: fieldMessage('invalid') }).max(1_000, fieldMessage('tooLong', { max: 1_000 }));
const createSchema = z.object({ name });
const renameSchema = z.object({ categoryId: idField(), name });
const deleteSchema = z.object({ categoryId: idField() });

/** A refused name beside the field, in the staff member's words (catalog.errors). */
async function refusedName(saved: Extract<CategorySave, { status: 'invalid' }>, values: Record<string, string>): Promise<ActionState> {
  const [errors, form] = await Promise.all([getTranslations('catalog.errors'), getTranslations('catalog.form')]);
  const { code, params } = saved.fieldErrors.name;
  return { status: 'error', message: form('correctFields'), fieldErrors: { name: [errors(code, params)] }, values };
}

/** "Add Category" (staff only). */
export const createCategoryAction = staffAction.input(createSchema).run(async (form, { db, viewer, values }) => {
  const saved = await createCategory(db, { name: form.name, staffId: viewer.id });
  if (saved.status === 'invalid') return refusedName(saved, values);
  const t = await getTranslations('catalog.categories');
  if (saved.status === 'not_found') return { status: 'error', message: t('notFound') };
  revalidatePath('/', 'layout');
  return { status: 'success', message: t('created', { name: saved.category.name }) };
});

/** "Rename" on a category's row (staff only); its address stays. */
export const renameCategoryAction = staffAction.input(renameSchema).run(async (form, { db, viewer, values }) => {
  const saved = await renameCategory(db, { categoryId: form.categoryId, name: form.name, staffId: viewer.id });
  if (saved.status === 'invalid') return refusedName(saved, values);
  const t = await getTranslations('catalog.categories');
  if (saved.status === 'not_found') return { status: 'error', message: t('notFound') };
  revalidatePath('/', 'layout');
  return { status: 'success', message: t('renamed', { name: saved.category.name }) };
});

/**
 * "Delete" on a category's row (staff only): only a category no product belongs to. Its row goes
 * away with it, so the page says it was deleted (?deleted=1).
 */
export const deleteCategoryAction = staffAction.input(deleteSchema).run(async (form, { db, viewer }) => {
  const deleted = await deleteCategory(db, { categoryId: form.categoryId, staffId: viewer.id });
  const t = await getTranslations('catalog.categories');
  if (deleted.status === 'not_found') return { status: 'error', message: t('notFound') };
  if (deleted.status === 'not_empty') return { status: 'error', message: t('notEmpty', { count: deleted.count }) };
  revalidatePath('/', 'layout');
  redirect('/admin/categories?deleted=1');
});
