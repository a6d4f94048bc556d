/** Which kind of constraint a failed statement broke, on either engine; undefined for other errors. */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check' | 'not_null';

const sqliteCodes: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
};
const postgresCodes: Record<string, ConstraintKind> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

/** Looks through drizzle's wrapper (DrizzleQueryError.cause) for the driver's error code. */
export function constraintViolation(error: unknown): ConstraintKind | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    const kind = typeof code === 'string' ? (sqliteCodes[code] ?? postgresCodes[code]) : undefined;
    if (kind) return kind;
  }
  return undefined;
}
