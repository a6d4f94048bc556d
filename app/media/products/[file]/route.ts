import { mediaDir } from '@/lib/catalog/media-dir';
import { readProductImage } from '@/lib/catalog/images';

/**
 * An uploaded product image: /media/products/<id>-<width>.webp (or <id>.webp, the largest). Names
 * are random and never reused, so a browser may keep the file for a year. Anything that is not
 * such a name (slashes, "..", other extensions) is simply not found.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const bytes = await readProductImage(mediaDir(), file);
  if (!bytes) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
