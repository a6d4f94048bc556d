import { sqlite } from './client';

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE), or as a savepoint when a transaction
 * is already open, so lib operations compose: all or nothing. `work` must be synchronous.
 */
export function writeTransaction<T>(work: () => T): T {
  return sqlite.transaction(work).immediate();
}
