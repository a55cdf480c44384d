import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchQuery, searchResult } from '../../../../contracts/search.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { search } from './service.ts';

export function searchRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/search',
    {
      schema: {
        operationId: 'search',
        tags: ['search'],
        querystring: searchQuery,
        response: { 200: searchResult },
      },
      // Handling departments reach only the concerns passed to them: not a search over the committee.
      config: { roles: ['admin', 'staff', 'member'] },
    },
    async (req, reply) => {
      // Results hold concern texts: never kept by a shared cache.
      reply.header('cache-control', 'no-store');
      return search(deps, actorOf(req), req.query);
    },
  );
}
