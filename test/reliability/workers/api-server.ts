// Child process for the crash test: serves the merchant API route handler on a loopback port with
// its own connection to the test file's database (DATABASE_URL is inherited), and prints the port.
import { startApiServer } from '@/test/api/craftgate-server';

const server = await startApiServer();
process.stdout.write(`listening ${new URL(server.origin).port}\n`);
