import type { MailContent, MailShop } from './compose';
import type { MailWords } from './words';

/** Text made safe to place in HTML (element content and quoted attribute values). */
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

function greeting(content: MailContent, { t }: MailWords): string {
  return content.name ? t('mail.layout.greeting', { name: content.name }) : t('mail.layout.greetingAnonymous');
}

/** The plain-text part: greeting, paragraphs, details, the link on its own line, notes, sign-off. */
export function mailText(content: MailContent, words: MailWords, shop: MailShop): string {
  const blocks: string[] = [greeting(content, words), ...content.paragraphs];
  if (content.details?.length) blocks.push(content.details.map(([label, value]) => `${label}: ${value}`).join('\n'));
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.url}`);
  if (content.notes?.length) blocks.push(...content.notes);
  blocks.push(`${words.t('mail.layout.closing')}\n${shop.shopName}`);
  blocks.push(`--\n${words.t('mail.layout.footer', { shopName: shop.shopName })}`);
  return `${blocks.join('\n\n')}\n`;
}

const font = 'font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif';
const paragraph = `margin:0 0 16px;font-size:15px;line-height:1.5;color:#1c1917;${font}`;
const small = `margin:0 0 12px;font-size:13px;line-height:1.5;color:#57534e;${font}`;

/** The HTML part: one centred column, inline styles only (mail clients drop style sheets), every value escaped. */
export function mailHtml(content: MailContent, words: MailWords, shop: MailShop): string {
  const e = escapeHtml;
  const parts: string[] = [`<p style="${paragraph}">${e(greeting(content, words))}</p>`];
  for (const text of content.paragraphs) parts.push(`<p style="${paragraph}">${e(text)}</p>`);
  if (content.details?.length) {
    const rows = content.details
      .map(
        ([label, value]) =>
          `<tr><th scope="row" style="text-align:left;padding:6px 12px 6px 0;font-weight:600;font-size:14px;color:#57534e;${font}">${e(label)}</th>` +
          `<td style="padding:6px 0;font-size:14px;color:#1c1917;${font}">${e(value)}</td></tr>`,
      )
      .join('');
    parts.push(`<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`);
  }
  if (content.action) {
    const { label, url } = content.action;
    parts.push(
      `<p style="margin:24px 0"><a href="${e(url)}" style="display:inline-block;background:#1c4532;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-size:15px;font-weight:600;${font}">${e(label)}</a></p>`,
      `<p style="${small}">${e(words.t('mail.layout.linkFallback'))}<br><a href="${e(url)}" style="color:#1c4532;word-break:break-all">${e(url)}</a></p>`,
    );
  }
  for (const note of content.notes ?? []) parts.push(`<p style="${small}">${e(note)}</p>`);
  parts.push(`<p style="${paragraph}">${e(words.t('mail.layout.closing'))}<br>${e(shop.shopName)}</p>`);
  return [
    '<!doctype html>',
    `<html lang="${words.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(content.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f5f5f4">',
    '<div style="max-width:560px;margin:0 auto;padding:24px 16px">',
    `<div style="background:#ffffff;border:1px solid #e7e5e4;border-radius:8px;padding:24px">${parts.join('')}</div>`,
    `<p style="${small};margin-top:16px;text-align:center">${e(words.t('mail.layout.footer', { shopName: shop.shopName }))}</p>`,
    '</div></body></html>',
  ].join('');
}
