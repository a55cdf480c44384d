import { appendFile } from 'node:fs/promises';

// The SMS gateway is infrastructure: production wires a provider's client, development a
// file or the console, tests a memory transport they can read.
export type SmsMessage = { to: string; text: string; at: Date };
export interface SmsGateway {
  send(to: string, text: string): Promise<void>;
}

export type MemorySms = SmsGateway & { sent: SmsMessage[]; last(to: string): SmsMessage | undefined };

export function memorySms(): MemorySms {
  const sent: SmsMessage[] = [];
  return {
    sent,
    async send(to, text) {
      sent.push({ to, text, at: new Date() });
    },
    last: (to) => sent.filter((m) => m.to === to).at(-1),
  };
}

/** Development transport: one JSON line per message in a local file nobody else reads. */
export function fileSms(file: string): SmsGateway {
  return {
    async send(to, text) {
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), to, text })}\n`, {
        mode: 0o600,
      });
    },
  };
}

/** Development transport: the message on stdout, for a developer at the console. */
export function consoleSms(): SmsGateway {
  return {
    async send(to, text) {
      console.log(`[sms → ${to}] ${text}`);
    },
  };
}
