import { productImageUrl } from '@/lib/catalog/image-widths';

/**
 * next/image's loader for the whole shop (next.config.mjs images.loaderFile): an uploaded product
 * image is served in the stored width nearest above the one asked for; anything else (the seeded
 * SVGs in public/products) as it is.
 */
export default function productImageLoader({ src, width }: { src: string; width: number; quality?: number }): string {
  return productImageUrl(src, width);
}
