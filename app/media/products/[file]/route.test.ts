// /media/products/<file>: the images the shop stored, with a year of caching; any other name,
// "../" above all, is not found and never reaches the file system outside the media folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { uploadedImageId } from '@/lib/catalog/image-widths';
import { storeProductImage } from '@/lib/catalog/images';
import { GET } from './route';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-media-route-'));
const media = path.join(root, 'media');
fs.mkdirSync(media);
fs.writeFileSync(path.join(root, 'coffer.db'), 'the shop database');
vi.stubEnv('MEDIA_DIR', media);

const get = (file: string) => GET(new Request(`http://shop.test/media/products/${encodeURIComponent(file)}`), { params: Promise.resolve({ file }) });

describe('the media route', () => {
  it('serves a stored width as WebP, cached for a year', async () => {
    const png = await sharp({ create: { width: 700, height: 400, channels: 3, background: '#336699' } }).png().toBuffer();
    const stored = await storeProductImage(png, media);
    if (!stored.ok) throw new Error('expected the PNG to be stored');
    const id = uploadedImageId(stored.path);
    const response = await get(`${id}-640.webp`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await response.arrayBuffer());
    expect((await sharp(body).metadata()).width).toBe(640);
    expect((await get(`${id}.webp`)).status).toBe(200);
  });

  it.each(['../coffer.db', '../../coffer.db', '..%2Fcoffer.db', '..\\coffer.db', '/etc/passwd', `${'f'.repeat(32)}-640.webp`, 'x.webp', ''])(
    'answers %j with 404',
    async (file) => {
      const response = await get(file);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found');
    },
  );
});
