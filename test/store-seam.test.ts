// Nothing outside db/ knows which engine runs: lib/ takes a Database, Query or Tx (db/README.md);
// app/ and components/ get the Database from getDatabase(). Neither imports a driver or an engine.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

type Rule = { what: string; pattern: RegExp };
const engineRules: Rule[] = [
  { what: 'a database driver', pattern: /from '(better-sqlite3|pg|drizzle-orm\/(better-sqlite3|node-postgres))'/ },
  { what: "an engine's internals", pattern: /from '@\/db\/(sqlite|postgres)\// },
];
const libRules: Rule[] = [
  ...engineRules,
  { what: "the edge's getDatabase()", pattern: /from '@\/db'/ },
  { what: 'a SQLite-only builder call', pattern: /\.(get|all|run)\(\)/ },
];

function sources(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function violations(text: string, rules: Rule[]): string[] {
  return rules.filter(({ pattern }) => pattern.test(text)).map(({ what }) => what);
}

function offenders(folders: string[], rules: Rule[]): string[] {
  return folders.flatMap(sources).flatMap((file) => violations(fs.readFileSync(path.join(root, file), 'utf8'), rules).map((what) => `${file}: ${what}`));
}

describe('the store seam', () => {
  it('catches each kind of offence (so a clean result means something)', () => {
    expect(violations("import Database from 'better-sqlite3';", libRules)).toEqual(['a database driver']);
    expect(violations("import { connect } from '@/db/sqlite/connection';", libRules)).toEqual(["an engine's internals"]);
    expect(violations("import { getDatabase } from '@/db';", libRules)).toEqual(["the edge's getDatabase()"]);
    expect(violations('const row = db.select().from(users).get();', libRules)).toEqual(['a SQLite-only builder call']);
  });

  it('lib/ imports no driver, no engine and no global connection, and uses only builder calls both engines have', () => {
    expect(offenders(['lib'], libRules)).toEqual([]);
  });

  it('app/ and components/ reach the database only through getDatabase()', () => {
    expect(offenders(['app', 'components'], engineRules)).toEqual([]);
  });
});
