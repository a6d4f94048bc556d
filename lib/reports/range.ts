import { isDay } from './days';

/** The longest range an export covers, in days. */
export const maxReportDays = 366;

export type DayRangeInput =
  | { ok: true; from: string; to: string }
  /** Which field is wrong and why (words: reports.page.errors.<reason>). */
  | { ok: false; field: 'from' | 'to'; reason: 'missing' | 'invalid' | 'beforeFrom' | 'tooLong' };

/** The From and To days of a report as typed (YYYY-MM-DD, as date fields send them), checked. */
export function readDayRange(values: { from?: string | null; to?: string | null }): DayRangeInput {
  const from = values.from?.trim() ?? '';
  const to = values.to?.trim() ?? '';
  if (from === '') return { ok: false, field: 'from', reason: 'missing' };
  if (!isDay(from)) return { ok: false, field: 'from', reason: 'invalid' };
  if (to === '') return { ok: false, field: 'to', reason: 'missing' };
  if (!isDay(to)) return { ok: false, field: 'to', reason: 'invalid' };
  if (to < from) return { ok: false, field: 'to', reason: 'beforeFrom' };
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > maxReportDays) return { ok: false, field: 'to', reason: 'tooLong' };
  return { ok: true, from, to };
}
