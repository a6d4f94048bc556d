// The two catalogues must say the same things: the same keys, each message with the same ICU
// placeholders, and no Turkish apostrophe that ICU would read as the start of quoted text.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaces } from './namespaces';

const folder = path.resolve(import.meta.dirname, '..', '..', 'messages');

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  if (value === null || typeof value !== 'object') throw new Error(`${prefix}: neither a message nor a group`);
  return Object.assign({}, ...Object.entries(value).map(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key)));
}

function catalogue(locale: string, namespace: string): Record<string, string> {
  return flatten(JSON.parse(fs.readFileSync(path.join(folder, locale, `${namespace}.json`), 'utf8')));
}

/** The argument names a message uses: {name}, {count, plural, …}, {amount, number}, … */
export function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(?:[,}])/g)) if (match[1]) names.add(match[1]);
  return [...names].sort();
}

describe.each(namespaces)('messages/%s', (namespace) => {
  const en = catalogue('en', namespace);
  const tr = catalogue('tr', namespace);

  it('has the same keys in English and Turkish', () => {
    expect(Object.keys(tr).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = Object.keys(en)
      .filter((key) => key in tr && placeholders(en[key] ?? '').join() !== placeholders(tr[key] ?? '').join())
      .map((key) => `${namespace}.${key}: en {${placeholders(en[key] ?? '')}} tr {${placeholders(tr[key] ?? '')}}`);
    expect(mismatched).toEqual([]);
  });

  it("has no apostrophe before a placeholder, which ICU would read as quoting it ('{)", () => {
    const trapped = Object.entries({ ...en, ...tr }).filter(([, message]) => /'\{/.test(message)).map(([key]) => `${namespace}.${key}`);
    expect(trapped).toEqual([]);
  });
});

describe('the placeholder reader', () => {
  it('finds simple, number and plural arguments, and ignores literal text', () => {
    expect(placeholders('{count, plural, one {# item} other {# items}} for {amount}')).toEqual(['amount', 'count']);
    expect(placeholders('Hello')).toEqual([]);
  });
});
