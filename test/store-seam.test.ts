// lib/ never knows which engine runs: it takes a Database, Query or Tx (db/README.md) and imports
// no driver and no global connection. Modules still on the old SQLite client are listed below;
// the list only shrinks (a listed module that no longer needs it fails the test too).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

const forbidden: { what: string; pattern: RegExp }[] = [
  { what: 'the global SQLite client', pattern: /from '@\/db\/(client|transaction)'/ },
  { what: 'the edge\'s getDatabase()', pattern: /from '@\/db'/ },
  { what: 'a database driver', pattern: /from '(better-sqlite3|pg|drizzle-orm\/(better-sqlite3|node-postgres))'/ },
  { what: 'a SQLite-only builder call', pattern: /\.(get|all|run)\(\)/ },
];

// Not yet moved onto the seam (issue 14).
const legacy = new Set<string>([
]);

function libModules(folder = path.join(root, 'lib')): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return libModules(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}

function violations(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return forbidden.filter(({ pattern }) => pattern.test(text)).map(({ what }) => what);
}

describe('lib/ and the store seam', () => {
  const modules = libModules();

  it('no module outside the legacy list imports a driver or a global connection', () => {
    const offenders = modules.filter((file) => !legacy.has(file)).flatMap((file) => violations(file).map((what) => `${file}: ${what}`));
    expect(offenders).toEqual([]);
  });

  it('every module on the legacy list still needs to be there', () => {
    const moved = [...legacy].filter((file) => !modules.includes(file) || violations(file).length === 0);
    expect(moved).toEqual([]);
  });
});
