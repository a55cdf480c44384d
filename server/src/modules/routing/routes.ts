import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { concernActed, concernIdParams } from '../../../../contracts/concerns.ts';
import {
  concernRouting,
  routeBody,
  routingRulesBody,
  routingRulesQuery,
  routingRulesView,
} from '../../../../contracts/routing.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { getRoutingRules, putRoutingRules } from './rules.ts';
import { forgetRoutingInputs, getConcernRouting, routeConcern } from './service.ts';

export function routingRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['concerns'];
  const roles = ['admin' as const, 'staff' as const];
  r.get(
    '/api/routing-rules',
    {
      schema: {
        operationId: 'getRoutingRules',
        tags,
        querystring: routingRulesQuery,
        response: { 200: routingRulesView },
      },
      config: { roles },
    },
    async (req) => getRoutingRules(deps, actorOf(req), req.query.committeeId),
  );
  r.put(
    '/api/routing-rules',
    {
      schema: {
        operationId: 'putRoutingRules',
        tags,
        body: routingRulesBody,
        response: { 200: routingRulesView },
      },
      config: { roles, action: 'routing.rules_update' },
    },
    async (req) => {
      const saved = await putRoutingRules(deps, actorOf(req), req.body, req.ip);
      forgetRoutingInputs(deps); // new rules count from the next suggestion on, here at least
      return saved;
    },
  );
  r.get(
    '/api/concerns/:id/routing',
    {
      schema: {
        operationId: 'getConcernRouting',
        tags,
        params: concernIdParams,
        response: { 200: concernRouting },
      },
      config: { roles },
    },
    async (req) => getConcernRouting(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/concerns/:id/routing',
    {
      schema: {
        operationId: 'routeConcern',
        tags,
        params: concernIdParams,
        body: routeBody,
        response: { 200: concernActed },
      },
      config: { roles, action: 'concerns.route' },
    },
    async (req) => routeConcern(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
}
