import { describe, expect, it } from 'vitest';
import { invoicePayOptions } from './pay-options';

describe('invoicePayOptions', () => {
  it.each([
    [75_000, 100_000, { walletCovers: true, partialAmount: 0, shortfall: 0 }],
    [75_000, 75_000, { walletCovers: true, partialAmount: 0, shortfall: 0 }],
    [75_000, 24_250, { walletCovers: false, partialAmount: 24_250, shortfall: 50_750 }],
    [75_000, 0, { walletCovers: false, partialAmount: 0, shortfall: 75_000 }],
    [4_500, -100, { walletCovers: false, partialAmount: 0, shortfall: 4_500 }],
  ])('amount due %i with %i in the wallet', (due, available, expected) => {
    expect(invoicePayOptions(due, available)).toEqual(expected);
  });
});
