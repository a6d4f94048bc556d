// Calendar days in the shop's time zone, for figures and exports "per day": a day is a
// 'YYYY-MM-DD' string, its moments the half-open range [start, next day's start) in UTC, so
// queries compare instants through the builder (gte/lt) and behave alike on both engines.

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a real calendar day (2026-02-30 is not one). */
export function isDay(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = dayPattern.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || year > 9999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at `instant`, as milliseconds of a UTC date with the same fields. */
function wallTime(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(wallClock(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms (Europe/Istanbul: 3 h). */
export function zoneOffset(instant: Date | number, timeZone: string): number {
  const at = Math.floor(Number(instant) / 1000) * 1000;
  return wallTime(at, timeZone) - at;
}

/** The day in `timeZone` that `instant` falls on. */
export function dayOf(instant: Date | number, timeZone: string): string {
  return new Date(wallTime(Number(instant), timeZone)).toISOString().slice(0, 10);
}

/** The day `count` days after (or before, when negative) `day`. */
export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + count)).toISOString().slice(0, 10);
}

/** The first day of `day`'s month. */
export function monthStartOf(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** The first instant of `day` in `timeZone` (its midnight; after a gap in the clock, the first moment that exists). */
export function dayStart(day: string, timeZone: string): Date {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // The offset at the guess, then at the instant it gives: right also when the offset changes that night.
  const first = midnight - zoneOffset(midnight, timeZone);
  const second = midnight - zoneOffset(first, timeZone);
  return new Date(dayOf(second, timeZone) === day ? second : first);
}

/** The moments of the days `from` to `to` (both included) in `timeZone`: [start, end). */
export function dayRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: dayStart(from, timeZone), end: dayStart(addDays(to, 1), timeZone) };
}

/** The days from `from` to `to`, both included, in order. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** `instant` as a spreadsheet reads a local time: 'YYYY-MM-DD HH:mm' on the clock of `timeZone`. */
export function localDateTime(instant: Date | number, timeZone: string): string {
  return new Date(wallTime(Number(instant), timeZone)).toISOString().slice(0, 16).replace('T', ' ');
}
