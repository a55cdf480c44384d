import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { failedList, failedQuery, noticeIdParams, retried } from '../../../../contracts/notify.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { listFailed, retryFailed } from './failed.ts';

export function jobRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];
  r.get(
    '/api/jobs/failed',
    {
      schema: {
        operationId: 'listFailedJobs',
        tags,
        querystring: failedQuery,
        response: { 200: failedList },
      },
      config: { roles: ['admin', 'staff'] },
    },
    async (req) => listFailed(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/jobs/:id/retry',
    {
      schema: { operationId: 'retryFailedJob', tags, params: noticeIdParams, response: { 200: retried } },
      config: { roles: ['admin', 'staff'], action: 'jobs.retry' },
    },
    async (req) => retryFailed(deps, actorOf(req), req.params.id, req.ip),
  );
}
