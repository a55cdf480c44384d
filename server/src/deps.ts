import type { Db } from './db/db.ts';
import type { Clock, Ids } from './lib/clock.ts';
import type { Sealer } from './lib/crypto.ts';
import type { MailTransport } from './lib/mail.ts';
import type { SmsGateway } from './lib/sms.ts';

/** Admission control of writes (http/admission.ts; config.ts WRITES_*). */
export type Admission = {
  atOnce: number;
  maxWaiting: number;
  maxWaitMs: number;
  /** A refusal is answered after a random 50–150 % of this (ms) or longer under a flood; 0: at once. */
  refuseDelayMs?: number;
  /** About how many refusals a second leave under a flood (the pause grows to keep to it). */
  refusalsPerSecond?: number;
};

// What every module's service receives: infrastructure passed in, never imported.
export type Deps = {
  db: Db;
  clock: Clock;
  ids: Ids;
  sealer: Sealer;
  sms: SmsGateway;
  mail: MailTransport;
  settings: {
    sessionIdleMinutes: number;
    secureCookies: boolean;
    publicBaseUrl: string;
    /** How long routing suggestions may use inputs read earlier (0: read them every time). */
    routingCacheSeconds?: number;
    /** Citizens' submissions running at once; more wait their turn (unset: no limit). */
    submissionsAtOnce?: number;
    /** Writes running at once, waiting, and how long one may wait (http/admission.ts; unset: no gate). */
    admission?: Admission;
  };
};
