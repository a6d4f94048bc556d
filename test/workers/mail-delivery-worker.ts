// A separate process delivering the outbox, for lib/notifications/deliver.test.ts: several of them
// at once stand for several app servers running the delivery job. It claims small batches until
// none is due and prints how many it sent as JSON. Run with `node --import tsx` and DATABASE_URL
// pointing at the test database; argv[2]: {"smtpUrl": "...", "batch": 3}.
import { getDatabase } from '@/db';
import { deliverDueMail } from '@/lib/notifications/deliver';
import { smtpTransport } from '@/lib/notifications/transport';

const input: { smtpUrl: string; batch: number } = JSON.parse(process.argv[2] ?? '{}');
const db = getDatabase();
const transport = smtpTransport(input.smtpUrl, 'Coffer <shop@localhost>');
let sent = 0;
try {
  for (;;) {
    const report = await deliverDueMail(db, transport, { batch: input.batch });
    sent += report.sent;
    if (report.sent + report.retrying + report.failed === 0) break;
  }
} finally {
  await db.close();
}
process.stdout.write(JSON.stringify({ sent }));
