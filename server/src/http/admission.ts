import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { GateBusy, gate } from '../lib/gate.ts';
import type { Gate } from '../lib/gate.ts';
import { noteErrorCode } from './error-handler.ts';
import { AppError, errorBodyOf, langOf } from './errors.ts';

// Admission control for every write: POST/PUT/PATCH/DELETE under /api (a hook, before the
// session lookup, so a refusal reads nothing) and the citizens' H5 posts (which call
// `admit` inside their handler, so a refused form is shown again with what was typed).
// At most `atOnce` writes run together; a few more wait a short time; the rest are told
// "busy, retry in a moment" (503 with Retry-After) after a pause. Why: under a flood the writes
// that got in run at full speed and answer within a second, instead of all of them sharing
// the CPU and the pool and none finishing (bench/overload.ts). Reads are not gated: they
// hold no lock, and the health check must answer throughout.

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const busy = () => new AppError('request.busy', { extra: { retryAfterSeconds: 1 } });

// A refusal answered at once is an invitation to a client that retries in a loop: 400 such
// clients made ~1,000 refusals a second, which took the process's CPU from the writes it had
// let in (bench/overload.ts: 6 % of the steady rate). Answered after a pause, a refusal costs
// a timer and an open socket meanwhile. The more refusals are pausing, the longer each
// pauses, so that they leave at about `refusalsPerSecond` however many clients loop (a fixed
// second still let ~300 a second leave, and the flood kept a third of the steady rate);
// capped at 10 s so a socket is not held for long. The jitter keeps retries apart.
const pausingOf = new WeakMap<object, { n: number }>();
const pause = async (deps: Deps) => {
  const a = deps.settings.admission;
  const base = a?.refuseDelayMs ?? 0;
  if (base <= 0) return;
  let pausing = pausingOf.get(deps);
  if (!pausing) pausingOf.set(deps, (pausing = { n: 0 }));
  const spread = (pausing.n / (a?.refusalsPerSecond ?? 100)) * 1000;
  const ms = Math.min(10_000, Math.max(base, spread)) * (0.5 + Math.random());
  pausing.n++;
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    pausing.n--;
  }
};
async function refused(deps: Deps): Promise<never> {
  await pause(deps);
  throw busy();
}

// The API's refusal, serialised once per language: under a flood it is most of what the
// process answers, so it skips the error handler's mapping and the body's serialisation.
const bodies = new Map(
  (['zh-CN', 'en'] as const).map((lang) => [lang, JSON.stringify(errorBodyOf(busy(), lang))]),
);

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
    if (err instanceof GateBusy) return refused(deps);
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
      if (!(err instanceof GateBusy)) throw err;
      await pause(deps);
      noteErrorCode(req, 'request.busy');
      return reply
        .code(503)
        .header('retry-after', String(busy().extra.retryAfterSeconds))
        .type('application/json; charset=utf-8')
        .send(bodies.get(langOf(req.headers['accept-language'])));
    }
    held.set(req, leave);
    // Handed back when the answer is sent, or when the client went away before it.
    reply.raw.once('close', leave);
  });
  app.addHook('onResponse', async (req) => held.get(req)?.());
}
