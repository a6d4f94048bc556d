import crypto from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud and to copy onto a bank transfer.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short random payment reference such as CW7KQ4M2XP (40 bits: collisions are checked by a unique index). */
export function newPaymentReference(): string {
  let code = 'CW';
  for (let i = 0; i < 8; i += 1) code += alphabet[crypto.randomInt(alphabet.length)];
  return code;
}
