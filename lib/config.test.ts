import { afterEach, describe, expect, it, vi } from 'vitest';
import { shopUrl, warnIfAppUrlMissing } from './config';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('APP_URL', () => {
  it('builds absolute shop addresses from APP_URL, keeping a path prefix', () => {
    // appConfig() reads the environment once per process; this file's first read sees this.
    process.env.APP_URL = 'https://shop.example/coffer/';
    expect(shopUrl('/payments/P1?x=1').href).toBe('https://shop.example/coffer/payments/P1?x=1');
  });

  it('warns once when a production server runs without APP_URL, never in build, tests or with it set', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(warnIfAppUrlMissing({ NODE_ENV: 'test' })).toBe(false);
    expect(warnIfAppUrlMissing({ NODE_ENV: 'production', APP_URL: 'https://shop.example' })).toBe(false);
    expect(warnIfAppUrlMissing({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).toBe(false);
    expect(warn).not.toHaveBeenCalled();

    expect(warnIfAppUrlMissing({ NODE_ENV: 'production', APP_URL: ' ' })).toBe(true);
    expect(warnIfAppUrlMissing({ NODE_ENV: 'production' })).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/APP_URL/);
  });
});
