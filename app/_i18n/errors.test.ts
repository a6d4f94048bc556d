// lib hands pages codes and params; these helpers turn them into words of either language.
import { describe, expect, it } from 'vitest';
import { codeMessage, fieldMessage } from '@/lib/validations/messages';
import { errorMessage, fieldErrorsText, translatedState } from './server-errors';

describe('errorMessage', () => {
  it.each([
    ['en', 'TOP_UP_TOO_SMALL', { min: 123450, currency: 'TRY' }, 'The smallest top-up is TRY 1,234.50.'],
    ['tr', 'TOP_UP_TOO_SMALL', { min: 123450, currency: 'TRY' }, 'En düşük yükleme tutarı ₺1.234,50.'],
    ['en', 'AMOUNT_TOO_MANY_DECIMALS', { decimals: 0, currency: 'JPY' }, 'JPY amounts have no decimals.'],
    ['tr', 'AMOUNT_AMBIGUOUS', { text: '1.234', example: '1.234,00' }, '1.234 iki farklı tutar anlamına gelebilir. 1.234,00 şeklinde yazın.'],
    ['en', 'INVALID_STATE', { reason: 'orderCancelled', number: 'S00012' }, 'Order S00012 was cancelled.'],
    ['tr', 'INVALID_STATE', { reason: 'orderCancelled', number: 'S00012' }, 'S00012 numaralı sipariş iptal edildi.'],
    // A select argument lib did not send reads its `other` words, never a formatting error.
    ['en', 'NOT_FOUND', {}, 'This item does not exist.'],
    ['tr', 'METHOD_DISABLED', {}, 'Bu ödeme yöntemi şu anda kullanılamıyor. Lütfen başka bir yöntem seçin.'],
    ['en', 'NO_SUCH_CODE', {}, 'Something went wrong. Please try again.'],
  ] as const)('%s %s', async (locale, code, params, expected) => {
    expect((await errorMessage(code, params, locale)).replace(/\u00a0/g, ' ')).toBe(expected);
  });
});

describe('field messages', () => {
  it('words validation keys and codes beside their field, and leaves words a page chose', async () => {
    const state = await translatedState(
      {
        status: 'error',
        message: 'x',
        fieldErrors: { a: [fieldMessage('tooLong', { max: 100 })], b: [codeMessage('WALLET_ROOM', { room: 500, currency: 'USD' })], c: ['Kept as is.'] },
      },
      'tr',
    );
    expect(state).toMatchObject({ fieldErrors: { a: ['En fazla 100 karakter kullanın.'], b: ['Cüzdanınıza en fazla $5,00 daha yüklenebilir.'], c: ['Kept as is.'] } });
    expect(await fieldErrorsText({ email: [fieldMessage('emailInvalid')], other: ['free text'] }, 'en')).toEqual({
      email: ['Enter a valid email address, like name@example.com.'],
      other: ['Check this field.'],
    });
  });
});
