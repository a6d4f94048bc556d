import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/lib/validations/return-path';

// A fixed seed keeps runs repeatable; FC_SEED=<n> explores other cases.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_123) });

// Everything here must fall back: each one leaves the site (or smuggles a scheme) in some browser.
const offSite = [
  '//evil.com',
  '///evil.com',
  '////evil.com/path',
  '/\\evil.com',
  '\\\\evil.com',
  '\\/evil.com',
  '/\\/evil.com',
  'https://evil.com',
  'http://evil.com/my/wallet',
  'HTTPS://EVIL.COM',
  '//evil.com/%2F..',
  'evil.com',
  'my/wallet',
  '%2F%2Fevil.com',
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '/\t/evil.com',
  '/\n/evil.com',
  '/\r\n/evil.com',
  '\t//evil.com',
  ' //evil.com',
  '/\u0000/evil.com',
  '/\u001f/evil.com',
  '/my/wallet\\..\\..\\evil',
  '',
  '/'.repeat(600),
  `/${'a'.repeat(600)}`,
  // Dot segments resolve to '//host'; encoded dots and slashes do the same once decoded.
  '/.//evil.example',
  '/././/evil.example',
  '/a/..//evil.example',
  '/..//evil.example',
  '/%2e//evil.example',
  '/%2E%2E//evil.example',
  '/.%2F/evil.example',
  '/%2F%2Fevil.com',
  '/%2f/evil.com',
  '/%5Cevil.com',
  '/%5C%5Cevil.com',
  '/%09/evil.com',
  '/%00/evil.com',
  '/%E0%A4%A',
  '/%ZZ',
  '/\u007f/evil.com',
  '/.\\evil.example',
];

// These stay on the site; what comes back is still a path on this site.
const sameSite: [string, string][] = [
  ['/', '/'],
  ['/checkout', '/checkout'],
  ['/my/wallet?tab=1', '/my/wallet?tab=1'],
  ['/my/invoices/7#pay', '/my/invoices/7#pay'],
  ['/my/../admin', '/admin'],
  ['/a/./b', '/a/b'],
  ['/my/%2F', '/my/%2F'],
  ['/search?q=//evil.com', '/search?q=//evil.com'],
  ['/caf%C3%A9', '/caf%C3%A9'],
];

describe('safeReturnPath', () => {
  it.each(offSite)('refuses %j', (candidate) => {
    expect(safeReturnPath(candidate)).toBeNull();
    expect(safeReturnPath(candidate, '/')).toBe('/');
  });

  it.each(sameSite)('keeps %j as %j', (candidate, kept) => {
    expect(safeReturnPath(candidate)).toBe(kept);
  });

  it('refuses what is not a string', () => {
    for (const candidate of [undefined, null, 42, ['/checkout'], { toString: () => '/checkout' }, Symbol('x')]) {
      expect(safeReturnPath(candidate, '/')).toBe('/');
    }
  });

  it('never returns anything a browser would read as another origin, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.webUrl().map((url) => url.replace(/^https?:/, '')),
          fc.constantFrom('/', '//', '/\\', '\\', '%2F', '%5C', '\t', '\n', 'javascript:', '@', ':').chain((prefix) =>
            fc.string().map((rest) => `${prefix}${rest}`),
          ),
        ),
        (candidate) => {
          const result = safeReturnPath(candidate);
          if (result === null) return;
          expect(result.startsWith('/')).toBe(true);
          expect(result.startsWith('//')).toBe(false);
          expect(result).not.toMatch(/[\\\u0000-\u001f]/);
          expect(new URL(result, 'https://shop.example').origin).toBe('https://shop.example');
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
