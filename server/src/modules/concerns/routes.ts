import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  askInfoBody,
  askReturnBody,
  assignBody,
  concernActed,
  concernDetail as concernDetailSchema,
  concernIdParams,
  concernList,
  concernListQuery,
  concernPhone,
  concernStatuses,
  concernSubmitBody,
  concernSubmitted,
  concernBatchBody,
  concernBatchResult,
  escalateBody,
  extendBody,
  inbox,
  inboxQuery,
  infoBody,
  publicConcern,
  ratingBody,
  receptionBody,
  receptionRecorded,
  replyBody,
  sendBackBody,
  serviceDeedBody,
  setDeadlineBody,
  toDepartmentBody,
  trackingParams,
  transferBody,
} from '../../../../contracts/concerns.ts';
import type { Role } from '../../../../contracts/auth.ts';
import type { Deps } from '../../deps.ts';
import { idempotencyKeyOf } from '../../http/idempotency.ts';
import { actorOf } from '../../http/actor.ts';
import { localDate } from '../../lib/local-date.ts';
import {
  acceptConcern,
  acceptReturn,
  approveReply,
  askInfo,
  askReturn,
  assignConcern,
  escalateConcern,
  extendConcern,
  replyConcern,
  revealPhone,
  sendBackReply,
  toDepartment,
  transferConcern,
} from './handling.ts';
import { batchConcerns } from './batch.ts';
import { markServiceDeed, setDeadline } from './deeds.ts';
import { exportConcerns } from './export.ts';
import { h5Routes } from './h5-routes.ts';
import { photoRoutes } from './photo-routes.ts';
import { replyTemplateRoutes } from './reply-template-routes.ts';
import { addInfo, rateConcern, submitConcern, trackConcern } from './intake.ts';
import { concernDetail, memberInbox, staffList } from './lists.ts';
import { myPages } from './my-pages.ts';
import { recordReception } from './reception.ts';
import type { ConcernsProvided } from './routing-port.ts';

const publicActed = z.object({ trackingCode: z.string(), status: z.enum(concernStatuses) });

export function concernRoutes(app: FastifyInstance, deps: Deps, provided: ConcernsProvided) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pub = ['public'];
  const tags = ['concerns'];

  // Citizens (no account): submit, follow, add information, rate.
  r.post(
    '/api/public/concerns',
    {
      schema: {
        operationId: 'submitConcern',
        tags: pub,
        body: concernSubmitBody,
        response: { 200: concernSubmitted },
      },
      config: { auth: 'public', action: 'concerns.submit', idempotency: 'own' },
    },
    // A retry (same key, same submission) gets the first answer, from whatever address the
    // phone has now: the key is stored with the concern, bound to what was submitted.
    async (req, reply) => {
      const key = idempotencyKeyOf(req);
      const submitKey = key && deps.sealer.hash(`api-submit:${key}:${JSON.stringify(req.body)}`);
      const done = await submitConcern(deps, provided, req.body, req.ip, submitKey);
      if (done.replayed) reply.header('idempotent-replay', 'true');
      return { trackingCode: done.trackingCode, status: done.status };
    },
  );
  r.get(
    '/api/public/concerns/:trackingCode',
    {
      schema: {
        operationId: 'trackConcern',
        tags: pub,
        params: trackingParams,
        response: { 200: publicConcern },
      },
      config: { auth: 'public' },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return trackConcern(deps, req.params.trackingCode);
    },
  );
  r.post(
    '/api/public/concerns/:trackingCode/rating',
    {
      schema: {
        operationId: 'rateConcern',
        tags: pub,
        params: trackingParams,
        body: ratingBody,
        response: { 200: publicActed },
      },
      config: { auth: 'public', action: 'concerns.rate' },
    },
    async (req) => rateConcern(deps, req.params.trackingCode, req.body, req.ip),
  );
  r.post(
    '/api/public/concerns/:trackingCode/info',
    {
      schema: {
        operationId: 'addConcernInfo',
        tags: pub,
        params: trackingParams,
        body: infoBody,
        response: { 200: publicActed },
      },
      config: { auth: 'public', action: 'concerns.add_info' },
    },
    async (req) => addInfo(deps, req.params.trackingCode, req.body.text, req.ip),
  );

  // Members and staff.
  r.get(
    '/api/concerns/inbox',
    {
      schema: { operationId: 'concernInbox', tags, querystring: inboxQuery, response: { 200: inbox } },
      config: { roles: ['member', 'department'] },
    },
    async (req) => memberInbox(deps, actorOf(req), req.query),
  );
  r.get(
    '/api/concerns',
    {
      schema: {
        operationId: 'listConcerns',
        tags,
        querystring: concernListQuery,
        response: { 200: concernList },
      },
      config: { roles: ['admin', 'staff'] },
    },
    async (req) => staffList(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/concerns/reception',
    {
      schema: {
        operationId: 'recordReceptionConcern',
        tags,
        body: receptionBody,
        response: { 200: receptionRecorded },
      },
      config: { action: 'concerns.reception' },
    },
    async (req) => recordReception(deps, provided, actorOf(req), req.body, req.ip),
  );
  r.post(
    '/api/concerns/batch',
    {
      schema: {
        operationId: 'batchConcerns',
        tags,
        body: concernBatchBody,
        response: { 200: concernBatchResult },
      },
      config: { roles: ['admin', 'staff'], action: 'concerns.batch' },
    },
    async (req) => batchConcerns(deps, actorOf(req), req.body, req.ip),
  );
  r.get(
    '/api/concerns/:id',
    {
      schema: {
        operationId: 'getConcern',
        tags,
        params: concernIdParams,
        response: { 200: concernDetailSchema },
      },
    },
    async (req) => concernDetail(deps, actorOf(req), req.params.id),
  );
  r.get(
    '/api/concerns/:id/phone',
    {
      schema: {
        operationId: 'revealConcernPhone',
        tags,
        params: concernIdParams,
        response: { 200: concernPhone },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return revealPhone(deps, actorOf(req), req.params.id, req.ip);
    },
  );

  const write = <B extends z.ZodType>(
    name: string,
    operationId: string,
    body: B | undefined,
    run: (req: {
      actor: ReturnType<typeof actorOf>;
      id: string;
      body: z.infer<B>;
      ip: string;
    }) => Promise<z.infer<typeof concernActed>>,
    roles?: Role[],
  ) =>
    r.post(
      `/api/concerns/:id/${name}`,
      {
        schema: {
          operationId,
          tags,
          params: concernIdParams,
          ...(body ? { body } : {}),
          response: { 200: concernActed },
        },
        config: { action: `concerns.${name.replaceAll('-', '_')}`, ...(roles ? { roles } : {}) },
      },
      async (req) =>
        run({ actor: actorOf(req), id: req.params.id, body: req.body as z.infer<B>, ip: req.ip }),
    );
  write('accept', 'acceptConcern', undefined, (x) => acceptConcern(deps, x.actor, x.id, x.ip));
  write('reply', 'replyConcern', replyBody, (x) => replyConcern(deps, x.actor, x.id, x.body.text, x.ip));
  write('ask-info', 'askConcernInfo', askInfoBody, (x) => askInfo(deps, x.actor, x.id, x.body.text, x.ip));
  write('transfer', 'transferConcern', transferBody, (x) =>
    transferConcern(deps, x.actor, x.id, x.body, x.ip),
  );
  write('escalate', 'escalateConcern', escalateBody, (x) =>
    escalateConcern(deps, x.actor, x.id, x.body, x.ip),
  );
  write('assign', 'assignConcern', assignBody, (x) => assignConcern(deps, x.actor, x.id, x.body, x.ip), [
    'admin',
    'staff',
  ]);
  write('extend', 'extendConcern', extendBody, (x) => extendConcern(deps, x.actor, x.id, x.body, x.ip), [
    'admin',
    'staff',
  ]);
  const staffOnly: Role[] = ['admin', 'staff'];
  write(
    'to-department',
    'concernToDepartment',
    toDepartmentBody,
    (x) => toDepartment(deps, x.actor, x.id, x.body, x.ip),
    staffOnly,
  );
  write(
    'ask-return',
    'askConcernReturn',
    askReturnBody,
    (x) => askReturn(deps, x.actor, x.id, x.body.reason, x.ip),
    ['department'],
  );
  write(
    'accept-return',
    'acceptConcernReturn',
    undefined,
    (x) => acceptReturn(deps, x.actor, x.id, x.ip),
    staffOnly,
  );
  write(
    'approve-reply',
    'approveConcernReply',
    undefined,
    (x) => approveReply(deps, x.actor, x.id, x.ip),
    staffOnly,
  );
  write(
    'send-back-reply',
    'sendBackConcernReply',
    sendBackBody,
    (x) => sendBackReply(deps, x.actor, x.id, x.body.reason, x.ip),
    staffOnly,
  );

  write(
    'deadline',
    'setConcernDeadline',
    setDeadlineBody,
    (x) => setDeadline(deps, x.actor, x.id, x.body, x.ip),
    ['admin', 'staff'],
  );
  write(
    'service-deed',
    'markServiceDeed',
    serviceDeedBody,
    (x) => markServiceDeed(deps, x.actor, x.id, x.body, x.ip),
    ['admin', 'staff'],
  );
  r.get(
    '/api/concerns/export.xlsx',
    {
      schema: {
        operationId: 'exportConcerns',
        tags,
        querystring: concernListQuery.omit({ page: true, pageSize: true }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
      config: { roles: ['admin', 'staff'] },
    },
    async (req, reply) => {
      const file = await exportConcerns(deps, actorOf(req), req.query, req.ip);
      const day = localDate(deps.clock.now());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="concerns-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`诉求办理-${day}.xlsx`)}`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  myPages(app, deps);
  h5Routes(app, deps, provided);
  photoRoutes(app, deps);
  replyTemplateRoutes(app, deps);
}
