import { describe, expect, it } from 'vitest';
import en from '@/messages/en/payments.json';
import tr from '@/messages/tr/payments.json';
import { failureColumns, paymentFailureCodes, storedFailure } from './failures';

describe('payment failures', () => {
  it.each(paymentFailureCodes)('%s is worded in English and Turkish', (code) => {
    expect(en.failure[code]).toBeTruthy();
    expect(tr.failure[code]).toBeTruthy();
  });

  it('reads back what it stores, and nothing for a payment that did not fail', () => {
    const failure = { code: 'wireRejected', params: { reason: 'No transfer arrived' } } as const;
    expect(storedFailure(failureColumns(failure))).toEqual(failure);
    expect(storedFailure(failureColumns({ code: 'cardDeclined' }))).toEqual({ code: 'cardDeclined', params: {} });
    expect(storedFailure(failureColumns(null))).toBeNull();
  });

  it('reads an unknown code as its text and broken params as none', () => {
    expect(storedFailure({ failureCode: 'someFutureCode', failureParams: '{}' })).toEqual({ code: 'text', params: { text: 'someFutureCode' } });
    expect(storedFailure({ failureCode: 'cardDeclined', failureParams: 'not json' })).toEqual({ code: 'cardDeclined', params: {} });
    expect(storedFailure({ failureCode: 'orderSettled', failureParams: '{"number":"S00001","x":{"y":1}}' })).toEqual({
      code: 'orderSettled',
      params: { number: 'S00001' },
    });
  });
});
