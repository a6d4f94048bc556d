// List filters, flags and dates in every form the official clients put them in a query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryObject } from './router';
import { dateParam, flagParam, listParam } from './schemas';

const search = z.object({ walletTransactionTypes: listParam(z.enum(['PAYMENT_REDEEM', 'REMITTANCE'])), memberIds: listParam(z.coerce.number().int().positive()) });
const parse = (query: string) => search.parse(queryObject(new URLSearchParams(query)));

describe('list filters', () => {
  it.each([
    ['Node: repeated keys', 'walletTransactionTypes=PAYMENT_REDEEM&walletTransactionTypes=REMITTANCE&memberIds=1&memberIds=2'],
    ['Java, Python, PHP samples: comma-joined', 'walletTransactionTypes=PAYMENT_REDEEM%2CREMITTANCE&memberIds=1,2'],
    ["PHP http_build_query of an array: k[0]=v", 'walletTransactionTypes%5B0%5D=PAYMENT_REDEEM&walletTransactionTypes%5B1%5D=REMITTANCE&memberIds%5B0%5D=1&memberIds%5B1%5D=2'],
    ['brackets without an index: k[]=v', 'walletTransactionTypes[]=PAYMENT_REDEEM&walletTransactionTypes[]=REMITTANCE&memberIds[]=1&memberIds[]=2'],
  ])('%s', (_, query) => {
    expect(parse(query)).toEqual({ walletTransactionTypes: ['PAYMENT_REDEEM', 'REMITTANCE'], memberIds: [1, 2] });
  });

  it.each([
    ['Node: an empty list is left out', ''],
    ['Java: an empty list is an empty value', 'walletTransactionTypes=&memberIds=&'],
    ['Python: an empty list is an empty value', 'walletTransactionTypes=&memberIds='],
  ])('%s', (_, query) => {
    expect(parse(query)).toEqual({ walletTransactionTypes: [], memberIds: [] });
  });

  it('refuses a value that is not one of the list', () => {
    expect(() => parse('walletTransactionTypes=PAYMENT_REDEEM,NOPE')).toThrow();
  });
});

describe('flags and dates', () => {
  // The server's own zone must not shift a date that came without one.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Istanbul';
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  it.each([
    ['true', true],
    ['false', false],
    // PHP's http_build_query writes booleans as 1 and 0.
    ['1', true],
    ['0', false],
  ])('reads the flag %s', (text, value) => {
    expect(flagParam.parse(text)).toBe(value);
  });

  it.each([
    ['Node: ISO with Z', '2026-01-02T03:04:05.000Z'],
    ['Java LocalDateTime: UTC without zone', '2026-01-02T03:04:05'],
    ['Python datetime with microseconds', '2026-01-02T03:04:05.000000'],
    ['with an offset', '2026-01-02T06:04:05+03:00'],
  ])('reads the date %s as the platform means it (UTC when no zone is given)', (_, text) => {
    expect(dateParam.parse(text)).toEqual(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
  });

  it('reads a date alone as midnight UTC and refuses what is not a date', () => {
    expect(dateParam.parse('2026-01-02')).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(() => dateParam.parse('yesterday')).toThrow();
  });
});
