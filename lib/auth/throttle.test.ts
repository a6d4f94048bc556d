import { describe, expect, it } from 'vitest';
import { claimSignInAttempt, MAX_FAILURES, signInSucceeded, WINDOW_MS } from './throttle';

describe('sign-in throttling', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const claim = (email: string, ip: string, at = now, deviceId?: string) => claimSignInAttempt({ email, ip, deviceId }, at);
  const claims = (n: number, attempt: (i: number) => number | undefined) => Array.from({ length: n }, (_, i) => attempt(i));

  it('counts every attempt before its password is checked: an account gets 5 in 15 minutes, from any address', () => {
    expect(claims(MAX_FAILURES, (i) => claim('a@example.com', `10.0.0.${i}`)).every((id) => id !== undefined)).toBe(true);
    expect(claim('a@example.com', '10.9.9.9')).toBeUndefined();
    expect(claim('b@example.com', '10.9.9.9')).toBeDefined();
    expect(claim('a@example.com', '10.9.9.9', new Date(now.getTime() + WINDOW_MS + 1))).toBeDefined();
  });

  it('blocks an address that guesses across many accounts', () => {
    claims(MAX_FAILURES, (i) => claim(`user${i}@example.com`, '192.0.2.7'));
    expect(claim('someone-else@example.com', '192.0.2.7')).toBeUndefined();
    expect(claim('someone-else@example.com', '192.0.2.8')).toBeDefined();
  });

  it('does not lock everyone out through a shared loopback or unknown address', () => {
    claims(MAX_FAILURES, (i) => claim(`local${i}@example.com`, '127.0.0.1'));
    claims(MAX_FAILURES, (i) => claim(`anon${i}@example.com`, ''));
    expect(claim('fresh@example.com', '127.0.0.1')).toBeDefined();
    expect(claim('fresh2@example.com', '')).toBeDefined();
  });

  it("holds a known device to its own attempts on the account, not the account's or the address's", () => {
    claims(MAX_FAILURES, () => claim('owner@example.com', '198.51.100.1'));
    expect(claim('owner@example.com', '198.51.100.1')).toBeUndefined();
    expect(claims(MAX_FAILURES, () => claim('owner@example.com', '198.51.100.1', now, 'device-1')).every((id) => id !== undefined)).toBe(true);
    expect(claim('owner@example.com', '198.51.100.1', now, 'device-1')).toBeUndefined();
    expect(claim('owner@example.com', '198.51.100.1', now, 'device-2')).toBeDefined();
  });

  it('a success clears the attempts before it from the same address, not a guesser\'s or later ones', () => {
    claim('c@example.com', '192.0.2.99');
    const [typo, mine, later] = claims(3, () => claim('c@example.com', '203.0.113.1'));
    expect(typo).toBeDefined();
    expect(later).toBeDefined();
    signInSucceeded({ email: 'c@example.com', ip: '203.0.113.1' }, mine ?? 0);
    // Left: the guesser's attempt and the later one; three more fit in the window.
    expect(claims(3, () => claim('c@example.com', '203.0.113.2')).every((id) => id !== undefined)).toBe(true);
    expect(claim('c@example.com', '203.0.113.2')).toBeUndefined();
  });
});
