import path from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import type { Deps } from './deps.ts';
import { randomIds, systemClock } from './lib/clock.ts';
import { consoleMail, fileMail, smtpMail } from './lib/mail.ts';
import { consoleSms, fileSms } from './lib/sms.ts';
import type { Sealer } from './lib/crypto.ts';

/**
 * The app's infrastructure as configured: for the HTTP process and its job thread alike. The
 * sealer comes from the caller (modules/keys checks the key against the database's fingerprint).
 */
export async function depsFromConfig(config: Config, db: Db, sealer: Sealer): Promise<Deps> {
  return {
    db,
    clock: systemClock,
    ids: randomIds,
    sealer,
    sms: config.SMS_TRANSPORT === 'console' ? consoleSms() : fileSms(path.join(config.DATA_DIR, 'sms.log')),
    mail: config.SMTP_URL
      ? smtpMail(config.SMTP_URL, config.MAIL_FROM)
      : config.MAIL_TRANSPORT === 'console'
        ? consoleMail()
        : fileMail(path.join(config.DATA_DIR, 'mail.log')),
    settings: {
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
      secureCookies: config.SECURE_COOKIES,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      routingCacheSeconds: 30,
      submissionsAtOnce: config.SUBMISSIONS_AT_ONCE,
      admission: {
        atOnce: config.WRITES_AT_ONCE,
        maxWaiting: config.WRITES_WAITING,
        maxWaitMs: config.WRITES_MAX_WAIT_MS,
        refuseDelayMs: config.WRITES_REFUSE_DELAY_MS,
        refusalsPerSecond: config.WRITES_REFUSALS_PER_SECOND,
      },
    },
  };
}
