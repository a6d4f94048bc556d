// npm run api-key -- create <name> [--staff <email>]   prints {"apiKey","secretKey"} once, as JSON
// npm run api-key -- revoke <apiKey>
// npm run api-key -- list
// Keys act for a staff member (the first one, unless --staff names another): the money they move
// is recorded in that person's name in the audit log.
import { asc, eq } from 'drizzle-orm';

const { getDatabase } = await import('@/db');
const { users } = await import('@/db/schema');
const { createApiKey, listApiKeys, revokeApiKey } = await import('@/lib/api/secrets');

const db = getDatabase();

const usage = 'Usage: npm run api-key -- create <name> [--staff <email>] | revoke <apiKey> | list';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function staffId(email: string | undefined): Promise<number> {
  const [staff] = email
    ? await db.read.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email.trim().toLowerCase()))
    : await db.read.select({ id: users.id, role: users.role }).from(users).where(eq(users.role, 'staff')).orderBy(asc(users.id)).limit(1);
  if (!staff || staff.role !== 'staff') fail(email ? `${email} is not a staff member.` : 'There is no staff member yet; run npm run db:seed or create one first.');
  return staff.id;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'create') {
  const staffFlag = rest.indexOf('--staff');
  const email = staffFlag >= 0 ? rest[staffFlag + 1] : undefined;
  const name = rest.filter((_, index) => staffFlag < 0 || (index !== staffFlag && index !== staffFlag + 1)).join(' ').trim();
  if (!name) fail(usage);
  const key = await createApiKey(db, { name, staffId: await staffId(email) });
  console.log(JSON.stringify({ name: key.name, apiKey: key.apiKey, secretKey: key.secretKey }, null, 2));
} else if (command === 'revoke') {
  const apiKey = rest[0];
  if (!apiKey) fail(usage);
  if (!(await db.write((tx) => revokeApiKey(tx, apiKey)))) fail(`No active API key ${apiKey}.`);
  console.log(`Revoked ${apiKey}.`);
} else if (command === 'list') {
  for (const key of await listApiKeys(db.read)) {
    console.log(`${key.apiKey}  ${key.name}  ${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}`);
  }
} else {
  fail(usage);
}
await db.close();
