/**
 * IBANs (ISO 13616): a country code, two check digits and the country's BBAN, of the length the
 * IBAN registry gives that country, whose mod-97 remainder is 1. Shown in groups of four.
 */

/** IBAN length per country, from the SWIFT IBAN registry. */
export const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Why a typed IBAN is refused: a code of the `payouts.errors` catalogue and its params. */
export type IbanProblem =
  | { code: 'IBAN_REQUIRED'; params: Record<string, never> }
  | { code: 'IBAN_CHARACTERS'; params: Record<string, never> }
  | { code: 'IBAN_COUNTRY'; params: { country: string } }
  | { code: 'IBAN_LENGTH'; params: { country: string; length: number } }
  | { code: 'IBAN_CHECKSUM'; params: Record<string, never> };

export type IbanCheck = { ok: true; iban: string } | ({ ok: false } & IbanProblem);

/** The IBAN as typed, without spaces (also the non-breaking kind) and in capitals. */
export function compactIban(text: string): string {
  return text.replace(/[\s\u00a0]+/g, '').toUpperCase();
}

/** The remainder of the IBAN's number (country and check digits moved to the end, letters as 10–35) divided by 97. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

/** Checks a typed IBAN; `iban` is its compact form (GB82WEST12345698765432) when it passes. */
export function checkIban(text: string): IbanCheck {
  const iban = compactIban(text);
  if (iban === '') return { ok: false, code: 'IBAN_REQUIRED', params: {} };
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return { ok: false, code: 'IBAN_CHARACTERS', params: {} };
  const country = iban.slice(0, 2);
  const length = ibanLengths[country];
  if (length === undefined) return { ok: false, code: 'IBAN_COUNTRY', params: { country } };
  if (iban.length !== length) return { ok: false, code: 'IBAN_LENGTH', params: { country, length } };
  if (mod97(iban) !== 1) return { ok: false, code: 'IBAN_CHECKSUM', params: {} };
  return { ok: true, iban };
}

/** An IBAN in groups of four, as banks print it: GB82 WEST 1234 5698 7654 32. */
export function formatIban(iban: string): string {
  return compactIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}
