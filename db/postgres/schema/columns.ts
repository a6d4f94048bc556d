import { bigint, timestamp } from 'drizzle-orm/pg-core';

/** SQLite's integer timestamp_ms: a Date with millisecond precision, stored as timestamptz(3). */
export const timestampMs = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** Money and counters: int8, read as a JS number (safe integers, like SQLite's integer). */
export const int8 = (name: string) => bigint(name, { mode: 'number' });
