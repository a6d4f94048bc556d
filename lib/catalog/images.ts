import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { FieldRefusal } from './product-input';
import { mediaFileFor, productImageWidths, uploadedImagePath, widthFileName } from './image-widths';

/** The largest upload staff may send. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** A decoded image larger than this (e.g. a tiny file claiming 50,000 × 50,000) is refused before it fills memory. */
const MAX_IMAGE_PIXELS = 40_000_000;

export type ImageType = 'jpeg' | 'png' | 'webp';

/** The file's type from its first bytes (never its name or the browser's word): JPEG, PNG, WebP, or undefined. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/** The first check of an upload, before it is decoded: size and type by content. */
export function checkImageFile(bytes: Uint8Array): FieldRefusal | undefined {
  if (bytes.length > MAX_IMAGE_BYTES) return { code: 'IMAGE_TOO_LARGE', params: { max: MAX_IMAGE_BYTES / (1024 * 1024) } };
  if (!sniffImageType(bytes)) return { code: 'IMAGE_TYPE', params: {} };
  return undefined;
}

export type StoredImage = { ok: true; path: string } | { ok: false; refusal: FieldRefusal };

/**
 * Checks an uploaded product image and stores it in `dir` as WebP in each of productImageWidths
 * (never wider than the original), turned upright by its EXIF orientation, metadata dropped.
 * Returns the products.image path ("/media/products/<id>.webp"). Runs outside any transaction:
 * files are written first, the row that names them after (an unused file costs only disk).
 */
export async function storeProductImage(bytes: Uint8Array, dir: string): Promise<StoredImage> {
  const refusal = checkImageFile(bytes);
  if (refusal) return { ok: false, refusal };
  const encoded = await encodeWidths(bytes, sniffImageType(bytes));
  if (!encoded) return { ok: false, refusal: { code: 'IMAGE_UNREADABLE', params: {} } };
  const id = crypto.randomBytes(16).toString('hex');
  await fs.mkdir(dir, { recursive: true });
  for (const [index, width] of productImageWidths.entries()) {
    const data = encoded[index];
    if (data) await fs.writeFile(path.join(dir, widthFileName(id, width)), data, { flag: 'wx' });
  }
  return { ok: true, path: uploadedImagePath(id) };
}

/** The image as WebP in each width, or undefined when it does not decode as the type its first bytes claim. */
async function encodeWidths(bytes: Uint8Array, type: ImageType | undefined): Promise<Buffer[] | undefined> {
  try {
    const source = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' });
    const metadata = await source.metadata();
    // The decoder must agree with the first bytes (a PNG signature on something else is not a PNG).
    if (metadata.format !== type || !metadata.width || !metadata.height) return undefined;
    return await Promise.all(
      productImageWidths.map((width) => source.clone().rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer()),
    );
  } catch {
    // Whatever the decoder refuses (truncated, corrupt, too many pixels) is not an image the shop can show.
    return undefined;
  }
}

/**
 * The bytes of a stored image for a /media/products/<name> request, or undefined when the name is
 * not one the shop makes (see mediaFileFor: no path can leave `dir`) or the file is not there.
 */
export async function readProductImage(dir: string, name: string): Promise<Buffer | undefined> {
  const file = mediaFileFor(name);
  if (!file) return undefined;
  const root = path.resolve(dir);
  const full = path.resolve(root, file);
  if (path.dirname(full) !== root) return undefined;
  try {
    return await fs.readFile(full);
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EISDIR')) return undefined;
    throw error;
  }
}
