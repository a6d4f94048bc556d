import { z } from 'zod';
import { fieldMessage } from '@/lib/validations/messages';

/** Test numbers of the Demo provider: 4242… succeeds, 4000 0000 0000 0002 is declined. */
export const DEMO_DECLINED_NUMBER = '4000000000000002';

/** True when the digits pass the Luhn checksum that every card number carries. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const forbiddenNameCharacters = /[\d\\<>"%;&+()|=!]/;

/** The Demo card form, validated as a real gateway would. `today` is injectable for tests. */
export function demoCardSchema(today: Date = new Date()) {
  return z.object({
    cardHolderName: z
      .string()
      .trim()
      .min(2, fieldMessage('cardName'))
      .max(100, fieldMessage('tooLong', { max: 100 }))
      .refine((name) => !forbiddenNameCharacters.test(name), fieldMessage('cardNameCharacters')),
    cardNumber: z
      .string()
      .transform((value) => value.replace(/[\s-]/g, ''))
      .refine((digits) => /^\d{12,19}$/.test(digits), fieldMessage('cardNumber'))
      .refine((digits) => passesLuhn(digits), fieldMessage('cardNumberInvalid')),
    expiry: z
      .string()
      .trim()
      .regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/, fieldMessage('cardExpiry'))
      .refine((value) => !isExpired(value, today), fieldMessage('cardExpired')),
    cvc: z
      .string()
      .trim()
      .regex(/^\d{3,4}$/, fieldMessage('cardCvc')),
  });
}

function isExpired(expiry: string, today: Date): boolean {
  const [monthText, yearText] = expiry.split('/').map((part) => part.trim());
  const month = Number(monthText);
  const year = yearText && yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  // A card is valid through the last day of its expiry month.
  const currentMonthIndex = today.getUTCFullYear() * 12 + today.getUTCMonth();
  return year * 12 + (month - 1) < currentMonthIndex;
}

export type DemoCard = z.infer<ReturnType<typeof demoCardSchema>>;

/** What the Demo gateway answers for a valid card. */
export function demoCardOutcome(card: DemoCard): { approved: true } | { approved: false; code: 'CARD_DECLINED' } {
  if (card.cardNumber === DEMO_DECLINED_NUMBER) return { approved: false, code: 'CARD_DECLINED' };
  return { approved: true };
}
