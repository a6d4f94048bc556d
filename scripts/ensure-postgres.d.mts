// Types for scripts/ensure-postgres.mjs, imported by TypeScript tests and setup files.
export function findPostgresBin(): string | undefined;
export function ensurePostgresBinaries(): string;
export function startPostgres(): Promise<{ url: string; stop(): Promise<void> }>;
