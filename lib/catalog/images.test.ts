import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { mediaFileFor, productImageUrl, storedWidthFor, uploadedImageId } from './image-widths';
import { MAX_IMAGE_BYTES, readProductImage, sniffImageType, storeProductImage } from './images';
import { mediaDir } from './media-dir';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'coffer-media-'));

async function picture(format: 'png' | 'jpeg' | 'webp', width = 1600, height = 1000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .toFormat(format)
    .toBuffer();
}

describe('storing an uploaded product image', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('stores a %s as WebP in 320, 640 and 1200 px', async (format) => {
    const dir = folder();
    const stored = await storeProductImage(await picture(format), dir);
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    const id = uploadedImageId(stored.path);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const width of [320, 640, 1200]) {
      const file = path.join(dir, `${id}-${width}.webp`);
      const metadata = await sharp(fs.readFileSync(file)).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width, height: Math.round((width * 1000) / 1600) });
    }
  });

  it('never enlarges a small picture', async () => {
    const dir = folder();
    const stored = await storeProductImage(await picture('png', 200, 100), dir);
    if (!stored.ok) throw new Error('a small PNG is a fine image');
    const bytes = await readProductImage(dir, `${uploadedImageId(stored.path)}-1200.webp`);
    expect((await sharp(bytes).metadata()).width).toBe(200);
  });

  it('refuses a text file named .png, by its content', async () => {
    const dir = folder();
    const text = Buffer.from('Hello, I am not a picture at all.\n');
    expect(await storeProductImage(text, dir)).toEqual({ ok: false, refusal: { code: 'IMAGE_TYPE', params: {} } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a GIF and an SVG (only JPEG, PNG and WebP are taken)', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    for (const bytes of [gif, svg]) expect(await storeProductImage(bytes, folder())).toMatchObject({ ok: false, refusal: { code: 'IMAGE_TYPE' } });
  });

  it('refuses a file with a PNG signature whose rest does not decode', async () => {
    const real = await picture('png', 64, 64);
    const truncated = Buffer.concat([real.subarray(0, 40), Buffer.alloc(200, 7)]);
    const dir = folder();
    expect(await storeProductImage(truncated, dir)).toEqual({ ok: false, refusal: { code: 'IMAGE_UNREADABLE', params: {} } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a file over 5 MB before decoding it', async () => {
    const big = Buffer.concat([await picture('png', 8, 8), Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(await storeProductImage(big, folder())).toEqual({ ok: false, refusal: { code: 'IMAGE_TOO_LARGE', params: { max: 5 } } });
  });

  it('sniffs types by their first bytes only', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffImageType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVE', 'latin1'))).toBeUndefined();
    expect(sniffImageType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('serving a stored image', () => {
  it('reads the files the shop made, and the largest under the plain name', async () => {
    const dir = folder();
    const stored = await storeProductImage(await picture('png'), dir);
    if (!stored.ok) throw new Error('expected the PNG to be stored');
    const id = uploadedImageId(stored.path) ?? '';
    expect(await readProductImage(dir, `${id}-640.webp`)).toEqual(fs.readFileSync(path.join(dir, `${id}-640.webp`)));
    expect(await readProductImage(dir, `${id}.webp`)).toEqual(fs.readFileSync(path.join(dir, `${id}-1200.webp`)));
    expect(await readProductImage(dir, `${'0'.repeat(32)}-640.webp`)).toBeUndefined();
  });

  it.each([
    '../coffer.db',
    '..%2Fcoffer.db',
    '../../etc/passwd',
    '..\\secret.webp',
    '/etc/passwd',
    `${'a'.repeat(32)}-640.webp/../../x`,
    `${'a'.repeat(32)}-500.webp`,
    `${'A'.repeat(32)}-640.webp`,
    `${'a'.repeat(32)}-640.png`,
    `${'a'.repeat(32)}-640.webp\u0000`,
    '',
  ])('refuses %j without touching the file system', async (name) => {
    const root = folder();
    const dir = path.join(root, 'media');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(root, 'coffer.db'), 'secret');
    expect(mediaFileFor(name)).toBeUndefined();
    expect(await readProductImage(dir, name)).toBeUndefined();
  });
});

describe('image widths', () => {
  it.each([
    [1, 320],
    [320, 320],
    [321, 640],
    [640, 640],
    [828, 1200],
    [3840, 1200],
  ])('a wanted width of %i gets the stored %i', (wanted, stored) => {
    expect(storedWidthFor(wanted)).toBe(stored);
  });

  it('leaves the seeded SVGs as they are', () => {
    expect(productImageUrl('/products/ceramic-mug.svg', 640)).toBe('/products/ceramic-mug.svg');
    expect(productImageUrl(`/media/products/${'b'.repeat(32)}.webp`, 500)).toBe(`/media/products/${'b'.repeat(32)}-640.webp`);
  });
});

describe('the media folder', () => {
  it('is MEDIA_DIR when set, else beside the SQLite file, else data/media', () => {
    expect(mediaDir({ NODE_ENV: 'test', MEDIA_DIR: '/srv/media', DATABASE_URL: '/tmp/x/shop.db' })).toBe('/srv/media');
    expect(mediaDir({ NODE_ENV: 'test', MEDIA_DIR: 'uploads' })).toBe(path.resolve('uploads'));
    expect(mediaDir({ NODE_ENV: 'test', DATABASE_URL: '/tmp/x/shop.db' })).toBe('/tmp/x/media');
    expect(mediaDir({ NODE_ENV: 'test', DATABASE_URL: 'file:data/coffer.db' })).toBe(path.resolve('data/media'));
    expect(mediaDir({ NODE_ENV: 'test' })).toBe(path.resolve('data/media'));
    expect(mediaDir({ NODE_ENV: 'test', DATABASE_URL: 'postgres://user@localhost/coffer' })).toBe(path.resolve('data/media'));
  });
});
