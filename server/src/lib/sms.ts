import { appendFile, readFile } from 'node:fs/promises';

// The SMS gateway is infrastructure: production wires a provider's client, development a
// file or the console, tests a memory transport they can read.
export type SmsMessage = { to: string; text: string; at: Date; key?: string };
export type SmsOptions = {
  /**
   * Stable per message (the outbox row id): a gateway that has delivered this key already
   * drops the repeat, so a message re-sent after a sender died mid-way reaches the citizen once.
   */
  key?: string;
};
export interface SmsGateway {
  send(to: string, text: string, opts?: SmsOptions): Promise<void>;
}

/**
 * Drops a message whose key was delivered before, as a gateway's deduplication does; a key
 * counts as delivered only once the delivery succeeded. `known` gives the keys delivered
 * before this process started (read once, at the first send).
 */
function dropsRepeats(
  deliver: (to: string, text: string, key?: string) => Promise<void>,
  known: () => Promise<string[]> = async () => [],
) {
  let seen: Promise<Set<string>> | undefined;
  let repeats = 0;
  return {
    get repeats() {
      return repeats;
    },
    async send(to: string, text: string, opts: SmsOptions = {}) {
      const keys = await (seen ??= known().then((k) => new Set(k)));
      if (opts.key !== undefined && keys.has(opts.key)) {
        repeats++;
        return;
      }
      await deliver(to, text, opts.key);
      if (opts.key !== undefined) keys.add(opts.key);
    },
  };
}

export type MemorySms = SmsGateway & {
  sent: SmsMessage[];
  /** Sends dropped because their key had been delivered already. */
  readonly repeats: number;
  last(to: string): SmsMessage | undefined;
};

export function memorySms(): MemorySms {
  const sent: SmsMessage[] = [];
  const t = dropsRepeats(async (to, text, key) => {
    sent.push({ to, text, at: new Date(), ...(key === undefined ? {} : { key }) });
  });
  return Object.assign(t, { sent, last: (to: string) => sent.filter((m) => m.to === to).at(-1) });
}

/** The keys of the messages a JSON-lines log holds (none when there is no log yet). */
export async function keysInLog(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  });
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { key?: string }).key)
    .filter((k): k is string => typeof k === 'string');
}

/**
 * Development transport: one JSON line per message in a local file nobody else reads. Keys
 * already in the file count as delivered, so a message re-sent after a restart is dropped.
 */
export function fileSms(file: string): SmsGateway & { readonly repeats: number } {
  return dropsRepeats(
    async (to, text, key) => {
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), to, text, key })}\n`, {
        mode: 0o600,
      });
    },
    () => keysInLog(file),
  );
}

/** Development transport: the message on stdout, for a developer at the console. */
export function consoleSms(): SmsGateway {
  return {
    async send(to, text) {
      console.log(`[sms → ${to}] ${text}`);
    },
  };
}
