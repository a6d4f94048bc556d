// The HTTP limit for a wallet payment on this machine: a bare node:http server that parses the
// same JSON body as the API and calls the same lib function (payFromWallet), with no framework,
// no signature check and no envelope. Started by bench/payments.ts; prints its port when ready.
// Env: DATABASE_URL (SQLite file or postgres://…), BENCH_API_KEY_ID, BENCH_STAFF_ID.
import crypto from 'node:crypto';
import http from 'node:http';
import { getDatabase } from '@/db';
import { toMinor } from '@/lib/api/amounts';
import { payFromWallet } from '@/lib/api/wallet-payments';

const apiKeyId = Number(process.env.BENCH_API_KEY_ID);
const staffId = Number(process.env.BENCH_STAFF_ID);
const db = getDatabase();

type PaymentBody = { price: number; currency: string; buyerMemberId: number; items: { name?: string; price: number }[] };

async function pay(body: PaymentBody): Promise<{ status: number; json: unknown }> {
  const amount = toMinor(body.price, body.currency, 'price');
  const result = await payFromWallet(db, {
    apiKeyId,
    buyerId: body.buyerMemberId,
    amount,
    currency: body.currency,
    items: body.items.map((item) => ({ name: item.name ?? null, externalId: null, price: toMinor(item.price, body.currency, 'items') })),
    conversationId: null,
    externalId: null,
    paymentGroup: 'PRODUCT',
    attemptKey: crypto.randomUUID(),
    staffId,
  });
  if (result.status === 'insufficient_funds') return { status: 422, json: { errors: { errorCode: 'INSUFFICIENT_FUNDS' } } };
  return { status: 200, json: { data: { id: result.payment.id, orderId: result.payment.reference, paymentStatus: 'SUCCESS' } } };
}

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    let reply: { status: number; json: unknown };
    try {
      reply = await pay(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch (error) {
      reply = { status: 500, json: { errors: { errorCode: 'INTERNAL_ERROR', errorDescription: String(error) } } };
    }
    response.writeHead(reply.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.json));
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(address !== null && typeof address === 'object' ? address.port : 0);
});
process.on('SIGTERM', () => server.close(() => void db.close().finally(() => process.exit(0))));
