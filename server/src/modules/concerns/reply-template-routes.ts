import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okBody } from '../../../../contracts/common.ts';
import {
  replyTemplate,
  replyTemplateBody,
  replyTemplateList,
  replyTemplateParams,
  replyTemplatePatch,
  replyTemplateQuery,
} from '../../../../contracts/reply-templates.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import {
  createReplyTemplate,
  deleteReplyTemplate,
  listReplyTemplates,
  updateReplyTemplate,
} from './reply-templates.ts';

export function replyTemplateRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['concerns'];
  const staff = { roles: ['admin', 'staff'] as ('admin' | 'staff')[] };
  r.get(
    '/api/reply-templates',
    {
      schema: {
        operationId: 'listReplyTemplates',
        tags,
        querystring: replyTemplateQuery,
        response: { 200: replyTemplateList },
      },
      config: { roles: ['admin', 'staff', 'member', 'department'] },
    },
    async (req) => listReplyTemplates(deps, actorOf(req), req.query.committeeId),
  );
  r.post(
    '/api/reply-templates',
    {
      schema: {
        operationId: 'createReplyTemplate',
        tags,
        body: replyTemplateBody,
        response: { 200: replyTemplate },
      },
      config: { ...staff, action: 'concerns.template_create' },
    },
    async (req) => createReplyTemplate(deps, actorOf(req), req.body, req.ip),
  );
  r.patch(
    '/api/reply-templates/:id',
    {
      schema: {
        operationId: 'updateReplyTemplate',
        tags,
        params: replyTemplateParams,
        body: replyTemplatePatch,
        response: { 200: replyTemplate },
      },
      config: { ...staff, action: 'concerns.template_update' },
    },
    async (req) => updateReplyTemplate(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.delete(
    '/api/reply-templates/:id',
    {
      schema: {
        operationId: 'deleteReplyTemplate',
        tags,
        params: replyTemplateParams,
        response: { 200: okBody },
      },
      config: { ...staff, action: 'concerns.template_delete' },
    },
    async (req) => deleteReplyTemplate(deps, actorOf(req), req.params.id, req.ip),
  );
}
