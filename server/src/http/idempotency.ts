import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { AppError } from './errors.ts';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { actor: string; key: string } | null;
  }
  interface FastifyContextConfig {
    /** 'own': the route keeps its writes idempotent itself (idempotencyKeyOf), in its own rows. */
    idempotency?: 'own';
  }
}

/** The request's Idempotency-Key, checked: what a route with `idempotency: 'own'` uses. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string') return undefined;
  if (key.length < 8 || key.length > 100)
    throw new AppError('request.invalid', {
      fields: [{ field: 'headers.idempotency-key', problem: 'invalid_format' }],
    });
  return key;
}

// A write sent with an Idempotency-Key header runs once: a retry (double tap, a dropped
// answer on a weak network) gets the first answer back instead of doing the work again.
// Runs after the guard, so keys are per account (or per IP for anonymous callers). The
// key's row costs two committed writes; a hot route can keep its own (a citizen's
// submission stores the key with the concern).
export function registerIdempotency(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req, reply) => {
    if (!unsafe.has(req.method) || !req.url.startsWith('/api/')) return;
    if (req.routeOptions.config?.idempotency === 'own') return;
    const key = idempotencyKeyOf(req);
    if (key === undefined) return;
    const actor = req.actor?.accountId ?? `ip:${req.ip}`;
    const path = req.url;
    const inserted = await deps.db.query(
      `insert into idempotency_keys (actor, key, method, path, created_at) values ($1, $2, $3, $4, $5)
       on conflict (actor, key) do nothing returning key`,
      [actor, key, req.method, path, deps.clock.now()],
    );
    if (inserted.length) {
      req.idempotency = { actor, key };
      return;
    }
    const [prev] = await deps.db.query<{
      method: string;
      path: string;
      status: number | null;
      body: string | null;
    }>('select method, path, status, body from idempotency_keys where actor = $1 and key = $2', [actor, key]);
    if (!prev || prev.method !== req.method || prev.path !== path)
      throw new AppError('request.idempotency_mismatch');
    if (prev.status === null) throw new AppError('request.idempotency_in_progress');
    return reply
      .code(prev.status)
      .header('idempotent-replay', 'true')
      .type('application/json; charset=utf-8')
      .send(prev.body);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const k = req.idempotency;
    if (!k) return payload;
    if (reply.statusCode >= 400 || typeof payload !== 'string') {
      // Only a done write is replayed; after a refusal (bad input, 429, a wrong code) a
      // retry with the same key runs again.
      await deps.db.query('delete from idempotency_keys where actor = $1 and key = $2', [k.actor, k.key]);
    } else {
      await deps.db.query(
        'update idempotency_keys set status = $3, body = $4 where actor = $1 and key = $2',
        [k.actor, k.key, reply.statusCode, payload],
      );
    }
    return payload;
  });
}
