import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  amendmentBody,
  closeBody,
  consultation,
  consultationCreateBody,
  consultationList,
  consultationListQuery,
  consultationUpdateBody,
  doorSignInBody,
  endorseBody,
  inviteBody,
  microBody,
  minutesBody,
  minutesOpenBody,
  outcome,
  outcomeAnswerBody,
  outcomeCreateBody,
  outcomeList,
  outcomeListQuery,
  outcomeProgressBody,
  participantParams,
  plan,
  planApproveBody,
  planCreateBody,
  planItemBody,
  planItemParams,
  planList,
  planListQuery,
  publicCodeParams,
  publicTopicBody,
  publicTopicCall,
  publicTopicSubmitted,
  publicTopicTrack,
  invitationReplyBody,
  topic,
  topicCreateBody,
  topicDeclineBody,
  topicList,
  topicListQuery,
  topicSecondBody,
} from '../../../../contracts/consultations.ts';
import { idParams } from '../../../../contracts/org.ts';
import type { Consultation } from '../../../../contracts/consultations.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import * as attendance from './attendance.ts';
import * as meetings from './meetings.ts';
import * as minutes from './minutes.ts';
import * as outcomes from './outcomes.ts';
import * as plans from './plans.ts';
import * as topics from './topics.ts';

// The HTTP surface of consultations: thin — validate, authorise (the services assert), call.

export function consultationRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['consultations'];
  const act = (action: string) => ({ action });

  // --- Plans and topics ---
  r.get(
    '/api/consultation-plans',
    {
      schema: {
        operationId: 'listConsultationPlans',
        tags,
        querystring: planListQuery,
        response: { 200: planList },
      },
    },
    async (req) => ({ items: await plans.listPlans(deps, actorOf(req), req.query) }),
  );
  r.post(
    '/api/consultation-plans',
    {
      schema: { operationId: 'createConsultationPlan', tags, body: planCreateBody, response: { 200: plan } },
      config: act('consultations.plan_create'),
    },
    async (req) => plans.createPlan(deps, actorOf(req), req.body, req.ip),
  );
  r.get(
    '/api/consultation-plans/:id',
    { schema: { operationId: 'getConsultationPlan', tags, params: idParams, response: { 200: plan } } },
    async (req) => plans.getPlan(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/consultation-plans/:id/items',
    {
      schema: {
        operationId: 'addConsultationPlanItem',
        tags,
        params: idParams,
        body: planItemBody,
        response: { 200: plan },
      },
      config: act('consultations.plan_item_add'),
    },
    async (req) => plans.addPlanItem(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.delete(
    '/api/consultation-plans/:id/items/:itemId',
    {
      schema: {
        operationId: 'removeConsultationPlanItem',
        tags,
        params: planItemParams,
        response: { 200: plan },
      },
      config: act('consultations.plan_item_remove'),
    },
    async (req) => plans.removePlanItem(deps, actorOf(req), req.params.id, req.params.itemId, req.ip),
  );
  r.post(
    '/api/consultation-plans/:id/approve',
    {
      schema: {
        operationId: 'approveConsultationPlan',
        tags,
        params: idParams,
        body: planApproveBody,
        response: { 200: plan },
      },
      config: act('consultations.plan_approve'),
    },
    async (req) => plans.approvePlan(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/consultation-plans/:id/publish',
    {
      schema: { operationId: 'publishConsultationPlan', tags, params: idParams, response: { 200: plan } },
      config: act('consultations.plan_publish'),
    },
    async (req) => plans.publishPlan(deps, actorOf(req), req.params.id, req.ip),
  );
  r.get(
    '/api/consultation-topics',
    {
      schema: {
        operationId: 'listConsultationTopics',
        tags,
        querystring: topicListQuery,
        response: { 200: topicList },
      },
    },
    async (req) => ({ items: await topics.listTopics(deps, actorOf(req), req.query) }),
  );
  r.post(
    '/api/consultation-topics',
    {
      schema: {
        operationId: 'createConsultationTopic',
        tags,
        body: topicCreateBody,
        response: { 200: topic },
      },
      config: act('consultations.topic_create'),
    },
    async (req) => topics.createTopic(deps, actorOf(req), req.body, req.ip),
  );
  r.get(
    '/api/consultation-topics/:id',
    { schema: { operationId: 'getConsultationTopic', tags, params: idParams, response: { 200: topic } } },
    async (req) => topics.getTopic(deps, actorOf(req), req.params.id),
  );
  r.post(
    '/api/consultation-topics/:id/second',
    {
      schema: {
        operationId: 'secondConsultationTopic',
        tags,
        params: idParams,
        body: topicSecondBody,
        response: { 200: topic },
      },
      config: act('consultations.topic_second'),
    },
    async (req) => topics.secondTopic(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/consultation-topics/:id/decline',
    {
      schema: {
        operationId: 'declineConsultationTopic',
        tags,
        params: idParams,
        body: topicDeclineBody,
        response: { 200: topic },
      },
      config: act('consultations.topic_decline'),
    },
    async (req) => topics.declineTopic(deps, actorOf(req), req.params.id, req.body, req.ip),
  );

  // --- 群众出题: public, no account ---
  const pub = { auth: 'public' as const };
  r.get(
    '/api/public/topic-calls/:code',
    {
      schema: {
        operationId: 'getPublicTopicCall',
        tags,
        params: publicCodeParams,
        response: { 200: publicTopicCall },
      },
      config: pub,
    },
    async (req) => topics.topicCall(deps, req.params.code),
  );
  r.post(
    '/api/public/topic-calls/:code/topics',
    {
      schema: {
        operationId: 'submitPublicTopic',
        tags,
        params: publicCodeParams,
        body: publicTopicBody,
        response: { 200: publicTopicSubmitted },
      },
      config: { ...pub, action: 'consultations.topic_submit_public' },
    },
    async (req) => topics.submitPublicTopic(deps, req.params.code, req.body, req.ip),
  );
  r.get(
    '/api/public/topics/:code',
    {
      schema: {
        operationId: 'trackPublicTopic',
        tags,
        params: publicCodeParams,
        response: { 200: publicTopicTrack },
      },
      config: pub,
    },
    async (req) => topics.trackPublicTopic(deps, req.params.code),
  );

  // --- Consultations ---
  r.get(
    '/api/consultations',
    {
      schema: {
        operationId: 'listConsultations',
        tags,
        querystring: consultationListQuery,
        response: { 200: consultationList },
      },
    },
    async (req) => ({ items: await meetings.listConsultations(deps, actorOf(req), req.query) }),
  );
  r.post(
    '/api/consultations',
    {
      schema: {
        operationId: 'createConsultation',
        tags,
        body: consultationCreateBody,
        response: { 200: consultation },
      },
      config: act('consultations.create'),
    },
    async (req) => meetings.createConsultation(deps, actorOf(req), req.body, req.ip),
  );
  r.post(
    '/api/micro-consultations',
    {
      schema: {
        operationId: 'recordMicroConsultation',
        tags,
        body: microBody,
        response: { 200: consultation },
      },
      config: act('consultations.micro_record'),
    },
    async (req) => meetings.recordMicro(deps, actorOf(req), req.body, req.ip),
  );
  r.post(
    '/api/consultations/sign-in',
    {
      schema: { operationId: 'signInAtDoor', tags, body: doorSignInBody, response: { 200: consultation } },
      config: act('consultations.sign_in'),
    },
    async (req) => attendance.signInAtDoor(deps, actorOf(req), req.body.doorCode, req.ip),
  );
  r.get(
    '/api/consultations/:id',
    { schema: { operationId: 'getConsultation', tags, params: idParams, response: { 200: consultation } } },
    async (req) => meetings.getConsultation(deps, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/consultations/:id',
    {
      schema: {
        operationId: 'updateConsultation',
        tags,
        params: idParams,
        body: consultationUpdateBody,
        response: { 200: consultation },
      },
      config: act('consultations.update'),
    },
    async (req) => meetings.updateConsultation(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  type Step = {
    path: string;
    operationId: string;
    action: string;
    body?: z.ZodType;
    run: (
      req: { params: { id: string }; body: unknown; ip: string },
      a: ReturnType<typeof actorOf>,
    ) => Promise<Consultation>;
  };
  const steps: Step[] = [
    {
      path: 'invitations',
      operationId: 'inviteToConsultation',
      action: 'consultations.invite',
      body: inviteBody,
      run: (q, a) => attendance.invite(deps, a, q.params.id, q.body as z.infer<typeof inviteBody>, q.ip),
    },
    {
      path: 'schedule',
      operationId: 'scheduleConsultation',
      action: 'consultations.schedule',
      run: (q, a) => attendance.schedule(deps, a, q.params.id, q.ip),
    },
    {
      path: 'reply',
      operationId: 'replyToConsultation',
      action: 'consultations.reply',
      body: invitationReplyBody,
      run: (q, a) =>
        attendance.reply(deps, a, q.params.id, q.body as z.infer<typeof invitationReplyBody>, q.ip),
    },
    {
      path: 'minutes',
      operationId: 'draftConsultationMinutes',
      action: 'consultations.minutes_draft',
      body: minutesBody,
      run: (q, a) => minutes.draftMinutes(deps, a, q.params.id, q.body as z.infer<typeof minutesBody>, q.ip),
    },
    {
      path: 'minutes/open',
      operationId: 'openConsultationMinutes',
      action: 'consultations.minutes_open',
      body: minutesOpenBody,
      run: (q, a) =>
        minutes.openAmending(deps, a, q.params.id, q.body as z.infer<typeof minutesOpenBody>, q.ip),
    },
    {
      path: 'minutes/amend',
      operationId: 'amendConsultationMinutes',
      action: 'consultations.minutes_amend',
      body: minutesBody,
      run: (q, a) => minutes.amendMinutes(deps, a, q.params.id, q.body as z.infer<typeof minutesBody>, q.ip),
    },
    {
      path: 'minutes/lock',
      operationId: 'lockConsultationMinutes',
      action: 'consultations.minutes_lock',
      run: (q, a) => minutes.lockMinutes(deps, a, q.params.id, q.ip),
    },
    {
      path: 'outcomes',
      operationId: 'addConsultationOutcome',
      action: 'consultations.outcome_add',
      body: outcomeCreateBody,
      run: (q, a) =>
        outcomes.addOutcome(deps, a, q.params.id, q.body as z.infer<typeof outcomeCreateBody>, q.ip),
    },
    {
      path: 'close',
      operationId: 'closeConsultation',
      action: 'consultations.close',
      body: closeBody,
      run: (q, a) =>
        meetings.closeConsultation(deps, a, q.params.id, q.body as z.infer<typeof closeBody>, q.ip),
    },
    {
      path: 'amendments',
      operationId: 'amendClosedConsultation',
      action: 'consultations.amend',
      body: amendmentBody,
      run: (q, a) =>
        meetings.amendClosed(deps, a, q.params.id, q.body as z.infer<typeof amendmentBody>, q.ip),
    },
  ];
  for (const s of steps)
    r.post(
      `/api/consultations/:id/${s.path}`,
      {
        schema: {
          operationId: s.operationId,
          tags,
          params: idParams,
          ...(s.body ? { body: s.body } : {}),
          response: { 200: consultation },
        },
        config: act(s.action),
      },
      async (req) => s.run(req, actorOf(req)),
    );
  r.post(
    '/api/consultations/:id/participants/:participantId/sign-in',
    {
      schema: {
        operationId: 'signInParticipant',
        tags,
        params: participantParams,
        response: { 200: consultation },
      },
      config: act('consultations.sign_in'),
    },
    async (req) =>
      attendance.signInByStaff(deps, actorOf(req), req.params.id, req.params.participantId, req.ip),
  );

  // --- Outcomes ---
  r.get(
    '/api/consultation-outcomes',
    {
      schema: {
        operationId: 'listConsultationOutcomes',
        tags,
        querystring: outcomeListQuery,
        response: { 200: outcomeList },
      },
    },
    async (req) => ({ items: await outcomes.listOutcomes(deps, actorOf(req), req.query) }),
  );
  r.post(
    '/api/consultation-outcomes/:id/answer',
    {
      schema: {
        operationId: 'answerConsultationOutcome',
        tags,
        params: idParams,
        body: outcomeAnswerBody,
        response: { 200: outcome },
      },
      config: act('consultations.outcome_answer'),
    },
    async (req) => outcomes.answerOutcome(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/consultation-outcomes/:id/progress',
    {
      schema: {
        operationId: 'reportConsultationOutcomeProgress',
        tags,
        params: idParams,
        body: outcomeProgressBody,
        response: { 200: outcome },
      },
      config: act('consultations.outcome_progress'),
    },
    async (req) => outcomes.reportProgress(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/consultation-outcomes/:id/endorsements',
    {
      schema: {
        operationId: 'endorseConsultationOutcome',
        tags,
        params: idParams,
        body: endorseBody,
        response: { 200: outcome },
      },
      config: act('consultations.endorse'),
    },
    async (req) => outcomes.endorseOutcome(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
}
