import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  answerTogetherBody,
  answeredTogether,
  commonIssueActed,
  commonIssueDetail as detailSchema,
  commonIssueList,
  commonIssueListQuery,
  commonIssueParams,
  detachBody,
  mergeBody,
  rebuildBody,
  rebuildStarted,
  renameBody,
  reportDraftStarted,
  commonIssueSummary,
  splitBody,
} from '../../../../contracts/common-issues.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { answerTogether } from './answer-together.ts';
import type { IssueAction } from './service.ts';
import {
  commonIssueDetail,
  decide,
  listCommonIssues,
  renameIssue,
  requestRebuild,
  startReportDraft,
} from './service.ts';

export function commonIssueRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['common issues'];
  const staff = { roles: ['admin', 'staff'] as ('admin' | 'staff')[] };

  r.get(
    '/api/common-issues',
    {
      schema: {
        operationId: 'listCommonIssues',
        tags,
        querystring: commonIssueListQuery,
        response: { 200: commonIssueList },
      },
      config: staff,
    },
    async (req) => listCommonIssues(deps, actorOf(req), req.query),
  );
  r.get(
    '/api/common-issues/:id',
    {
      schema: {
        operationId: 'getCommonIssue',
        tags,
        params: commonIssueParams,
        response: { 200: detailSchema },
      },
      config: staff,
    },
    async (req) => commonIssueDetail(deps, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/common-issues/:id',
    {
      schema: {
        operationId: 'renameCommonIssue',
        tags,
        params: commonIssueParams,
        body: renameBody,
        response: { 200: commonIssueSummary },
      },
      config: { ...staff, action: 'commonIssues.rename' },
    },
    async (req) => renameIssue(deps, actorOf(req), req.params.id, req.body.title, req.ip),
  );

  const act = <B extends z.ZodType>(
    name: string,
    operationId: string,
    body: B | undefined,
    toAction: (b: z.infer<B>) => IssueAction,
  ) =>
    r.post(
      `/api/common-issues/:id/${name}`,
      {
        schema: {
          operationId,
          tags,
          params: commonIssueParams,
          ...(body ? { body } : {}),
          response: { 200: commonIssueActed },
        },
        config: { ...staff, action: `commonIssues.${name}` },
      },
      async (req) => decide(deps, actorOf(req), req.params.id, toAction(req.body as z.infer<B>), req.ip),
    );
  act('confirm', 'confirmCommonIssue', undefined, () => ({ kind: 'confirm' }));
  act('detach', 'detachFromCommonIssue', detachBody, (b) => ({ kind: 'detach', concernId: b.concernId }));
  act('split', 'splitCommonIssue', splitBody, (b) => ({ kind: 'split', concernIds: b.concernIds }));
  act('merge', 'mergeCommonIssues', mergeBody, (b) => ({ kind: 'merge', otherId: b.otherId }));

  r.post(
    '/api/common-issues/:id/answer-together',
    {
      schema: {
        operationId: 'answerCommonIssueTogether',
        tags,
        params: commonIssueParams,
        body: answerTogetherBody,
        response: { 200: answeredTogether },
      },
      config: { ...staff, action: 'commonIssues.reply_together' },
    },
    async (req) => answerTogether(deps, actorOf(req), req.params.id, req.body.text, req.ip),
  );
  r.post(
    '/api/common-issues/:id/report-draft',
    {
      schema: {
        operationId: 'startReportDraftFromCommonIssue',
        tags,
        params: commonIssueParams,
        response: { 200: reportDraftStarted },
      },
      config: { ...staff, action: 'commonIssues.report_draft' },
    },
    async (req) => startReportDraft(deps, actorOf(req), req.params.id, req.ip),
  );
  r.post(
    '/api/common-issues/rebuild',
    {
      schema: {
        operationId: 'rebuildCommonIssues',
        tags,
        body: rebuildBody,
        response: { 202: rebuildStarted },
      },
      config: { ...staff, action: 'commonIssues.rebuild' },
    },
    async (req, reply) =>
      reply.code(202).send(await requestRebuild(deps, actorOf(req), req.body.committeeId, req.ip)),
  );
}
