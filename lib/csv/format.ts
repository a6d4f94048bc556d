import type { Locale } from '@/lib/i18n/locales';
import { toDecimalString } from '@/lib/money';

/** A CSV cell: text (names, reasons, references: defused), an exact amount in minor units, or empty. */
export type CsvCell = string | { amount: number; currency: string } | null;

/** How a locale's spreadsheet reads CSV: Turkish Excel takes ',' as the decimal mark, so its separator is ';'. */
export type CsvDialect = { separator: ',' | ';'; decimal: '.' | ',' };

export function csvDialect(locale: Locale): CsvDialect {
  return locale === 'tr' ? { separator: ';', decimal: ',' } : { separator: ',', decimal: '.' };
}

// Excel reads a file without a byte order mark as the system code page, mangling "Işıl".
const bom = '\uFEFF';

// Text that a spreadsheet would run as a formula (=, +, -, @, or after a tab or CR) gets a leading apostrophe.
const formulaStart = /^[=+\-@\t\r]/;

function quoted(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function cell(value: CsvCell, { separator, decimal }: CsvDialect): string {
  if (value === null) return '';
  // Amounts: exact decimals from minor units (never a float), with the dialect's decimal mark: 123450 TRY → "1234,50" in Turkish.
  if (typeof value !== 'string') return toDecimalString(value.amount, value.currency).replace('.', decimal);
  return quoted(formulaStart.test(value) ? `'${value}` : value, separator);
}

/** The rows as a CSV file for a reader of `locale` (RFC 4180, CRLF line ends), starting with a UTF-8 BOM. */
export function toCsv(rows: readonly (readonly CsvCell[])[], locale: Locale): string {
  const dialect = csvDialect(locale);
  return bom + rows.map((row) => row.map((value) => cell(value, dialect)).join(dialect.separator) + '\r\n').join('');
}
