import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { GateBusy, gate } from '../lib/gate.ts';
import type { Gate } from '../lib/gate.ts';
import { AppError } from './errors.ts';

// Admission control for every write: POST/PUT/PATCH/DELETE under /api (a hook, before the
// session lookup, so a refusal reads nothing) and the citizens' H5 posts (which call
// `admit` inside their handler, so a refused form is shown again with what was typed).
// At most `atOnce` writes run together; a few more wait a short time; the rest are told
// "busy, retry in a moment" (503 with Retry-After) at once. Why: under a flood the writes
// that got in run at full speed and answer within a second, instead of all of them sharing
// the CPU and the pool and none finishing (bench/overload.ts). Reads are not gated: they
// hold no lock, and the health check must answer throughout.

export type Admission = { atOnce: number; maxWaiting: number; maxWaitMs: number };

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const busy = () => new AppError('request.busy', { extra: { retryAfterSeconds: 2 } });

const gates = new WeakMap<object, Gate>();
/** The write gate of this app (one per deps), or none when admission is not configured. */
export function writeGate(deps: Deps): Gate | undefined {
  const a = deps.settings.admission;
  if (!a || a.atOnce <= 0) return undefined;
  let g = gates.get(deps);
  if (!g) gates.set(deps, (g = gate(a)));
  return g;
}

/** Runs a write through the gate; a refusal is AppError('request.busy'). */
export async function admit<T>(deps: Deps, fn: () => Promise<T>): Promise<T> {
  const g = writeGate(deps);
  if (!g) return fn();
  let leave: () => void;
  try {
    leave = await g.enter();
  } catch (err) {
    if (err instanceof GateBusy) throw busy();
    throw err;
  }
  try {
    return await fn();
  } finally {
    leave();
  }
}

const held = new WeakMap<FastifyRequest, () => void>();

export function registerAdmission(app: FastifyInstance, deps: Deps) {
  app.addHook('onRequest', async (req, reply) => {
    if (!unsafe.has(req.method) || !req.url.startsWith('/api/')) return;
    const g = writeGate(deps);
    if (!g) return;
    let leave: () => void;
    try {
      leave = await g.enter();
    } catch (err) {
      if (err instanceof GateBusy) throw busy();
      throw err;
    }
    held.set(req, leave);
    // Handed back when the answer is sent, or when the client went away before it.
    reply.raw.once('close', leave);
  });
  app.addHook('onResponse', async (req) => held.get(req)?.());
}
