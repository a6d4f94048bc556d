import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { claimSignInAttempt, MAX_FAILURES, signInSucceeded, WINDOW_MS } from './throttle';

describe('sign-in throttling', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const db = getDatabase();
  const claim = (email: string, ip: string, at = now, deviceId?: string) => claimSignInAttempt(db, { email, ip, deviceId }, at);
  // One after another, as the synchronous version ran them.
  const claims = async (n: number, attempt: (i: number) => Promise<number | undefined>) => {
    const ids: (number | undefined)[] = [];
    for (let i = 0; i < n; i += 1) ids.push(await attempt(i));
    return ids;
  };

  it('counts every attempt before its password is checked: an account gets 5 in 15 minutes, from any address', async () => {
    expect((await claims(MAX_FAILURES, (i) => claim('a@example.com', `10.0.0.${i}`))).every((id) => id !== undefined)).toBe(true);
    expect(await claim('a@example.com', '10.9.9.9')).toBeUndefined();
    expect(await claim('b@example.com', '10.9.9.9')).toBeDefined();
    expect(await claim('a@example.com', '10.9.9.9', new Date(now.getTime() + WINDOW_MS + 1))).toBeDefined();
  });

  it('blocks an address that guesses across many accounts', async () => {
    await claims(MAX_FAILURES, (i) => claim(`user${i}@example.com`, '192.0.2.7'));
    expect(await claim('someone-else@example.com', '192.0.2.7')).toBeUndefined();
    expect(await claim('someone-else@example.com', '192.0.2.8')).toBeDefined();
  });

  it('does not lock everyone out through a shared loopback or unknown address', async () => {
    await claims(MAX_FAILURES, (i) => claim(`local${i}@example.com`, '127.0.0.1'));
    await claims(MAX_FAILURES, (i) => claim(`anon${i}@example.com`, ''));
    expect(await claim('fresh@example.com', '127.0.0.1')).toBeDefined();
    expect(await claim('fresh2@example.com', '')).toBeDefined();
  });

  it("holds a known device to its own attempts on the account, not the account's or the address's", async () => {
    await claims(MAX_FAILURES, () => claim('owner@example.com', '198.51.100.1'));
    expect(await claim('owner@example.com', '198.51.100.1')).toBeUndefined();
    expect((await claims(MAX_FAILURES, () => claim('owner@example.com', '198.51.100.1', now, 'device-1'))).every((id) => id !== undefined)).toBe(true);
    expect(await claim('owner@example.com', '198.51.100.1', now, 'device-1')).toBeUndefined();
    expect(await claim('owner@example.com', '198.51.100.1', now, 'device-2')).toBeDefined();
  });

  it('a success clears the attempts before it from the same address, not a guesser\'s or later ones', async () => {
    await claim('c@example.com', '192.0.2.99');
    const [typo, mine, later] = await claims(3, () => claim('c@example.com', '203.0.113.1'));
    expect(typo).toBeDefined();
    expect(later).toBeDefined();
    await signInSucceeded(db, { email: 'c@example.com', ip: '203.0.113.1' }, mine ?? 0);
    // Left: the guesser's attempt and the later one; three more fit in the window.
    expect((await claims(3, () => claim('c@example.com', '203.0.113.2'))).every((id) => id !== undefined)).toBe(true);
    expect(await claim('c@example.com', '203.0.113.2')).toBeUndefined();
  });
});
