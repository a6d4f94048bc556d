/** What the shop shows for a product without an image. */
export const PLACEHOLDER_IMAGE = '/products/placeholder.svg';

/** The image to show for a product: its own, or the placeholder. */
export function productImage(product: { image: string | null }): string {
  return product.image ?? PLACEHOLDER_IMAGE;
}
