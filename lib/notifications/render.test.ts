import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { renderContext, renderMail } from './render';
import { mailTemplates, type MailTemplates } from './templates';

const db = getDatabase();

// One sample per template; each name or reason carries markup that must reach the HTML escaped.
const samples: { [T in keyof MailTemplates]: MailTemplates[T] } = {
  welcome: { name: 'Ayşe <b>Yılmaz</b>' },
  passwordReset: { name: 'Sam', url: 'http://127.0.0.1:3000/reset-password?token=abc&x=1' },
  emailChange: { name: 'Sam', url: 'http://127.0.0.1:3000/account/email?token=abc', newEmail: 'new@example.com' },
  staffInvite: { inviterName: 'Dana <Boss>', url: 'http://127.0.0.1:3000/join?token=abc' },
  orderPlaced: { number: 'S00042', total: 123450, currency: 'USD', method: 'wire_transfer' },
  orderPaid: { number: 'S00042', total: 123450, currency: 'USD' },
  orderShipped: { number: 'S00042', trackingNumber: '1Z999AA1' },
  orderDelivered: { number: 'S00042' },
  orderCancelled: { number: 'S00042', refunds: [{ amount: 5000, currency: 'USD', destination: 'wallet' }, { amount: 2550, currency: 'USD', destination: 'card' }] },
  topUpConfirmed: { amount: 33950, currency: 'USD', reference: 'P0007' },
  wireRejected: { amount: 10000, currency: 'USD', reference: 'P0008', reason: 'No transfer <arrived> & none expected' },
  refundToWallet: { amount: 1999, currency: 'USD', number: 'S00042' },
  invoiceIssued: { number: 'INV/2026/00001', total: 123450, currency: 'USD', dueDate: '2026-03-31T12:00:00.000Z', invoiceId: 999_999 },
  invoicePaid: { number: 'INV/2026/00001' },
  lowBalance: { balance: 4000, threshold: 5000, currency: 'USD' },
};

async function render<T extends keyof MailTemplates>(template: T, locale: 'en' | 'tr') {
  const message = { template, params: JSON.stringify(samples[template]), locale, userId: null };
  return renderMail(db.read, message, await renderContext(db.read));
}

describe('e-mail templates', () => {
  it.each(mailTemplates.flatMap((template) => [[template, 'en'] as const, [template, 'tr'] as const]))('%s in %s: every word found, links absolute, params escaped', async (template, locale) => {
    const mail = await render(template, locale);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(/\bmail\.\w+\.\w+/); // a missing message shows its key
      expect(part).not.toMatch(/\{\w+\}/); // an unfilled placeholder
    }
    expect(mail.subject.length).toBeGreaterThan(3);
    expect(mail.html).toContain(`<html lang="${locale}">`);
    expect(mail.html).not.toMatch(/<b>|<Boss>|<arrived>/);
    const links = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link).toMatch(/^https?:\/\//);
    // The text part carries the button's link on its own line.
    expect(mail.text).toContain(links[0]?.replaceAll('&amp;', '&') ?? '');
  });

  it.each([
    ['passwordReset', 'en', 'Reset your password'],
    ['passwordReset', 'tr', 'Şifrenizi sıfırlayın'],
    ['orderShipped', 'en', 'Your order S00042 is on its way'],
    ['orderShipped', 'tr', 'S00042 numaralı siparişiniz yola çıktı'],
    ['topUpConfirmed', 'en', '$339.50 added to your wallet'],
    ['lowBalance', 'tr', 'Cüzdan bakiyeniz azaldı'],
  ] as const)('%s in %s has the subject "%s"', async (template, locale, subject) => {
    expect((await render(template, locale)).subject).toBe(subject);
  });

  it('says what to do next for a wire order (bank details, the order number as reference) and for cash on delivery', async () => {
    const wire = await render('orderPlaced', 'en');
    expect(wire.text).toContain('transfer $1,234.50 to the bank account below');
    expect(wire.text).toMatch(/IBAN: GB33 BUKB/);
    expect(wire.text).toContain('Reference: S00042');
    samples.orderPlaced = { ...samples.orderPlaced, method: 'cash_on_delivery' };
    const cash = await render('orderPlaced', 'tr');
    expect(cash.text).toContain('sipariş teslim edildiğinde nakit olarak ödersiniz');
    expect(cash.text).not.toContain('IBAN');
  });

  it('says where each refund of a cancelled order went, and the wire rejection its reason', async () => {
    const cancelled = await render('orderCancelled', 'en');
    expect(cancelled.text).toContain('$50.00 went back to your wallet');
    expect(cancelled.text).toContain('$25.50 was refunded to your card');
    expect((await render('wireRejected', 'en')).text).toContain('Reason: No transfer <arrived> & none expected');
    expect((await render('wireRejected', 'en')).html).toContain('Reason: No transfer &lt;arrived&gt; &amp; none expected');
  });

  it('links the low-balance alert to Add Money and states the due date in the shop time zone', async () => {
    expect((await render('lowBalance', 'en')).text).toMatch(/Add Money:\nhttps?:\/\/[^\s]+\/my\/wallet\/add\n/);
    expect((await render('invoiceIssued', 'en')).text).toContain('Please pay it by Mar 31, 2026.');
  });
});
