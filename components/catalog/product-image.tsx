import Image from 'next/image';
import { uploadedImageId } from '@/lib/catalog/image-widths';

/**
 * A product's picture with next/image: an upload comes in the stored widths (320, 640, 1200 px
 * WebP, chosen by the browser from srcset and `sizes`); the seeded SVGs scale by themselves and
 * are sent as they are.
 */
export function ProductImage({
  src,
  alt,
  width,
  height,
  sizes,
  preload,
  className,
}: {
  src: string;
  alt: string;
  width: number;
  height: number;
  sizes?: string;
  preload?: boolean;
  className?: string;
}) {
  const uploaded = uploadedImageId(src) !== undefined;
  return (
    <Image
      src={src}
      alt={alt}
      width={width}
      height={height}
      sizes={uploaded ? sizes : undefined}
      unoptimized={!uploaded}
      preload={preload}
      className={className}
    />
  );
}
