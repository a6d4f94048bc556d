import { describe, expect, it } from 'vitest';
import { readCsv } from '@/test/helpers/csv';
import { csvDialect, toCsv, type CsvCell } from './format';

const bom = '\uFEFF';
const money = (amount: number, currency: string) => ({ amount, currency });

describe('toCsv', () => {
  it.each<[string, CsvCell, string, string]>([
    // case, cell, English (','), Turkish (';')
    ['plain text', 'Işıl Yılmaz', 'Işıl Yılmaz', 'Işıl Yılmaz'],
    ['empty', null, '', ''],
    ['empty text', '', '', ''],
    ['the English separator', 'Tasting set, beans', '"Tasting set, beans"', 'Tasting set, beans'],
    ['the Turkish separator', 'Kireç; 3 adet', 'Kireç; 3 adet', '"Kireç; 3 adet"'],
    ['a quote', 'The "best" mug', '"The ""best"" mug"', '"The ""best"" mug"'],
    ['a line feed', 'line one\nline two', '"line one\nline two"', '"line one\nline two"'],
    ['a carriage return inside', 'a\rb', '"a\rb"', '"a\rb"'],
    ['a formula', '=HYPERLINK("evil")', `"'=HYPERLINK(""evil"")"`, `"'=HYPERLINK(""evil"")"`],
    ['a leading plus', '+90 555', "'+90 555", "'+90 555"],
    ['a leading minus', '-1+1', "'-1+1", "'-1+1"],
    ['a leading at', '@SUM(A1)', "'@SUM(A1)", "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1", "'\t=1"],
    ['a leading carriage return', '\r=1', `"'\r=1"`, `"'\r=1"`],
    ['a formula sign inside is left alone', 'Top-up = 5', 'Top-up = 5', 'Top-up = 5'],
    ['an amount', money(123_450, 'TRY'), '1234.50', '1234,50'],
    ['a negative amount is a number, not defused', money(-2_550, 'USD'), '-25.50', '-25,50'],
    ['a small amount', money(5, 'USD'), '0.05', '0,05'],
    ['zero', money(0, 'USD'), '0.00', '0,00'],
    ['no minor unit', money(1_500, 'JPY'), '1500', '1500'],
    ['three decimals', money(1_250, 'KWD'), '1.250', '1,250'],
    ['beyond a float’s exact range', money(9_007_199_254_740_991, 'USD'), '90071992547409.91', '90071992547409,91'],
  ])('%s', (_case, value, en, tr) => {
    expect(toCsv([[value]], 'en')).toBe(`${bom}${en}\r\n`);
    expect(toCsv([[value]], 'tr')).toBe(`${bom}${tr}\r\n`);
  });

  it('starts with a UTF-8 BOM and ends every row with CRLF, in both languages', () => {
    const rows: CsvCell[][] = [
      ['Ad', 'Tutar'],
      ['Işıl', money(33_950, 'TRY')],
    ];
    expect(toCsv(rows, 'en')).toBe(`${bom}Ad,Tutar\r\nIşıl,339.50\r\n`);
    expect(toCsv(rows, 'tr')).toBe(`${bom}Ad;Tutar\r\nIşıl;339,50\r\n`);
    expect(new TextEncoder().encode(toCsv(rows, 'tr')).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(toCsv([], 'en')).toBe(bom);
  });

  it.each(['en', 'tr'] as const)('reads back as the same fields (%s), text defused and amounts in the decimal mark', (locale) => {
    const { separator, decimal } = csvDialect(locale);
    const awkward = ['a,b;c', 'say "hi"', 'two\r\nlines', '=1+1', '', 'Işıl'];
    const csv = toCsv([awkward, [money(-123_456, 'USD'), null]], locale);
    expect(readCsv(csv, separator)).toEqual([
      ['a,b;c', 'say "hi"', 'two\r\nlines', "'=1+1", '', 'Işıl'],
      [`-1234${decimal}56`, ''],
    ]);
  });
});
