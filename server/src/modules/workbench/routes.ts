import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workbench, workbenchQuery } from '../../../../contracts/workbench.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { workbenchOf } from './service.ts';

export function workbenchRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/workbench',
    {
      schema: {
        operationId: 'getWorkbench',
        tags: ['workbench'],
        querystring: workbenchQuery,
        response: { 200: workbench },
      },
      config: { roles: ['admin', 'staff', 'member'] },
    },
    async (req) => workbenchOf(deps, actorOf(req), req.query),
  );
}
