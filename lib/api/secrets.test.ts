import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { apiKeys } from '@/db/schema';
import { authSecret } from '@/lib/auth/secret';
import { insertTestUser } from '@/test/helpers/users';
import { createApiKey, decryptSecret, findActiveApiKey, revokeApiKey } from './secrets';
import { authenticate, requestSignature, urlAsSeenByClient } from './signature';

const db = getDatabase();

async function storedRow(apiKey: string) {
  const [row] = await db.read.select().from(apiKeys).where(eq(apiKeys.apiKey, apiKey));
  if (!row) throw new Error('missing row');
  return row;
}

const revoke = (apiKey: string) => db.write((tx) => revokeApiKey(tx, apiKey));

function signedRequest(url: string, key: { apiKey: string; secretKey: string }, body = '', headers: Record<string, string> = {}) {
  const rnd = 'r4nd0m';
  const signature = requestSignature({ url: decodeURIComponent(url), apiKey: key.apiKey, secretKey: key.secretKey, rnd, body });
  return new Request(url, {
    method: body ? 'POST' : 'GET',
    body: body || undefined,
    headers: { 'x-api-key': key.apiKey, 'x-rnd-key': rnd, 'x-auth-version': '1', 'x-signature': signature, ...headers },
  });
}

describe('API key secrets', () => {
  it('stores the secret encrypted, bound to its key, and gives it back only by decrypting', async () => {
    const staff = await insertTestUser(db, 'staff');
    const key = await createApiKey(db, { name: 'ERP', staffId: staff.id });
    const row = await storedRow(key.apiKey);
    const secret = await authSecret(db);
    expect(row.secretCiphertext).not.toContain(key.secretKey);
    expect(row.secretCiphertext).not.toContain(key.secretKey.slice(3, 20));
    expect(decryptSecret(row, secret)).toBe(key.secretKey);

    const other = await createApiKey(db, { name: 'App', staffId: staff.id });
    // A ciphertext moved onto another key's row does not decrypt.
    expect(decryptSecret({ apiKey: other.apiKey, secretCiphertext: row.secretCiphertext }, secret)).toBeUndefined();
    const [version, iv, tag, ciphertext = ''] = row.secretCiphertext.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = [version, iv, tag, flipped.toString('base64url')].join('.');
    expect(decryptSecret({ apiKey: key.apiKey, secretCiphertext: tampered }, secret)).toBeUndefined();
    // Under another auth secret nothing decrypts.
    expect(decryptSecret(row, `${secret}-rotated`)).toBeUndefined();
  });

  it('only lets staff own keys, and a revoked key is no longer found', async () => {
    const customer = await insertTestUser(db, 'customer');
    await expect(createApiKey(db, { name: 'Nope', staffId: customer.id })).rejects.toThrow(/not a staff member/);
    const key = await createApiKey(db, { name: 'Short-lived', staffId: (await insertTestUser(db, 'staff')).id });
    expect((await findActiveApiKey(db.read, key.apiKey))?.name).toBe('Short-lived');
    expect(await revoke(key.apiKey)).toBe(true);
    expect(await revoke(key.apiKey)).toBe(false);
    expect(await findActiveApiKey(db.read, key.apiKey)).toBeUndefined();
  });
});

describe('request signatures', () => {
  const key = async () => createApiKey(db, { name: 'Signer', staffId: (await insertTestUser(db, 'staff')).id });

  it('accepts the signature over the decoded URL and body, and refuses any change', async () => {
    const pair = await key();
    const url = 'http://127.0.0.1:4000/api/craftgate/wallet/v1/wallets/1/wallet-transactions?minCreatedDate=2026-01-01T00%3A00%3A00.000Z';
    expect((await authenticate(db, signedRequest(url, pair), '')).apiKey).toBe(pair.apiKey);
    const body = '{"price":1}';
    expect((await authenticate(db, signedRequest(url, pair, body), body)).apiKey).toBe(pair.apiKey);
    await expect(authenticate(db, signedRequest(url, pair, body), '{"price":2}')).rejects.toThrow(/not valid/);
    await expect(authenticate(db, signedRequest(url, { ...pair, secretKey: 'wrong' }), '')).rejects.toThrow(/not valid/);
    await expect(authenticate(db, signedRequest(url, { ...pair, apiKey: 'ck_unknown' }), '')).rejects.toThrow(/not valid/);
    await expect(authenticate(db, signedRequest(url, pair, '', { 'x-auth-version': '2' }), '')).rejects.toThrow(/x-auth-version/);
  });

  // The Node client sends 1; the Java, Python and PHP clients send v1 (their BaseAdapter's API_VERSION_HEADER_VALUE).
  it.each(['1', 'v1'])('accepts x-auth-version %s, the versions the official clients send', async (version) => {
    const pair = await key();
    const url = 'http://127.0.0.1:4000/api/craftgate/wallet/v1/merchants/me/wallet';
    expect((await authenticate(db, signedRequest(url, pair, '', { 'x-auth-version': version }), '')).apiKey).toBe(pair.apiKey);
  });

  it.each(['', '2', 'v2', 'V1', '1.0'])('refuses x-auth-version %j with 401 naming the header', async (version) => {
    const pair = await key();
    const url = 'http://127.0.0.1:4000/api/craftgate/wallet/v1/merchants/me/wallet';
    await expect(authenticate(db, signedRequest(url, pair, '', { 'x-auth-version': version }), '')).rejects.toMatchObject({
      status: 401,
      errorCode: 'UNAUTHORIZED',
      errorDescription: expect.stringMatching(/x-auth-version/),
    });
  });

  it('reconstructs the URL the client saw from the Host and X-Forwarded headers', () => {
    const internal = 'http://10.0.0.5:3000/api/craftgate/onboarding/v1/members?name=a%20b';
    expect(urlAsSeenByClient(new Request(internal))).toBe('http://10.0.0.5:3000/api/craftgate/onboarding/v1/members?name=a b');
    const proxied = new Request(internal, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example.com, proxy.local' } });
    expect(urlAsSeenByClient(proxied)).toBe('https://shop.example.com/api/craftgate/onboarding/v1/members?name=a b');
    expect(urlAsSeenByClient(new Request('http://h/api/craftgate/x?bad=%E0%A4%A'))).toBeUndefined();
  });
});
