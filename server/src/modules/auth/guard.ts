import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { accountById } from './queries.ts';
import type { AccountRow } from './queries.ts';
import { deleteSession, findSession, sessionCookie, touchSession } from './sessions.ts';

/** The caller an account is, in a session of the given stage. */
export function actorOfRow(a: AccountRow, s: Pick<Actor, 'stage' | 'sessionIdHash' | 'csrfToken'>): Actor {
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.display_name,
    role: a.role,
    personId: a.person_id,
    departmentId: a.department_id,
    scope: { committeeId: a.committee_id, path: a.committee_path },
    isRoot: a.committee_parent_id === null,
    ...s,
  };
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const touchEveryMs = 60_000;

// Loads the session on every /api request and enforces: logged in, idle timeout, login
// stage, role, and CSRF token on writes. Routes opt out with config.auth.
export function registerGuard(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req, reply) => {
    // The OpenAPI document is public; it describes the API, it holds no data. The health
    // probes read no session: "live" must answer with the database down.
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.url.startsWith('/api/health'))
      return;
    const cfg = req.routeOptions.config ?? {};
    const token = req.cookies[sessionCookie];
    if (token) {
      const s = await findSession(deps.db, token);
      const now = deps.clock.now();
      if (
        s &&
        now.getTime() - new Date(s.last_seen_at).getTime() > deps.settings.sessionIdleMinutes * 60_000
      ) {
        await deleteSession(deps.db, s.id_hash);
      } else if (s) {
        const a = await accountById(deps.db, s.account_id);
        if (a && !a.disabled_at) {
          req.actor = actorOfRow(a, { stage: s.stage, sessionIdHash: s.id_hash, csrfToken: s.csrf_token });
          if (now.getTime() - new Date(s.last_seen_at).getTime() > touchEveryMs)
            await touchSession(deps.db, s.id_hash, now);
        }
      }
      if (!req.actor) reply.clearCookie(sessionCookie, { path: '/' });
    }
    if (cfg.auth === 'public') return;
    const actor = actorOf(req);
    if (unsafe.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken)
      throw new AppError('auth.csrf');
    if (cfg.auth === 'partial') return;
    if (actor.stage !== 'full') throw new AppError('auth.stage');
    if (cfg.roles && !cfg.roles.includes(actor.role)) throw new AppError('auth.forbidden');
  });
}
