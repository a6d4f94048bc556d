import { describe, expect, it } from 'vitest';
import { demoCardOutcome, demoCardSchema, passesLuhn } from './demo-card';

const today = new Date('2026-11-23T12:00:00Z');
const valid = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

describe('passesLuhn', () => {
  it.each([
    ['4242424242424242', true],
    ['4000000000000002', true],
    ['4242424242424241', false],
    ['79927398713', true],
    ['', false],
    ['4242-4242', false],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('demo card form', () => {
  const schema = demoCardSchema(today);

  it('accepts a valid card and strips spaces from the number', () => {
    const parsed = schema.parse(valid);
    expect(parsed.cardNumber).toBe('4242424242424242');
  });

  it.each([
    ['cardNumber', '4242 4242 4242 4241', 'validation.cardNumberInvalid'],
    ['cardNumber', '1234', 'validation.cardNumber'],
    ['expiry', '10/26', 'validation.cardExpired'],
    ['expiry', '13/30', 'validation.cardExpiry'],
    ['cvc', '12', 'validation.cardCvc'],
    ['cvc', '12a', 'validation.cardCvc'],
    ['cardHolderName', 'Sam 2nd', 'validation.cardNameCharacters'],
    ['cardHolderName', 'Sam <script>', 'validation.cardNameCharacters'],
    ['cardHolderName', 'Tom & Jerry', 'validation.cardNameCharacters'],
  ])('rejects %s = %s', (field, value, message) => {
    const result = schema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toBe(message);
  });

  it('treats the expiry month as valid until its end', () => {
    expect(schema.safeParse({ ...valid, expiry: '11/26' }).success).toBe(true);
    expect(schema.safeParse({ ...valid, expiry: '11/2026' }).success).toBe(true);
  });

  it('declines the decline test number and approves the others', () => {
    expect(demoCardOutcome(schema.parse({ ...valid, cardNumber: '4000 0000 0000 0002' }))).toEqual({
      approved: false,
      code: 'CARD_DECLINED',
    });
    expect(demoCardOutcome(schema.parse(valid))).toEqual({ approved: true });
  });
});
