import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, defaultTimeZone } from './time-zone';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Istanbul', 'Europe/Istanbul'],
    ['europe/istanbul', 'Europe/Istanbul'],
    [' America/New_York ', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Europe/Atlantis', undefined],
    ['', undefined],
    ['+03:00 or so', undefined],
  ])('%j → %j', (zone, canonical) => {
    expect(canonicalTimeZone(zone)).toBe(canonical);
  });
});

describe('defaultTimeZone', () => {
  it.each([
    [{ SHOP_TIME_ZONE: 'Europe/Istanbul' }, 'Europe/Istanbul'],
    [{ SHOP_TIME_ZONE: 'Mars/Olympus' }, 'UTC'],
    [{}, 'UTC'],
  ])('%j → %s', (env, zone) => {
    expect(defaultTimeZone(env)).toBe(zone);
  });
});
