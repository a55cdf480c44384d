import { accountNames } from './modules/auth/for-audit.ts';
import { commonIssueNames } from './modules/common-issues/for-audit.ts';
import { concernNames, replyTemplateNames } from './modules/concerns/for-audit.ts';
import { membershipNames } from './modules/members/for-audit.ts';
import {
  committeeNames,
  departmentNames,
  sectorNames,
  specialCommitteeNames,
} from './modules/org/for-audit.ts';
import { studioNames, studioStandardNames } from './modules/studios/for-audit.ts';
import { consultationNames, outcomeNames, planNames, topicNames } from './modules/consultations/for-audit.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify';
import type { Deps } from './deps.ts';
import { registerAdmission } from './http/admission.ts';
import { errorCodeOf } from './http/error-handler.ts';
import { registerHealth } from './http/health.ts';
import type { HealthOptions } from './http/health.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { createHttp } from './http/server.ts';
import { isCleanText, registerTextRules } from './http/text-rules.ts';
import { refusalCounter } from './modules/audit/refusals.ts';
import type { RefusalCounter } from './modules/audit/refusals.ts';
import { recordAudit, resultOfStatus } from './modules/audit/service.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { accountRoutes } from './modules/auth/accounts.ts';
import { deliverPending, enqueue } from './modules/notify/outbox.ts';
import { registerGuard } from './modules/auth/guard.ts';
import { permissions } from './modules/auth/policy.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { commonIssueRoutes } from './modules/common-issues/routes.ts';
import { topicH5Routes } from './modules/consultations/h5.ts';
import { consultationRoutes } from './modules/consultations/routes.ts';
import { concernRoutes } from './modules/concerns/routes.ts';
import { jobRoutes } from './modules/jobs/routes.ts';
import { memberRoutes } from './modules/members/routes.ts';
import { notifyRoutes } from './modules/notify/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { routingRoutes } from './modules/routing/routes.ts';
import { suggestFor } from './modules/routing/service.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { studioRoutes } from './modules/studios/routes.ts';
import { workbenchRoutes } from './modules/workbench/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The per-minute counts of "not now" refusals (modules/audit/refusals.ts). */
    refusals: RefusalCounter;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Composition root of the HTTP app: infrastructure comes in, nothing is reached for. */
export async function buildApp(
  deps: Deps,
  opts: {
    logger: FastifyBaseLogger;
    webDist?: string;
    trustProxy?: string;
    /** Told of every route as it is registered, with its schemas (tests of the HTTP surface). */
    onRoute?: (route: RouteOptions) => void;
    /** What /api/health/ready checks besides the database (main.ts: the background jobs). */
    health?: HealthOptions;
  },
): Promise<FastifyInstance> {
  const app = await createHttp(opts.logger, opts.trustProxy, opts.onRoute, deps.settings);
  registerTextRules(app); // before the guard: its session lookup must not see a broken path
  // Before the guard too: a write refused as busy has read nothing (no session lookup).
  registerAdmission(app, deps);
  registerGuard(app, deps);
  registerIdempotency(app, deps);

  // Successful writes are audited inside their own transaction by the services; refused and
  // failed ones (bad input, no permission, errors) are recorded here, after the answer.
  // "Not now" refusals (503 busy or database unavailable, 429 too many) are counted and
  // written once a minute (modules/audit/refusals.ts): a row each made a flood of refusals
  // starve the writes that were let in. Security refusals (401, 403, 423, invalid input)
  // keep a row each.
  const refusals = refusalCounter(deps.db, deps.clock, app.log);
  refusals.start();
  app.addHook('onClose', async () => refusals.stop());
  app.decorate('refusals', refusals);
  app.addHook('onResponse', async (req, reply) => {
    if (!unsafe.has(req.method) || !req.url.startsWith('/api/') || reply.statusCode < 400) return;
    const action =
      req.routeOptions.config?.action ?? `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
    if (reply.statusCode === 503 || reply.statusCode === 429) {
      // A route refused before it was matched has no name of its own: counted under one.
      const route = req.routeOptions.url ? action : 'unmatched';
      refusals.count(route, errorCodeOf(req) ?? String(reply.statusCode), reply.statusCode);
      return;
    }
    if (action === 'auth.login' && reply.statusCode !== 400) return; // the login service records its own outcomes
    const a = req.actor;
    // A path the text rules refused is recorded without it: the database could not store it.
    const id = (req.params as { id?: unknown } | undefined)?.id;
    await recordAudit(deps.db, deps.clock, {
      actorId: a?.accountId ?? null,
      actorName: a?.username ?? null,
      committeeId: a?.scope.committeeId ?? null,
      ip: req.ip,
      action,
      targetId: typeof id === 'string' && isCleanText(id) ? id : null,
      result: resultOfStatus(reply.statusCode),
      status: reply.statusCode,
    }).catch((err: unknown) => req.log.error({ err }, 'audit write failed'));
  });

  registerHealth(app, deps, opts.health);
  authRoutes(app, deps);
  accountRoutes(app, deps, { enqueue, deliverPending });
  orgRoutes(app, deps);
  memberRoutes(app, deps);
  auditRoutes(app, deps, permissions['audit.read'], {
    account: accountNames,
    committee: committeeNames,
    department: departmentNames,
    departments: departmentNames,
    sectors: sectorNames,
    special_committees: specialCommitteeNames,
    membership: membershipNames,
    studio: studioNames,
    studio_standard: studioStandardNames,
    concern: concernNames,
    reply_template: replyTemplateNames,
    common_issue: commonIssueNames,
    consultation: consultationNames,
    consultation_topic: topicNames,
    consultation_plan: planNames,
    consultation_outcome: outcomeNames,
  });
  studioRoutes(app, deps);
  // Concerns ask routing for a suggestion at intake through what they are given here, so
  // routing (which moves concerns) is the only one of the two that imports the other.
  concernRoutes(app, deps, { suggestRouting: suggestFor });
  routingRoutes(app, deps);
  commonIssueRoutes(app, deps);
  searchRoutes(app, deps);
  notifyRoutes(app, deps);
  jobRoutes(app, deps);
  workbenchRoutes(app, deps);
  consultationRoutes(app, deps);
  topicH5Routes(app, deps);

  const dist = opts.webDist ? path.resolve(opts.webDist) : undefined;
  if (dist && existsSync(path.join(dist, 'index.html'))) {
    // Dotfiles stay unserved: .vite/manifest.json maps every route to its chunks, build
    // detail a visitor has no use for.
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: ['index.html'],
      dotfiles: 'ignore',
    });
    // Client-side routes (/members, /org/...) all load the app shell.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Lianxin API is running; the web app is not built (npm run build).'),
    );
  }
  await app.ready();
  return app;
}
