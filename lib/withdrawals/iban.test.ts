import { describe, expect, it } from 'vitest';
import { checkIban, compactIban, formatIban, ibanLengths } from './iban';

describe('checkIban', () => {
  it.each([
    ['a Turkish IBAN as a bank prints it', 'TR33 0006 1005 1978 6457 8413 26', 'TR330006100519786457841326'],
    ['a British IBAN as a bank prints it', 'GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432'],
    ['a British IBAN typed in small letters without spaces', 'gb33bukb20201555555555', 'GB33BUKB20201555555555'],
    ['a German IBAN with a non-breaking space', 'DE89\u00a03704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['a French IBAN with a letter in its BBAN', 'FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
    ['the shortest (Norway, 15)', 'NO93 8601 1117 947', 'NO9386011117947'],
    ['the longest (Russia, 33)', 'RU02 0445 2560 0407 0281 0412 3456 7890 1', 'RU0204452560040702810412345678901'],
  ])('accepts %s', (_what, typed, compact) => {
    expect(checkIban(typed)).toEqual({ ok: true, iban: compact });
  });

  it.each([
    ['nothing', '   ', 'IBAN_REQUIRED', {}],
    ['two digits swapped (a typo)', 'GB82 WEST 1234 5698 7654 23', 'IBAN_CHECKSUM', {}],
    ['one digit wrong in a Turkish IBAN', 'TR33 0006 1005 1978 6457 8413 27', 'IBAN_CHECKSUM', {}],
    ['wrong check digits', 'TR34 0006 1005 1978 6457 8413 26', 'IBAN_CHECKSUM', {}],
    ['a digit missing', 'GB82 WEST 1234 5698 7654 3', 'IBAN_LENGTH', { country: 'GB', length: 22 }],
    ['a digit too many', 'TR33 0006 1005 1978 6457 8413 261', 'IBAN_LENGTH', { country: 'TR', length: 26 }],
    ['a country without IBANs', 'US12 3456 7890 1234 5678 90', 'IBAN_COUNTRY', { country: 'US' }],
    ['dashes', 'GB82-WEST-1234-5698-7654-32', 'IBAN_CHARACTERS', {}],
    ['an account number alone', '12345678', 'IBAN_CHARACTERS', {}],
    ['letters where the check digits go', 'GBXX WEST 1234 5698 7654 32', 'IBAN_CHARACTERS', {}],
  ])('refuses %s', (_what, typed, code, params) => {
    expect(checkIban(typed)).toEqual({ ok: false, code, params });
  });

  it('knows a length for every country it accepts, each within ISO 13616 bounds', () => {
    for (const [country, length] of Object.entries(ibanLengths)) {
      expect(country).toMatch(/^[A-Z]{2}$/);
      expect(length).toBeGreaterThanOrEqual(15);
      expect(length).toBeLessThanOrEqual(34);
    }
    expect(ibanLengths.TR).toBe(26);
    expect(ibanLengths.GB).toBe(22);
  });
});

describe('formatIban and compactIban', () => {
  it.each([
    ['TR330006100519786457841326', 'TR33 0006 1005 1978 6457 8413 26'],
    ['GB82WEST12345698765432', 'GB82 WEST 1234 5698 7654 32'],
    ['NO9386011117947', 'NO93 8601 1117 947'],
    ['gb82 west 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 32'],
  ])('%s → %s', (stored, shown) => {
    expect(formatIban(stored)).toBe(shown);
    expect(compactIban(shown)).toBe(compactIban(stored));
  });
});
