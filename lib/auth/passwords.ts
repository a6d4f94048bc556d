import argon2 from 'argon2';

/** Hashes a password with argon2id (salted, memory-hard). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// A real hash to verify against when the email is unknown, so a missing account takes as long
// as a wrong password and timing does not reveal which emails are registered.
let decoyHash: Promise<string> | undefined;

/** Checks a password against a stored hash; with no hash, spends the same time and says no. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    decoyHash ??= hashPassword('decoy-password-for-timing');
    await argon2.verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
