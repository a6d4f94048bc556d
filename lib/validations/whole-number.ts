import { z } from 'zod';
import { fieldMessage } from './messages';

type WholeNumberRules = {
  min: number;
  max: number;
  /** Shown for anything that is not plain digits, and for a number out of bounds unless given below. */
  message: string;
  tooSmall?: string;
  tooBig?: string;
};

// Digits only: Number() and z.coerce read '0x10' as 16, '1e3' as 1000 and ' ' as 0.
const digitsOnly = /^\d{1,20}$/;

/** A whole number typed into a form (or sent in a hidden field), from `min` to `max` inclusive. */
export function wholeNumberField({ min, max, message, tooSmall = message, tooBig = message }: WholeNumberRules) {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
    throw new RangeError(`wholeNumberField: bad bounds ${min}..${max}`);
  }
  return z
    .string({ error: message })
    .trim()
    .regex(digitsOnly, message)
    .transform(Number)
    .refine((value) => value >= min, tooSmall)
    .refine((value) => value <= max, tooBig);
}

/** A row id in a form (customer, order, payment, product): positive and a safe integer. */
export function idField(message = fieldMessage('itemNotFound')) {
  return wholeNumberField({ min: 1, max: Number.MAX_SAFE_INTEGER, message });
}
