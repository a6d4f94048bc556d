// The SQLite and PostgreSQL schemas must describe the same tables, so lib code sees the same rows
// on either engine. Each side is reduced to one comparable description; any difference is listed
// by table.column. (Idea from Homarr's packages/db/test/schema.spec.ts.)
import { type Column, getTableName, type InferInsertModel, type InferSelectModel, is, SQL, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pgSchema from './postgres/schema';
import * as sqliteSchema from './sqlite/schema';

/** Engine-neutral column kinds: what lib code reads back from either engine. */
type Kind = 'integer' | 'timestamp_ms' | 'boolean' | 'text';

/** Money and counters must be int8 on PostgreSQL: int4 would overflow at 2^31 minor units. */
const int8Column = /(^|_)(amount|price|total|residual|refunded|posted|pending|limit|balance|delta|value|count|position)(_|$)/;

function sqliteKind(column: Column): Kind | undefined {
  switch (column.columnType) {
    case 'SQLiteInteger':
      return 'integer';
    case 'SQLiteTimestamp':
      return 'mode' in column && column.mode === 'timestamp_ms' ? 'timestamp_ms' : undefined;
    case 'SQLiteBoolean':
      return 'boolean';
    case 'SQLiteText':
      return 'text';
  }
  return undefined;
}

function pgKind(column: Column, table: string, problems: string[]): Kind | undefined {
  switch (column.columnType) {
    case 'PgInteger':
      if (int8Column.test(column.name)) problems.push(`${table}.${column.name}: money or counter column must be bigint (mode number) on PostgreSQL`);
      return 'integer';
    case 'PgBigInt53':
      return 'integer';
    case 'PgTimestamp':
      // timestamptz(3) in date mode: a Date with the milliseconds SQLite keeps, whatever the server's zone.
      return column.getSQLType() === 'timestamp (3) with time zone' ? 'timestamp_ms' : undefined;
    case 'PgBoolean':
      return 'boolean';
    case 'PgText':
      return 'text';
  }
  return undefined;
}

interface ColumnShape {
  kind: Kind | undefined;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  default: string | undefined;
  generated: boolean;
  unique: string | undefined;
  enumValues: string[] | undefined;
}

interface TableShape {
  columns: Map<string, ColumnShape>;
  primaryKey: string[];
  foreignKeys: string[];
  uniques: string[];
  indexes: string[];
  checks: string[];
}

type Config = ReturnType<typeof getSqliteTableConfig> | ReturnType<typeof getPgTableConfig>;
type Render = (sql: SQL) => string;

/**
 * SQLite fills an INTEGER PRIMARY KEY without AUTOINCREMENT from the rowid, so drizzle says it has a
 * default; lib code always supplies such a key (api_members.user_id), and PostgreSQL gives it none.
 */
function isRowidAlias(column: Column): boolean {
  return column.columnType === 'SQLiteInteger' && column.primary && !('autoIncrement' in column && column.autoIncrement) && column.default === undefined;
}

function describeDefault(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  // Expressions such as "now" are engine-specific SQL: only their presence is compared.
  return is(value, SQL) ? 'an SQL expression' : JSON.stringify(value);
}

function shape(config: Config, kindOf: (column: Column) => Kind | undefined, render: Render): TableShape {
  const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name).join(', ');
  const columns = new Map<string, ColumnShape>();
  for (const column of config.columns) {
    columns.set(column.name, {
      kind: kindOf(column),
      type: `${column.columnType} ${column.getSQLType()}`,
      notNull: column.notNull,
      hasDefault: column.hasDefault && !isRowidAlias(column),
      default: describeDefault(column.default),
      // SQLite's INTEGER PRIMARY KEY AUTOINCREMENT ↔ PostgreSQL's identity column.
      generated: ('autoIncrement' in column && column.autoIncrement === true) || column.generatedIdentity !== undefined,
      unique: column.isUnique ? column.uniqueName : undefined,
      enumValues: column.enumValues,
    });
  }
  const primaryKey = [
    ...config.columns.filter((c) => c.primary).map((c) => c.name),
    ...config.primaryKeys.map((pk) => `${pk.getName()} (${names(pk.columns)})`),
  ];
  const foreignKeys = config.foreignKeys
    .map((fk) => {
      const ref = fk.reference();
      const target = `${getTableName(ref.foreignTable)} (${names(ref.foreignColumns)})`;
      return `${fk.getName()}: (${names(ref.columns)}) → ${target} on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`;
    })
    .sort();
  const uniques = config.uniqueConstraints.map((u) => `${u.getName()} (${names(u.columns)})`).sort();
  const indexes = config.indexes
    .map((index) => {
      const { name, unique, where } = index.config;
      const on = index.config.columns.map((c) => (is(c, SQL) ? render(c) : 'name' in c ? c.name : undefined)).join(', ');
      return `${unique ? 'unique ' : ''}${name} (${on})${where ? ` where ${render(where)}` : ''}`;
    })
    .sort();
  const checks = config.checks.map((check) => `${check.name}: ${render(check.value)}`).sort();
  return { columns, primaryKey, foreignKeys, uniques, indexes, checks };
}

const byName = <T extends Table>(tables: T[]) => new Map(tables.map((table) => [getTableName(table), table] as const));
const sqliteTables = byName(Object.values<unknown>(sqliteSchema).filter((value): value is SQLiteTable => is(value, SQLiteTable)));
const pgTables = byName(Object.values<unknown>(pgSchema).filter((value): value is PgTable => is(value, PgTable)));
const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

/** Every difference between the two descriptions of one table, each naming table.column. */
function differences(table: string): string[] {
  const sqliteTable = sqliteTables.get(table);
  const pgTable = pgTables.get(table);
  if (!sqliteTable || !pgTable) return [`${table}: only in ${sqliteTable ? 'SQLite' : 'PostgreSQL'}`];
  const problems: string[] = [];
  const lite = shape(getSqliteTableConfig(sqliteTable), sqliteKind, (q) => sqliteDialect.sqlToQuery(q).sql);
  const pg = shape(getPgTableConfig(pgTable), (c) => pgKind(c, table, problems), (q) => pgDialect.sqlToQuery(q).sql);

  for (const name of new Set([...lite.columns.keys(), ...pg.columns.keys()])) {
    const a = lite.columns.get(name);
    const b = pg.columns.get(name);
    if (!a || !b) {
      problems.push(`${table}.${name}: column only in ${a ? 'SQLite' : 'PostgreSQL'}`);
      continue;
    }
    if (!a.kind || !b.kind || a.kind !== b.kind) {
      problems.push(`${table}.${name}: SQLite ${a.type} does not map to PostgreSQL ${b.type}`);
    }
    for (const key of ['notNull', 'hasDefault', 'default', 'generated', 'unique', 'enumValues'] as const) {
      const [x, y] = [JSON.stringify(a[key]), JSON.stringify(b[key])];
      if (x !== y) problems.push(`${table}.${name}: ${key} is ${x} on SQLite but ${y} on PostgreSQL`);
    }
  }
  for (const key of ['primaryKey', 'foreignKeys', 'uniques', 'indexes', 'checks'] as const) {
    for (const item of lite[key].filter((x) => !pg[key].includes(x))) problems.push(`${table}: ${key} only on SQLite: ${item}`);
    for (const item of pg[key].filter((x) => !lite[key].includes(x))) problems.push(`${table}: ${key} only on PostgreSQL: ${item}`);
  }
  return problems;
}

describe('SQLite and PostgreSQL schemas', () => {
  it('export the same names', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  });

  it('have the same tables', () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
  });

  it.each([...new Set([...sqliteTables.keys(), ...pgTables.keys()])].sort())('agree on %s', (table) => {
    expect(differences(table)).toEqual([]);
  });

  it('give lib code the same row types', () => {
    expectTypeOf<Rows<typeof pgSchema>>().toEqualTypeOf<Rows<typeof sqliteSchema>>();
    expectTypeOf<NewRows<typeof pgSchema>>().toEqualTypeOf<NewRows<typeof sqliteSchema>>();
  });
});

// Checked by `tsc` (vitest runs the assertions above as no-ops). Insert types are compared with
// every key required: which keys may be left out is checked above (notNull, hasDefault).
type Rows<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] extends Table ? InferSelectModel<S[K]> : never };
type NewRows<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] extends Table ? Required<InferInsertModel<S[K]>> : never };
