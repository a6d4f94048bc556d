import { shopUrl } from '@/lib/config';
import type { MailParams, MailTemplate, MailTemplates } from './templates';
import type { MailWords } from './words';

/** What a message says, before it is laid out as text and HTML. */
export type MailContent = {
  subject: string;
  /** The greeting's name; none: a greeting without a name. */
  name?: string;
  paragraphs: string[];
  /** Label/value rows (bank details). */
  details?: [string, string][];
  /** The one button, with an absolute link. */
  action?: { label: string; url: string };
  /** Small print under the button. */
  notes?: string[];
};

/** The shop's facts a message may need, read once per delivery run. */
export type MailShop = {
  shopName: string;
  bank: { holder: string; iban: string; bank: string };
};

type Composer<T extends MailTemplate> = (params: MailParams<T>, words: MailWords, shop: MailShop) => MailContent;

const link = (path: `/${string}`) => shopUrl(path).toString();
const orderLink = (number: string) => link(`/my/orders/${encodeURIComponent(number)}`);

const composers: { [T in MailTemplate]: Composer<T> } = {
  welcome: (p, { t }, shop) => ({
    subject: t('mail.welcome.subject', { shopName: shop.shopName }),
    name: p.name,
    paragraphs: [t('mail.welcome.body')],
    action: { label: t('mail.welcome.action'), url: link('/my/wallet') },
  }),
  passwordReset: (p, { t }) => ({
    subject: t('mail.passwordReset.subject'),
    name: p.name,
    paragraphs: [t('mail.passwordReset.body')],
    action: { label: t('mail.passwordReset.action'), url: p.url },
    notes: [t('mail.passwordReset.note')],
  }),
  emailChange: (p, { t }) => ({
    subject: t('mail.emailChange.subject'),
    name: p.name,
    paragraphs: [t('mail.emailChange.body', { newEmail: p.newEmail })],
    action: { label: t('mail.emailChange.action'), url: p.url },
    notes: [t('mail.emailChange.note')],
  }),
  staffInvite: (p, { t }, shop) => ({
    subject: t('mail.staffInvite.subject', { shopName: shop.shopName }),
    paragraphs: [t('mail.staffInvite.body', { inviterName: p.inviterName, shopName: shop.shopName })],
    action: { label: t('mail.staffInvite.action'), url: p.url },
    notes: [t('mail.staffInvite.note')],
  }),
  orderPlaced: (p, { t, money }, shop) => {
    const total = money(p.total, p.currency);
    const intro = t('mail.orderPlaced.body', { number: p.number, total, method: t(`statuses.paymentMethod.${p.method}`) });
    const content: MailContent = {
      subject: t('mail.orderPlaced.subject', { number: p.number }),
      paragraphs: [intro],
      action: { label: t('mail.orderPlaced.action'), url: orderLink(p.number) },
    };
    if (p.method === 'wire_transfer') {
      content.paragraphs.push(t('mail.orderPlaced.wire', { total }));
      content.details = [
        [t('mail.orderPlaced.accountHolder'), shop.bank.holder],
        [t('mail.orderPlaced.iban'), shop.bank.iban],
        [t('mail.orderPlaced.bank'), shop.bank.bank],
        [t('mail.orderPlaced.reference'), p.number],
      ];
    } else if (p.method === 'cash_on_delivery') {
      content.paragraphs.push(t('mail.orderPlaced.cashOnDelivery', { total }));
    } else {
      content.paragraphs.push(t('mail.orderPlaced.online'));
    }
    return content;
  },
  orderPaid: (p, { t, money }) => ({
    subject: t('mail.orderPaid.subject', { number: p.number }),
    paragraphs: [t('mail.orderPaid.body', { number: p.number, total: money(p.total, p.currency) })],
    action: { label: t('mail.orderPaid.action'), url: orderLink(p.number) },
  }),
  orderShipped: (p, { t }) => ({
    subject: t('mail.orderShipped.subject', { number: p.number }),
    paragraphs: [
      t('mail.orderShipped.body', { number: p.number }),
      ...(p.trackingNumber ? [t('mail.orderShipped.tracking', { trackingNumber: p.trackingNumber })] : []),
    ],
    action: { label: t('mail.orderShipped.action'), url: orderLink(p.number) },
  }),
  orderDelivered: (p, { t }) => ({
    subject: t('mail.orderDelivered.subject', { number: p.number }),
    paragraphs: [t('mail.orderDelivered.body', { number: p.number })],
    action: { label: t('mail.orderDelivered.action'), url: orderLink(p.number) },
  }),
  orderCancelled: (p, { t, money }) => ({
    subject: t('mail.orderCancelled.subject', { number: p.number }),
    paragraphs: [
      t('mail.orderCancelled.body', { number: p.number }),
      ...(p.refunds.length === 0
        ? [t('mail.orderCancelled.noRefund')]
        : p.refunds.map((refund) =>
            t(refund.destination === 'wallet' ? 'mail.orderCancelled.refundWallet' : 'mail.orderCancelled.refundCard', {
              amount: money(refund.amount, refund.currency),
            }),
          )),
    ],
    action: { label: t('mail.orderCancelled.action'), url: orderLink(p.number) },
  }),
  topUpConfirmed: (p, { t, money }) => {
    const amount = money(p.amount, p.currency);
    return {
      subject: t('mail.topUpConfirmed.subject', { amount }),
      paragraphs: [t('mail.topUpConfirmed.body', { amount, reference: p.reference })],
      action: { label: t('mail.topUpConfirmed.action'), url: link('/my/wallet') },
    };
  },
  wireRejected: (p, { t, money }) => ({
    subject: t('mail.wireRejected.subject', { reference: p.reference }),
    paragraphs: [
      t('mail.wireRejected.body', { amount: money(p.amount, p.currency), reference: p.reference }),
      t('mail.wireRejected.reason', { reason: p.reason }),
    ],
    action: { label: t('mail.wireRejected.action'), url: link('/my/wallet/add') },
  }),
  refundToWallet: (p, { t, money }) => {
    const amount = money(p.amount, p.currency);
    return {
      subject: t('mail.refundToWallet.subject', { amount }),
      paragraphs: [p.number ? t('mail.refundToWallet.bodyOrder', { amount, number: p.number }) : t('mail.refundToWallet.body', { amount })],
      action: { label: t('mail.refundToWallet.action'), url: link('/my/wallet') },
    };
  },
  invoiceIssued: (p, { t, money, date }) => {
    const due = p.dueDate ? new Date(p.dueDate) : null;
    return {
      subject: t('mail.invoiceIssued.subject', { number: p.number }),
      paragraphs: [
        t('mail.invoiceIssued.body', { number: p.number, total: money(p.total, p.currency) }),
        ...(due && !Number.isNaN(due.getTime()) ? [t('mail.invoiceIssued.due', { dueDate: date(due) })] : []),
      ],
      action: { label: t('mail.invoiceIssued.action'), url: link(`/my/invoices/${p.invoiceId}`) },
    };
  },
  invoicePaid: (p, { t }) => ({
    subject: t('mail.invoicePaid.subject', { number: p.number }),
    paragraphs: [t('mail.invoicePaid.body', { number: p.number })],
    action: { label: t('mail.invoicePaid.action'), url: link('/my/invoices') },
  }),
  lowBalance: (p, { t, money }) => ({
    subject: t('mail.lowBalance.subject'),
    paragraphs: [t('mail.lowBalance.body', { balance: money(p.balance, p.currency), threshold: money(p.threshold, p.currency) })],
    action: { label: t('mail.lowBalance.action'), url: link('/my/wallet/add') },
    notes: [t('mail.lowBalance.note')],
  }),
};

/** What the message `template` says with `params`, in the words given. */
export function composeMail<T extends MailTemplate>(template: T, params: MailTemplates[T], words: MailWords, shop: MailShop): MailContent {
  return (composers[template] as Composer<T>)(params, words, shop);
}
