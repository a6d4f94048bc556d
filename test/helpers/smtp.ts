// A real SMTP server on loopback that keeps what it receives, for the e-mail tests (vitest) and
// the end-to-end run (Playwright's global setup starts one and writes each message as JSON into a
// folder that e2e/fixtures/mailbox.ts reads). It can refuse like a busy server (451) to test
// retries. No '@/…' imports: Playwright loads this file too.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = {
  /** The SMTP envelope's sender and recipients. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; size: number }[];
  headers: Record<string, string>;
  receivedAt: string;
};

/**
 * accept: keep every message; refuse: answer MAIL FROM with 451 (a temporary failure, like a busy
 * server); reject: answer 550 (a permanent one, like an unknown mailbox).
 */
export type SmtpMode = 'accept' | 'refuse' | 'reject';

export type SmtpCapture = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL or smtpTransport. */
  url: string;
  port: number;
  messages: CapturedMail[];
  /** How many times it refused or rejected a message. */
  refusals: number;
  setMode(mode: SmtpMode): void;
  /** The messages sent to `address` (case-insensitive), oldest first. */
  to(address: string): CapturedMail[];
  close(): Promise<void>;
};

// ---- A small MIME reader: enough for what nodemailer writes (multipart, base64, quoted-printable, RFC 2047 words).

type Entity = { headers: Record<string, string>; body: string };

function splitEntity(raw: string): Entity {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function headerParam(value: string | undefined, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

function qpBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const unfolded = text.replace(/=\r?\n/g, '');
  const spaced = underscoreIsSpace ? unfolded.replace(/_/g, ' ') : unfolded;
  return Buffer.from(spaced.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=); adjacent words are joined byte-wise. */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  let result = '';
  let last = 0;
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length) result += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (const match of value.matchAll(word)) {
    const between = value.slice(last, match.index);
    if (!(pending.length && /^\s*$/.test(between))) {
      flush();
      result += between;
    }
    const [, , encoding = 'Q', text = ''] = match;
    pending.push(encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text, true));
    last = (match.index ?? 0) + match[0].length;
  }
  flush();
  return result + value.slice(last);
}

function decodeBody(entity: Entity): Buffer {
  const encoding = (entity.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') return qpBytes(entity.body, false);
  return Buffer.from(entity.body, 'utf8');
}

type Parts = { text: string; html: string; attachments: CapturedMail['attachments'] };

function readParts(entity: Entity, parts: Parts): void {
  const type = entity.headers['content-type'] ?? 'text/plain';
  const boundary = headerParam(type, 'boundary');
  if (/^multipart\//i.test(type) && boundary) {
    const sections = entity.body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const section of sections.slice(1, -1)) readParts(splitEntity(section), parts);
    return;
  }
  const disposition = entity.headers['content-disposition'] ?? '';
  const content = decodeBody(entity);
  if (/^attachment/i.test(disposition) || !/^text\//i.test(type)) {
    const filename = decodeWords(headerParam(disposition, 'filename') ?? headerParam(type, 'name') ?? '');
    parts.attachments.push({ filename, contentType: type.split(';')[0]?.trim() ?? '', size: content.length });
  } else if (/^text\/html/i.test(type)) parts.html += content.toString('utf8');
  // SMTP carries lines ending in CRLF; tests read them as the sender wrote them.
  else parts.text += content.toString('utf8').replace(/\r\n/g, '\n');
}

/** A raw RFC 5322 message as the parts a test reads. */
export function parseMail(raw: string, envelope: CapturedMail['envelope']): CapturedMail {
  const entity = splitEntity(raw);
  const parts: Parts = { text: '', html: '', attachments: [] };
  readParts(entity, parts);
  const headers = Object.fromEntries(Object.entries(entity.headers).map(([key, value]) => [key, decodeWords(value)]));
  return {
    envelope,
    from: headers.from ?? '',
    to: headers.to ?? '',
    subject: headers.subject ?? '',
    ...parts,
    headers,
    receivedAt: new Date().toISOString(),
  };
}

let written = 0;

/** Writes the message into `folder` as <time>-<n>.json, atomically (a reader never sees half a file). */
function store(folder: string, mail: CapturedMail): void {
  written += 1;
  const name = `${Date.now()}-${process.pid}-${written}.json`;
  const temporary = path.join(folder, `.${name}.tmp`);
  fs.writeFileSync(temporary, JSON.stringify(mail, null, 2));
  fs.renameSync(temporary, path.join(folder, name));
}

/**
 * Starts an SMTP server on 127.0.0.1 (port 0: a free one unless `port` is given) that keeps every
 * message (and, with `folder`, writes each one there as JSON).
 */
export async function startSmtpCapture(options: { port?: number; folder?: string; mode?: SmtpMode } = {}): Promise<SmtpCapture> {
  let mode: SmtpMode = options.mode ?? 'accept';
  const messages: CapturedMail[] = [];
  if (options.folder) fs.mkdirSync(options.folder, { recursive: true });
  const capture = {
    refusals: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (mode !== 'accept') {
        capture.refusals += 1;
        const refusal =
          mode === 'refuse'
            ? Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 })
            : Object.assign(new Error('No such mailbox here'), { responseCode: 550 });
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
        };
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), envelope);
        messages.push(mail);
        if (options.folder) store(options.folder, mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refusals() {
      return capture.refusals;
    },
    setMode(next) {
      mode = next;
    },
    to(address) {
      const wanted = address.toLowerCase();
      return messages.filter((mail) => mail.envelope.to.some((to) => to.toLowerCase() === wanted));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
