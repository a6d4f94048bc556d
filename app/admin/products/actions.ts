'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { checkImageFile, MAX_IMAGE_BYTES, storeProductImage } from '@/lib/catalog/images';
import { mediaDir } from '@/lib/catalog/media-dir';
import { parseStock, readProductForm, type FieldRefusal, type ProductFieldErrors } from '@/lib/catalog/product-input';
import { createProduct, setProductArchived, updateProduct } from '@/lib/catalog/products';
import { getSettings } from '@/lib/settings';
import type { ActionState, FieldErrors } from '@/lib/validations/action-state';
import { attemptKeySchema } from '@/lib/validations/admin';
import { codeMessage, fieldMessage } from '@/lib/validations/messages';
import { idField } from '@/lib/validations/whole-number';
import { staffAction } from '../../_server/action';

// Every field is read as text here and checked by lib/catalog (one refusal per field, all at once).
const text = z.string({ error: fieldMessage('invalid') }).max(5_000, fieldMessage('tooLong', { max: 5_000 }));
const productFields = {
  name: text,
  description: text,
  price: text,
  stock: text,
  taxRate: text,
  categoryId: text,
  active: z.literal('on').optional(),
};
const createSchema = z.object({ ...productFields, attemptKey: attemptKeySchema });
const updateSchema = z.object({ ...productFields, productId: idField(), stockShown: text });
const archiveSchema = z.object({ productId: idField() });

/** Refusals in the staff member's words: amounts from the errors catalogue (worded by the action layer), the rest from catalog.errors. */
async function wordedErrors(refusals: ProductFieldErrors): Promise<FieldErrors> {
  const t = await getTranslations('catalog.errors');
  const words = (refusal: FieldRefusal) => {
    if (refusal.code.startsWith('AMOUNT_')) return codeMessage(refusal.code, refusal.params);
    const values = Object.fromEntries(Object.entries(refusal.params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
    return t(refusal.code, values);
  };
  return Object.fromEntries(Object.entries(refusals).map(([field, refusal]) => [field, refusal ? [words(refusal)] : undefined]));
}

async function refused(refusals: ProductFieldErrors, values: Record<string, string>): Promise<ActionState> {
  const t = await getTranslations('catalog.form');
  return { status: 'error', message: t('correctFields'), fieldErrors: await wordedErrors(refusals), values };
}

/** An uploaded image's bytes after the quick checks (size, type by content), or why not; nothing when no file was chosen. */
async function uploadedImage(file: File | undefined): Promise<{ bytes?: Uint8Array; refusal?: FieldRefusal }> {
  if (!file) return {};
  if (file.size > MAX_IMAGE_BYTES) return { refusal: { code: 'IMAGE_TOO_LARGE', params: { max: MAX_IMAGE_BYTES / (1024 * 1024) } } };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const refusal = checkImageFile(bytes);
  return refusal ? { refusal } : { bytes };
}

/** Reads the form and the image; refusals for every field at once, nothing stored. */
async function readSubmission(form: z.infer<typeof createSchema> | z.infer<typeof updateSchema>, file: File | undefined, currency: string) {
  const read = readProductForm(form, { currency, locale: await getLocale() });
  const image = await uploadedImage(file);
  const refusals: ProductFieldErrors = { ...(read.ok ? {} : read.fieldErrors), ...(image.refusal ? { image: image.refusal } : {}) };
  return { read, image, refusals };
}

/** "Save" on New Product (staff only): the product is added and staff land on its page. */
export const createProductAction = staffAction.input(createSchema).run(async (form, { db, viewer, values, files }) => {
  const { currency } = await getSettings(db.read);
  const { read, image, refusals } = await readSubmission(form, files.image, currency);
  if (!read.ok || Object.keys(refusals).length > 0) return refused(refusals, values);
  let imagePath: string | null = null;
  if (image.bytes) {
    const stored = await storeProductImage(image.bytes, mediaDir());
    if (!stored.ok) return refused({ image: stored.refusal }, values);
    imagePath = stored.path;
  }
  const saved = await createProduct(db, { product: read.input, image: imagePath, attemptKey: form.attemptKey, staffId: viewer.id });
  if (saved.status === 'invalid') return refused(saved.fieldErrors, values);
  if (saved.status === 'not_found') return refused({}, values);
  revalidatePath('/', 'layout');
  redirect(`/admin/products/${saved.product.id}?created=1`);
});

/** "Save" on a product's page (staff only). */
export const updateProductAction = staffAction.input(updateSchema).run(async (form, { db, viewer, values, files }) => {
  const [{ currency }, t, errors] = await Promise.all([getSettings(db.read), getTranslations('catalog.form'), getTranslations('catalog.errors')]);
  const { read, image, refusals } = await readSubmission(form, files.image, currency);
  if (!read.ok || Object.keys(refusals).length > 0) return refused(refusals, values);
  const stockShown = parseStock(form.stockShown);
  if (!stockShown.ok) return { status: 'error', message: t('correctFields'), fieldErrors: { stock: [fieldMessage('reload')] }, values };
  let imagePath: string | undefined;
  if (image.bytes) {
    const stored = await storeProductImage(image.bytes, mediaDir());
    if (!stored.ok) return refused({ image: stored.refusal }, values);
    imagePath = stored.path;
  }
  const saved = await updateProduct(db, { productId: form.productId, product: read.input, image: imagePath, stockShown: stockShown.value, staffId: viewer.id });
  if (saved.status === 'not_found') return { status: 'error', message: errors('productNotFound'), values };
  if (saved.status === 'invalid') return refused(saved.fieldErrors, values);
  revalidatePath('/', 'layout');
  return { status: 'success', message: t('saved') };
});

async function archiveOrRestore(productId: number, archived: boolean, db: Parameters<typeof setProductArchived>[0], staffId: number): Promise<ActionState> {
  const [t, errors] = await Promise.all([getTranslations('catalog.archive'), getTranslations('catalog.errors')]);
  const result = await setProductArchived(db, { productId, archived, staffId });
  if (result.status === 'not_found') return { status: 'error', message: errors('productNotFound') };
  revalidatePath('/', 'layout');
  const name = result.product.name;
  if (result.status === 'unchanged') return { status: 'success', message: archived ? t('alreadyArchived', { name }) : t('alreadyRestored', { name }) };
  return { status: 'success', message: archived ? t('archived', { name }) : t('restored', { name }) };
}

/** "Archive" on a product's page (staff only): it leaves the shop, stays on past orders and invoices. */
export const archiveProductAction = staffAction.input(archiveSchema).run(async ({ productId }, { db, viewer }) => archiveOrRestore(productId, true, db, viewer.id));

/** "Restore" on an archived product's page (staff only). */
export const restoreProductAction = staffAction.input(archiveSchema).run(async ({ productId }, { db, viewer }) => archiveOrRestore(productId, false, db, viewer.id));
