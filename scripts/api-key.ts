// npm run api-key -- create <name> [--staff <email>]   prints {"apiKey","secretKey"} once, as JSON
// npm run api-key -- revoke <apiKey>
// npm run api-key -- list
// Keys act for a staff member (the first one, unless --staff names another): the money they move
// is recorded in that person's name in the audit log.
import { asc, eq } from 'drizzle-orm';

const { db } = await import('@/db/client');
const { users } = await import('@/db/schema');
const { createApiKey, listApiKeys, revokeApiKey } = await import('@/lib/api/secrets');

const usage = 'Usage: npm run api-key -- create <name> [--staff <email>] | revoke <apiKey> | list';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function staffId(email: string | undefined): number {
  const staff = email
    ? db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email.trim().toLowerCase())).get()
    : db.select({ id: users.id, role: users.role }).from(users).where(eq(users.role, 'staff')).orderBy(asc(users.id)).get();
  if (!staff || staff.role !== 'staff') fail(email ? `${email} is not a staff member.` : 'There is no staff member yet; run npm run db:seed or create one first.');
  return staff.id;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'create') {
  const staffFlag = rest.indexOf('--staff');
  const email = staffFlag >= 0 ? rest[staffFlag + 1] : undefined;
  const name = rest.filter((_, index) => staffFlag < 0 || (index !== staffFlag && index !== staffFlag + 1)).join(' ').trim();
  if (!name) fail(usage);
  const key = createApiKey({ name, staffId: staffId(email) });
  console.log(JSON.stringify({ name: key.name, apiKey: key.apiKey, secretKey: key.secretKey }, null, 2));
} else if (command === 'revoke') {
  const apiKey = rest[0];
  if (!apiKey) fail(usage);
  if (!revokeApiKey(apiKey)) fail(`No active API key ${apiKey}.`);
  console.log(`Revoked ${apiKey}.`);
} else if (command === 'list') {
  for (const key of listApiKeys()) {
    console.log(`${key.apiKey}  ${key.name}  ${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}`);
  }
} else {
  fail(usage);
}
