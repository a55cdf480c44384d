import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../deps.ts';
import { every } from '../../lib/every.ts';
import { deliverPending } from './outbox.ts';
import { pruneLimits } from '../../http/rate-limit.ts';

// Requests flush the outbox right after commit; this loop retries what failed then (a
// gateway down, a crash between commit and send) and sweeps spent codes and old counters.
export function startOutboxWorker(deps: Deps, log: FastifyBaseLogger, intervalMs = 30_000) {
  return every(
    intervalMs,
    async () => {
      const { sent, failed } = await deliverPending(deps);
      if (sent || failed) log.info({ sent, failed }, 'outbox delivery');
      await pruneLimits(deps);
      await deps.db.query('delete from sms_codes where expires_at < $1', [
        new Date(deps.clock.now().getTime() - 86400_000),
      ]);
    },
    (err) => log.error({ err }, 'outbox delivery failed'),
  );
}
