import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '@/db';
import { users } from '@/db/schema';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_SECONDS } from './known-device';
import { hashPassword, verifyPassword } from './passwords';
import { attemptSignIn, type SignInOutcome } from './sign-in';
import { MAX_FAILURES, WINDOW_MS } from './throttle';
import { createUser } from './users';

// Counts password checks (each one an argon2 verification) while still doing them.
vi.mock('./passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('./passwords')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const passwordChecks = vi.mocked(verifyPassword);

const db = getDatabase();
const PASSWORD = 'correct horse battery';
const start = new Date('2026-11-23T12:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

/** A request's headers as a trusted proxy passes them on: the client's claims, then the hop it saw. */
function from(address: string, options: { spoofed?: string; cookie?: string } = {}): Headers {
  const headers = new Headers({ 'x-forwarded-for': [options.spoofed, address].filter(Boolean).join(', ') });
  if (options.cookie) headers.set('cookie', `theme=dark; ${KNOWN_DEVICE_COOKIE}=${options.cookie}`);
  return headers;
}

let accounts = 0;
async function newAccount(): Promise<string> {
  accounts += 1;
  const email = `owner${accounts}@example.com`;
  await createUser(db, { name: 'Owner', email, password: PASSWORD });
  return email;
}

function deviceOf(outcome: SignInOutcome): string {
  if (outcome.status !== 'signed_in') throw new Error(`Expected a sign-in, got ${outcome.status}.`);
  return outcome.knownDevice;
}

beforeEach(() => {
  vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
  passwordChecks.mockClear();
});
afterEach(() => vi.unstubAllEnvs());

describe('sign-in burst (issue 13 item 7)', () => {
  it('40 parallel wrong passwords get exactly 5 password checks; the right one inside the burst is refused', async () => {
    const email = await newAccount();
    passwordChecks.mockClear();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attemptSignIn(db, { email, password: i === 20 ? PASSWORD : `guess-${i}` }, from(`198.51.100.${i}`), start)),
    );
    expect(passwordChecks).toHaveBeenCalledTimes(MAX_FAILURES);
    expect(burst.filter((each) => each.status === 'wrong_credentials')).toHaveLength(MAX_FAILURES);
    expect(burst[20]).toEqual({ status: 'throttled' });
    expect(burst.filter((each) => each.status === 'throttled')).toHaveLength(40 - MAX_FAILURES);
  });

  it('lets the owner in once the window has passed, and a success forgets the earlier failures', async () => {
    const email = await newAccount();
    for (let i = 0; i < MAX_FAILURES; i += 1) await attemptSignIn(db, { email, password: 'nope' }, from('198.51.100.200'), start);
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.1'), at(WINDOW_MS / 1000 - 1))).status).toBe('throttled');
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.1'), at(WINDOW_MS / 1000 + 1))).status).toBe('signed_in');
    for (let i = 0; i < MAX_FAILURES - 1; i += 1) await attemptSignIn(db, { email, password: 'typo' }, from('192.0.2.1'), at(WINDOW_MS / 1000 + 2));
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.1'), at(WINDOW_MS / 1000 + 3))).status).toBe('signed_in');
    for (let i = 0; i < MAX_FAILURES - 1; i += 1) await attemptSignIn(db, { email, password: 'typo' }, from('192.0.2.1'), at(WINDOW_MS / 1000 + 4));
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.1'), at(WINDOW_MS / 1000 + 5))).status).toBe('signed_in');
  });
});

describe('the address bucket cannot be picked by the client (issue 13 item 8)', () => {
  it('a guesser rotating a spoofed X-Forwarded-For across accounts is still one address', async () => {
    const outcomes = [];
    for (let i = 0; i < MAX_FAILURES + 1; i += 1) {
      outcomes.push(await attemptSignIn(db, { email: `target${i}@example.com`, password: 'guess' }, from('203.0.113.66', { spoofed: `10.1.0.${i}` }), start));
    }
    expect(outcomes.map((each) => each.status)).toEqual([...Array(MAX_FAILURES).fill('wrong_credentials'), 'throttled']);
  });

  it("a guesser writing the owner's address into X-Forwarded-For fills its own bucket, not the owner's", async () => {
    const email = await newAccount();
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      await attemptSignIn(db, { email: `other${i}@example.com`, password: 'guess' }, from('203.0.113.77', { spoofed: '192.0.2.50' }), start);
    }
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.50'), start)).status).toBe('signed_in');
  });

  it('without a trusted proxy no address is taken from the header at all', async () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '0');
    const email = await newAccount();
    for (let i = 0; i < MAX_FAILURES; i += 1) await attemptSignIn(db, { email: `spoof${i}@example.com`, password: 'guess' }, from('203.0.113.88'), start);
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('203.0.113.88'), start)).status).toBe('signed_in');
  });
});

describe('a lockout cannot be turned on the owner (issue 13 item 9)', () => {
  it('the owner gets in from a browser that signed in before while a guesser is throttled', async () => {
    const email = await newAccount();
    const device = deviceOf(await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.10'), start));
    passwordChecks.mockClear();
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => attemptSignIn(db, { email, password: `guess-${i}` }, from(`203.0.113.${i}`), at(60))));
    expect(passwordChecks).toHaveBeenCalledTimes(MAX_FAILURES);
    expect(guesses.filter((each) => each.status === 'throttled')).toHaveLength(20 - MAX_FAILURES);
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('203.0.113.1'), at(61))).status).toBe('throttled');
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.10', { cookie: device }), at(62))).status).toBe('signed_in');
    // A new browser waits out the window like anyone else: the price of not letting guessers in.
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.11'), at(63))).status).toBe('throttled');
  });

  it('a stolen known-device cookie still gets only 5 guesses in 15 minutes', async () => {
    const email = await newAccount();
    const device = deviceOf(await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.20'), start));
    passwordChecks.mockClear();
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => attemptSignIn(db, { email, password: `guess-${i}` }, from('203.0.113.20', { cookie: device }), at(1))));
    expect(passwordChecks).toHaveBeenCalledTimes(MAX_FAILURES);
    expect(guesses.filter((each) => each.status === 'throttled')).toHaveLength(10 - MAX_FAILURES);
  });

  it('honours only a genuine, unexpired cookie of this account and its current password', async () => {
    const email = await newAccount();
    const other = await newAccount();
    const device = deviceOf(await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.30'), start));
    const otherDevice = deviceOf(await attemptSignIn(db, { email: other, password: PASSWORD }, from('192.0.2.30'), start));
    for (let i = 0; i < MAX_FAILURES; i += 1) await attemptSignIn(db, { email, password: 'guess' }, from('203.0.113.30'), at(1));
    const tampered = `${device.slice(0, -1)}${device.endsWith('A') ? 'B' : 'A'}`;
    for (const cookie of [tampered, otherDevice, 'garbage']) {
      expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.30', { cookie }), at(2))).status).toBe('throttled');
    }
    // An expired cookie: 180 days on, with the account under attack again.
    const later = KNOWN_DEVICE_MAX_AGE_SECONDS + 10;
    for (let i = 0; i < MAX_FAILURES; i += 1) await attemptSignIn(db, { email, password: 'guess' }, from('203.0.113.31'), at(later));
    expect((await attemptSignIn(db, { email, password: PASSWORD }, from('192.0.2.30', { cookie: device }), at(later + 1))).status).toBe('throttled');
    // A new password forgets every device.
    const fresh = deviceOf(await attemptSignIn(db, { email: other, password: PASSWORD }, from('192.0.2.31'), at(10)));
    const passwordHash = await hashPassword(PASSWORD);
    await db.write((tx) => tx.update(users).set({ passwordHash }).where(eq(users.email, other)));
    for (let i = 0; i < MAX_FAILURES; i += 1) await attemptSignIn(db, { email: other, password: 'guess' }, from('203.0.113.32'), at(11));
    expect((await attemptSignIn(db, { email: other, password: PASSWORD }, from('192.0.2.31', { cookie: fresh }), at(12))).status).toBe('throttled');
  });
});
