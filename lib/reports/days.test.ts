import { describe, expect, it } from 'vitest';
import { addDays, dayOf, dayRange, daysBetween, dayStart, isDay, monthStartOf, zoneOffset } from './days';

describe('days in the shop time zone', () => {
  it.each([
    ['2026-03-14T20:59:59Z', 'Europe/Istanbul', '2026-03-14'],
    ['2026-03-14T21:00:00Z', 'Europe/Istanbul', '2026-03-15'],
    ['2026-03-15T04:59:59Z', 'America/New_York', '2026-03-15'],
    ['2026-03-15T03:59:59Z', 'America/New_York', '2026-03-14'],
    ['2026-03-14T23:59:59Z', 'UTC', '2026-03-14'],
  ])('%s is on the day in %s', (instant, zone, day) => {
    expect(dayOf(new Date(instant), zone)).toBe(day);
  });

  it.each([
    ['2026-03-15', 'Europe/Istanbul', '2026-03-14T21:00:00.000Z'],
    ['2026-03-15', 'UTC', '2026-03-15T00:00:00.000Z'],
    // New York moves its clocks forward at 02:00 on 8 March 2026 and back on 1 November.
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    // Chile's clocks jump from 00:00 to 01:00 on 6 September 2026: the day starts at 01:00.
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
  ])('%s starts in %s at %s', (day, zone, start) => {
    expect(dayStart(day, zone).toISOString()).toBe(start);
  });

  it('gives half-open ranges, months and lists of days', () => {
    expect(dayRange('2026-03-01', '2026-03-31', 'Europe/Istanbul')).toEqual({
      start: new Date('2026-02-28T21:00:00Z'),
      end: new Date('2026-03-31T21:00:00Z'),
    });
    expect(zoneOffset(new Date('2026-07-01T00:00:00Z'), 'Europe/Istanbul')).toBe(3 * 3_600_000);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(monthStartOf('2026-03-15')).toBe('2026-03-01');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    [' 2026-01-01', false],
    [20260101, false],
  ])('isDay(%s) is %s', (text, expected) => {
    expect(isDay(text)).toBe(expected);
  });
});
