import { describe, expect, it } from 'vitest';
import { clearSignInFailures, MAX_FAILURES, recordSignInFailure, signInThrottled, WINDOW_MS } from './throttle';

describe('sign-in throttling', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('blocks an account after 5 failures in 15 minutes, from any address', () => {
    for (let i = 0; i < MAX_FAILURES - 1; i += 1) recordSignInFailure('a@example.com', `10.0.0.${i}`, now);
    expect(signInThrottled('a@example.com', '10.9.9.9', now)).toBe(false);
    recordSignInFailure('a@example.com', '10.0.0.9', now);
    expect(signInThrottled('a@example.com', '10.9.9.9', now)).toBe(true);
    expect(signInThrottled('b@example.com', '10.9.9.9', now)).toBe(false);
    expect(signInThrottled('a@example.com', '10.9.9.9', new Date(now.getTime() + WINDOW_MS + 1))).toBe(false);
  });

  it('blocks an address that guesses across many accounts', () => {
    for (let i = 0; i < MAX_FAILURES; i += 1) recordSignInFailure(`user${i}@example.com`, '192.0.2.7', now);
    expect(signInThrottled('someone-else@example.com', '192.0.2.7', now)).toBe(true);
    expect(signInThrottled('someone-else@example.com', '192.0.2.8', now)).toBe(false);
  });

  it('does not lock everyone out through a shared loopback or unknown address', () => {
    for (let i = 0; i < MAX_FAILURES; i += 1) recordSignInFailure(`local${i}@example.com`, '127.0.0.1', now);
    expect(signInThrottled('fresh@example.com', '127.0.0.1', now)).toBe(false);
    for (let i = 0; i < MAX_FAILURES; i += 1) recordSignInFailure(`anon${i}@example.com`, '', now);
    expect(signInThrottled('fresh@example.com', '', now)).toBe(false);
    expect(signInThrottled('local0@example.com', '127.0.0.1', now)).toBe(false);
  });

  it('clears an account after a successful sign-in', () => {
    for (let i = 0; i < MAX_FAILURES; i += 1) recordSignInFailure('c@example.com', `198.51.100.${i}`, now);
    clearSignInFailures('c@example.com');
    expect(signInThrottled('c@example.com', '203.0.113.1', now)).toBe(false);
  });
});
