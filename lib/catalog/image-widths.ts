/**
 * Uploaded product images: the widths stored (WebP, one file each) and the address the shop keeps
 * in products.image. Plain data, no Node: the storefront's next/image loader imports it too.
 */
export const productImageWidths = [320, 640, 1200] as const;

export type ProductImageWidth = (typeof productImageWidths)[number];

const largest: ProductImageWidth = 1200;

/** products.image of an upload: "/media/products/<32 hex>.webp" (the largest width). */
const uploadedPath = /^\/media\/products\/([0-9a-f]{32})\.webp$/;

/** The id of an uploaded image from its products.image path, or undefined for anything else (e.g. /products/mug.svg). */
export function uploadedImageId(path: string): string | undefined {
  return uploadedPath.exec(path)?.[1];
}

/** products.image for an upload's id. */
export function uploadedImagePath(id: string): string {
  return `/media/products/${id}.webp`;
}

/** The stored width for a wanted one: the smallest at least as wide, else the largest. */
export function storedWidthFor(wanted: number): ProductImageWidth {
  return productImageWidths.find((width) => width >= wanted) ?? largest;
}

/** The file name of one width of an upload: "<id>-640.webp". */
export function widthFileName(id: string, width: ProductImageWidth): string {
  return `${id}-${width}.webp`;
}

/** The address of the file that fits `wanted` pixels: "/media/products/<id>-640.webp"; other images as they are. */
export function productImageUrl(path: string, wanted: number): string {
  const id = uploadedImageId(path);
  return id ? `/media/products/${widthFileName(id, storedWidthFor(wanted))}` : path;
}

/**
 * The stored file a /media/products/<name> request names, or undefined: "<id>-<width>.webp" or
 * "<id>.webp" (the largest). Only 32 hex digits and a known width pass, so "..", slashes,
 * backslashes and encoded tricks never reach the file system.
 */
export function mediaFileFor(name: string): string | undefined {
  const match = /^([0-9a-f]{32})(?:-(\d{3,4}))?\.webp$/.exec(name);
  if (!match?.[1]) return undefined;
  if (match[2] === undefined) return widthFileName(match[1], largest);
  const width = productImageWidths.find((known) => String(known) === match[2]);
  return width ? widthFileName(match[1], width) : undefined;
}
