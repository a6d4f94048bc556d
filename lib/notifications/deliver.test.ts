import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { mailOutbox, users } from '@/db/schema';
import { createInvoice } from '@/lib/invoices/create';
import { getBalance } from '@/lib/ledger';
import { payWithDemoCard } from '@/lib/payments/demo';
import { findPayment } from '@/lib/payments/records';
import { startTopUp } from '@/lib/wallet/top-ups';
import { startSmtpCapture, type SmtpCapture } from '@/test/helpers/smtp';
import { insertTestUser } from '@/test/helpers/users';
import { deliverDueMail, deliverMailJob, MAIL_CLAIM_MS, MAX_MAIL_ATTEMPTS, retryDelayMs } from './deliver';
import { notifyInvoiceIssued, notifyOrderDelivered } from './events';
import { enqueueMail } from './outbox';
import { smtpTransport } from './transport';

const db = getDatabase();
const card = { cardHolderName: 'Sam Shopper', cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(() => smtp.setMode('accept'));

const transport = () => smtpTransport(smtp.url, 'Coffer <shop@localhost>');
const row = async (key: string) => (await db.read.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, key)))[0];
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

/** An order-delivered e-mail for `shopper` (the order itself is not needed to send it); returns its dedupe key. */
async function delivered(shopper: { id: number }, number = 'S00001') {
  const orderId = crypto.randomInt(1, 2 ** 31 - 1);
  await db.write((tx) => notifyOrderDelivered(tx, { id: orderId, number, userId: shopper.id }));
  return `order-delivered:${orderId}`;
}

describe('delivering the outbox over SMTP (a real server on loopback)', () => {
  it('sends a due message with text and HTML parts, once, and marks it sent', async () => {
    const shopper = await insertTestUser(db);
    const key = await delivered(shopper, 'S00042');
    const report = await deliverDueMail(db, transport());
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const [mail, ...again] = smtp.to(shopper.email);
    expect(again).toEqual([]);
    expect(mail).toMatchObject({ subject: 'Your order S00042 was delivered', from: 'Coffer <shop@localhost>' });
    expect(mail?.text).toContain(`Hello ${shopper.name},`);
    expect(mail?.text).toMatch(/View your order:\nhttp:\/\/localhost:3000\/my\/orders\/S00042/);
    expect(mail?.html).toContain('href="http://localhost:3000/my/orders/S00042"');
    expect(await row(key)).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect((await row(key))?.sentAt).toBeInstanceOf(Date);

    await deliverDueMail(db, transport(), { now: later(new Date(), 24 * 3600_000) });
    expect(smtp.to(shopper.email)).toHaveLength(1);
  });

  it("writes in the recipient's language: a Turkish shopper's e-mail is in Turkish", async () => {
    const shopper = await insertTestUser(db);
    await db.write((tx) => tx.update(users).set({ locale: 'tr' }).where(eq(users.id, shopper.id)));
    await db.write((tx) =>
      enqueueMail(tx, {
        dedupeKey: `password-reset:test-${shopper.id}`,
        to: { address: shopper.email, userId: shopper.id },
        template: 'passwordReset',
        params: { name: 'Işıl', url: 'http://localhost:3000/reset-password?token=t' },
      }),
    );
    await deliverDueMail(db, transport());
    const [mail] = smtp.to(shopper.email);
    expect(mail?.subject).toBe('Şifrenizi sıfırlayın');
    expect(mail?.text).toContain('Merhaba Işıl,');
    expect(mail?.text).toContain('http://localhost:3000/reset-password?token=t');
  });

  it('retries a refusing server (451) with back-off, and the payment that wrote the e-mail is never blocked or undone', async () => {
    smtp.setMode('refuse');
    const shopper = await insertTestUser(db);
    const started = await startTopUp(db, shopper, { amount: '25', method: 'card', attemptKey: crypto.randomUUID() });
    if (started.status !== 'redirect') throw new Error('expected a card top-up');
    expect((await payWithDemoCard(db, shopper.id, started.payment.reference, card)).status).toBe('done');
    const key = `top-up-confirmed:${started.payment.id}`;

    const now = new Date();
    const refusalsBefore = smtp.refusals;
    expect((await deliverDueMail(db, transport(), { now })).retrying).toBeGreaterThanOrEqual(1);
    expect(smtp.refusals).toBeGreaterThan(refusalsBefore);
    expect(await row(key)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: later(now, retryDelayMs(1)) });
    expect((await row(key))?.lastError).toMatch(/451/);

    // Not due before its back-off is over.
    await deliverDueMail(db, transport(), { now: later(now, retryDelayMs(1) - 1) });
    expect((await row(key))?.attempts).toBe(1);
    // Due again: refused again, and it waits twice as long.
    const second = later(now, retryDelayMs(1));
    await deliverDueMail(db, transport(), { now: second });
    expect(await row(key)).toMatchObject({ state: 'pending', attempts: 2, nextAttemptAt: later(second, retryDelayMs(2)) });
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    smtp.setMode('accept');
    await deliverDueMail(db, transport(), { now: later(second, retryDelayMs(2)) });
    expect(await row(key)).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(smtp.to(shopper.email).map((mail) => mail.subject)).toEqual(['$25.00 added to your wallet']);
    // The money moved once, whatever the mail server said.
    expect((await getBalance(db.read, { wallet: shopper.id, currency: 'USD' })).available).toBe(2500);
    expect((await findPayment(db.read, started.payment.id))?.state).toBe('done');
  });

  it(`gives a message up as failed after ${MAX_MAIL_ATTEMPTS} refused attempts, and at once when the server says it never will (550)`, async () => {
    smtp.setMode('refuse');
    const shopper = await insertTestUser(db);
    const key = await delivered(shopper);
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt += 1) {
      await deliverDueMail(db, transport(), { now });
      now = later(now, retryDelayMs(attempt));
    }
    expect(await row(key)).toMatchObject({ state: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    expect((await row(key))?.lastError).toMatch(/451/);
    await deliverDueMail(db, transport(), { now: later(now, 365 * 24 * 3600_000) });
    expect((await row(key))?.attempts).toBe(MAX_MAIL_ATTEMPTS);

    smtp.setMode('reject');
    const other = await insertTestUser(db);
    const rejected = await delivered(other);
    await deliverDueMail(db, transport(), { now: later(now, 365 * 24 * 3600_000) });
    expect(await row(rejected)).toMatchObject({ state: 'failed', attempts: 1 });
    expect((await row(rejected))?.lastError).toMatch(/550/);
    expect(smtp.to(other.email)).toEqual([]);
  });

  it('a runner that died after claiming leaves the message to be sent after the claim runs out', async () => {
    const shopper = await insertTestUser(db);
    const key = await delivered(shopper);
    const now = new Date();
    // What a runner's claim leaves behind when its process dies before it sends.
    await db.write((tx) => tx.update(mailOutbox).set({ attempts: 1, nextAttemptAt: later(now, MAIL_CLAIM_MS) }).where(eq(mailOutbox.dedupeKey, key)));
    await deliverDueMail(db, transport(), { now });
    expect(smtp.to(shopper.email)).toEqual([]);
    await deliverDueMail(db, transport(), { now: later(now, MAIL_CLAIM_MS) });
    expect(smtp.to(shopper.email)).toHaveLength(1);
    expect(await row(key)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('hands back what a slow server left no time for, unsent and due again at once', async () => {
    await deliverDueMail(db, transport());
    const shoppers = await Promise.all([1, 2, 3].map(() => insertTestUser(db)));
    const keys: string[] = [];
    for (const shopper of shoppers) keys.push(await delivered(shopper));
    const report = await deliverDueMail(db, transport(), { batch: 3, budgetMs: 0 });
    expect(report.sent).toBe(1);
    const rows = await Promise.all(keys.map(row));
    expect(rows.map((message) => message?.state).sort()).toEqual(['pending', 'pending', 'sent']);
    for (const message of rows.filter((each) => each?.state === 'pending')) {
      expect(message).toMatchObject({ attempts: 0 });
      expect(message?.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    await deliverDueMail(db, transport());
    for (const shopper of shoppers) expect(smtp.to(shopper.email)).toHaveLength(1);
  });

  it('attaches the invoice PDF to the invoice e-mail', async () => {
    const shopper = await insertTestUser(db);
    await db.write(async (tx) => {
      const invoice = await createInvoice(tx, { userId: shopper.id, currency: 'USD', lines: [{ description: 'Coffee beans', quantity: 2, unitPriceMinor: 1250 }] });
      await notifyInvoiceIssued(tx, invoice);
    });
    await deliverDueMail(db, transport());
    const [mail] = smtp.to(shopper.email);
    expect(mail?.subject).toMatch(/^Invoice INV\/\d{4}\/\d+$/);
    expect(mail?.text).toContain('$25.00');
    expect(mail?.attachments).toEqual([{ filename: `${mail?.subject.slice('Invoice '.length).replaceAll('/', '-')}.pdf`, contentType: 'application/pdf', size: expect.any(Number) }]);
    expect(mail?.attachments[0]?.size).toBeGreaterThan(1000);
  });

  it('without SMTP_URL the job sends nothing: messages wait in the outbox, unsent', async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const shopper = await insertTestUser(db);
    const key = await delivered(shopper);
    expect(await deliverMailJob(db, new Date())).toEqual({ skipped: 'noMailServer' });
    expect(await row(key)).toMatchObject({ state: 'pending', attempts: 0, sentAt: null });
  });
});

describe('several job runners at once (separate processes, as several app servers)', () => {
  const run = promisify(execFile);
  const worker = path.resolve(import.meta.dirname, '..', '..', 'test', 'workers', 'mail-delivery-worker.ts');

  it('deliver each message exactly once', { timeout: 180_000 }, async () => {
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => insertTestUser(db)));
    for (const shopper of shoppers) await delivered(shopper);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        run(process.execPath, ['--import', 'tsx', worker, JSON.stringify({ smtpUrl: smtp.url, batch: 2 })], {
          cwd: path.resolve(import.meta.dirname, '..', '..'),
          env: process.env,
          timeout: 150_000,
        }),
      ),
    );
    const sent = results.map(({ stdout }) => (JSON.parse(stdout) as { sent: number }).sent);
    expect(sent.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(12);
    for (const shopper of shoppers) expect(smtp.to(shopper.email)).toHaveLength(1);
  });
});
