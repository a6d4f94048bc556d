/** A withdrawal's reference for people and the ledger's description: WD000042. */
export function withdrawalReference(id: number): string {
  return `WD${String(id).padStart(6, '0')}`;
}
