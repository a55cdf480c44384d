import { appendFile } from 'node:fs/promises';
import { createTransport } from 'nodemailer';
import { keysInLog } from './sms.ts';

// Email is infrastructure like SMS: production wires SMTP (SMTP_URL), development a file or
// the console, tests a memory transport or a real local SMTP server.
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  /** Stable per outbox row, so a re-sent message can be recognised as the same one. */
  messageId?: string;
  /** Idempotency key (the outbox row id): a transport that delivered it already drops the repeat. */
  key?: string;
};
export interface MailTransport {
  send(m: MailMessage): Promise<void>;
}

export type MemoryMail = MailTransport & {
  sent: (MailMessage & { at: Date })[];
  /** Sends dropped because their key had been delivered already. */
  readonly repeats: number;
};

/**
 * Drops a message whose key was delivered before, as a provider's deduplication would;
 * `known` gives the keys delivered before this process started (read at the first send).
 */
function dropsRepeats(
  deliver: (m: MailMessage) => Promise<void>,
  known: () => Promise<string[]> = async () => [],
) {
  let seen: Promise<Set<string>> | undefined;
  let repeats = 0;
  return {
    get repeats() {
      return repeats;
    },
    async send(m: MailMessage) {
      const keys = await (seen ??= known().then((k) => new Set(k)));
      if (m.key !== undefined && keys.has(m.key)) {
        repeats++;
        return;
      }
      await deliver(m);
      if (m.key !== undefined) keys.add(m.key);
    },
  };
}

export function memoryMail(): MemoryMail {
  const sent: (MailMessage & { at: Date })[] = [];
  const t = dropsRepeats(async (m) => void sent.push({ ...m, at: new Date() }));
  return Object.assign(t, { sent });
}

/** Development transport: one JSON line per message in a local file (keys in it count as delivered). */
export function fileMail(file: string): MailTransport & { readonly repeats: number } {
  return dropsRepeats(
    async (m) => {
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...m })}\n`, { mode: 0o600 });
    },
    () => keysInLog(file),
  );
}

export function consoleMail(): MailTransport {
  return {
    async send(m) {
      console.log(`[mail → ${m.to}] ${m.subject}\n${m.text}`);
    },
  };
}

/**
 * SMTP through nodemailer. `url` is smtp://user:pass@host:587 (STARTTLS when offered) or
 * smtps://…:465; the connection is opened per message, which is plenty for notices.
 */
export function smtpMail(url: string, from: string, opts: { allowSelfSigned?: boolean } = {}): MailTransport {
  const transport = createTransport(url, {
    from,
    ...(opts.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  });
  return {
    async send(m) {
      await transport.sendMail({
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.messageId ? { messageId: m.messageId } : {}),
      });
    },
  };
}
