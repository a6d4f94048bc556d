/** A withdrawal's reference for people and the ledger's description: WD000042. */
export function withdrawalReference(id: number): string {
  return `WD${String(id).padStart(6, '0')}`;
}

/** True for a number that can be a row's id on both engines (a PostgreSQL integer): anything else names nothing. */
export function isRowId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;
}
