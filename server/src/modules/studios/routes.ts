import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../../contracts/org.ts';
import {
  dutyEntryParams,
  dutyQuery,
  dutyRoster,
  dutyRuleBody,
  dutySlotBody,
  publicCodeParams,
  publicMember as publicMemberSchema,
  publicStudio as publicStudioSchema,
  standardChecksBody,
  studio,
  studioCreateBody,
  studioList,
  studioListQuery,
  studioMemberBody,
  studioMemberParams,
  studioReviewBody,
  studioStandard,
  studioStandardCreateBody,
  studioStandardList,
  studioUpdateBody,
} from '../../../../contracts/studios.ts';
import { byCommitteeQuery } from '../../../../contracts/org.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { modeOf } from '../../http/public-html.ts';
import { publicPageCsp } from '../../http/security-headers.ts';
import { sendFile } from '../../http/send-file.ts';
import { actorOf } from '../../http/actor.ts';
import { memberCalendar, publicStudioCalendar, studioCalendarFor, studioPosterFor } from './files.ts';
import { qrPng, qrSvg } from './poster.ts';
import { memberPage, notFoundPage, studioPage } from './public-page.ts';
import { publicMember, publicStudio } from './public.ts';
import * as studios from './service.ts';
import { createStandard, listStandards } from './standards.ts';

const modeQuery = z.object({ large: z.string().optional(), contrast: z.string().optional() });

export function studioRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['studios'];

  r.get(
    '/api/studios',
    {
      schema: {
        operationId: 'listStudios',
        tags,
        querystring: studioListQuery,
        response: { 200: studioList },
      },
    },
    async (req) => ({
      items: await studios.listStudios(deps, actorOf(req), req.query),
    }),
  );
  r.post(
    '/api/studios',
    {
      schema: { operationId: 'createStudio', tags, body: studioCreateBody, response: { 200: studio } },
      config: { action: 'studios.create' },
    },
    async (req) => studios.createStudio(deps, actorOf(req), req.body, req.ip),
  );
  r.get(
    '/api/studios/:id',
    { schema: { operationId: 'getStudio', tags, params: idParams, response: { 200: studio } } },
    async (req) => studios.getStudio(deps, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/studios/:id',
    {
      schema: {
        operationId: 'updateStudio',
        tags,
        params: idParams,
        body: studioUpdateBody,
        response: { 200: studio },
      },
      config: { action: 'studios.update' },
    },
    async (req) => studios.updateStudio(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/studios/:id/members',
    {
      schema: {
        operationId: 'addStudioMember',
        tags,
        params: idParams,
        body: studioMemberBody,
        response: { 200: studio },
      },
      config: { action: 'studios.member_add' },
    },
    async (req) =>
      studios.addStudioMember(deps, actorOf(req), req.params.id, req.body.personId, req.body.role, req.ip),
  );
  r.delete(
    '/api/studios/:id/members/:personId',
    {
      schema: {
        operationId: 'removeStudioMember',
        tags,
        params: studioMemberParams,
        response: { 200: studio },
      },
      config: { action: 'studios.member_remove' },
    },
    async (req) => studios.removeStudioMember(deps, actorOf(req), req.params.id, req.params.personId, req.ip),
  );
  r.put(
    '/api/studios/:id/standards',
    {
      schema: {
        operationId: 'setStudioStandards',
        tags,
        params: idParams,
        body: standardChecksBody,
        response: { 200: studio },
      },
      config: { action: 'studios.standards' },
    },
    async (req) => studios.setStandardChecks(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/studios/:id/submit',
    {
      schema: { operationId: 'submitStudio', tags, params: idParams, response: { 200: studio } },
      config: { action: 'studios.submit' },
    },
    async (req) => studios.submitStudio(deps, actorOf(req), req.params.id, req.ip),
  );
  r.post(
    '/api/studios/:id/review',
    {
      schema: {
        operationId: 'reviewStudio',
        tags,
        params: idParams,
        body: studioReviewBody,
        response: { 200: studio },
      },
      config: { action: 'studios.review' },
    },
    async (req) => studios.reviewStudio(deps, actorOf(req), req.params.id, req.body, req.ip),
  );

  r.get(
    '/api/studios/:id/duty',
    {
      schema: {
        operationId: 'getStudioDuty',
        tags,
        params: idParams,
        querystring: dutyQuery,
        response: { 200: dutyRoster },
      },
    },
    async (req) => studios.dutyRoster(deps, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/studios/:id/duty-rules',
    {
      schema: {
        operationId: 'addDutyRule',
        tags,
        params: idParams,
        body: dutyRuleBody,
        response: { 200: dutyRoster },
      },
      config: { action: 'studios.duty_rule_add' },
    },
    async (req) => studios.addDutyRule(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.delete(
    '/api/studios/:id/duty-rules/:entryId',
    {
      schema: { operationId: 'removeDutyRule', tags, params: dutyEntryParams, response: { 200: dutyRoster } },
      config: { action: 'studios.duty_rule_remove' },
    },
    async (req) => studios.removeDuty(deps, actorOf(req), req.params.id, 'rule', req.params.entryId, req.ip),
  );
  r.post(
    '/api/studios/:id/duty-slots',
    {
      schema: {
        operationId: 'addDutySlot',
        tags,
        params: idParams,
        body: dutySlotBody,
        response: { 200: dutyRoster },
      },
      config: { action: 'studios.duty_slot_add' },
    },
    async (req) => studios.addDutySlot(deps, actorOf(req), req.params.id, req.body, req.ip),
  );
  r.delete(
    '/api/studios/:id/duty-slots/:entryId',
    {
      schema: { operationId: 'removeDutySlot', tags, params: dutyEntryParams, response: { 200: dutyRoster } },
      config: { action: 'studios.duty_slot_remove' },
    },
    async (req) => studios.removeDuty(deps, actorOf(req), req.params.id, 'slot', req.params.entryId, req.ip),
  );

  // Files: QR codes, posters, calendars.
  r.get(
    '/api/studios/:id/qr.png',
    { schema: { operationId: 'studioQrPng', tags, params: idParams } },
    async (req, reply) => {
      const s = await studios.getStudio(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'image/png', `${s.name}-二维码.png`, await qrPng(s.publicUrl));
    },
  );
  r.get(
    '/api/studios/:id/qr.svg',
    { schema: { operationId: 'studioQrSvg', tags, params: idParams } },
    async (req, reply) => {
      const s = await studios.getStudio(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'image/svg+xml', `${s.name}-二维码.svg`, await qrSvg(s.publicUrl), 'attachment');
    },
  );
  r.get(
    '/api/studios/:id/poster.pdf',
    { schema: { operationId: 'studioPoster', tags, params: idParams } },
    async (req, reply) => {
      const f = await studioPosterFor(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'application/pdf', `${f.name}-海报.pdf`, f.body);
    },
  );
  r.get(
    '/api/studios/:id/calendar.ics',
    { schema: { operationId: 'studioCalendar', tags, params: idParams } },
    async (req, reply) => {
      const f = await studioCalendarFor(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'text/calendar; charset=utf-8', `${f.name}-值班表.ics`, f.body);
    },
  );
  r.get(
    '/api/studio-standards',
    {
      schema: {
        operationId: 'listStudioStandards',
        tags,
        querystring: byCommitteeQuery,
        response: { 200: studioStandardList },
      },
    },
    async (req) => ({
      items: await listStandards(deps, actorOf(req), req.query.committeeId),
    }),
  );
  r.post(
    '/api/studio-standards',
    {
      schema: {
        operationId: 'createStudioStandard',
        tags,
        body: studioStandardCreateBody,
        response: { 200: studioStandard },
      },
      config: { action: 'studio_standards.create' },
    },
    async (req) => createStandard(deps, actorOf(req), req.body, req.ip),
  );

  // Public: what a scanned QR code opens. No account; only approved studios.
  const pub = { auth: 'public' as const };
  r.get(
    '/api/public/studios/:code',
    {
      schema: {
        operationId: 'publicStudio',
        tags: ['public'],
        params: publicCodeParams,
        response: { 200: publicStudioSchema },
      },
      config: pub,
    },
    async (req) => publicStudio(deps, req.params.code),
  );
  r.get(
    '/api/public/studios/:code/calendar.ics',
    {
      schema: { operationId: 'publicStudioCalendar', tags: ['public'], params: publicCodeParams },
      config: pub,
    },
    async (req, reply) => {
      const f = await publicStudioCalendar(deps, req.params.code);
      return sendFile(reply, 'text/calendar; charset=utf-8', `${f.name}-值班表.ics`, f.body);
    },
  );
  r.get(
    '/api/public/members/:code',
    {
      schema: {
        operationId: 'publicMember',
        tags: ['public'],
        params: publicCodeParams,
        response: { 200: publicMemberSchema },
      },
      config: pub,
    },
    async (req) => (await publicMember(deps, req.params.code)).card,
  );
  r.get(
    '/api/public/members/:code/calendar.ics',
    {
      schema: { operationId: 'publicMemberCalendar', tags: ['public'], params: publicCodeParams },
      config: pub,
    },
    async (req, reply) => {
      const m = await publicMember(deps, req.params.code);
      return sendFile(
        reply,
        'text/calendar; charset=utf-8',
        `${m.card.name}-委员值班.ics`,
        await memberCalendar(deps, m.personId, m.card.code, m.card.name),
      );
    },
  );

  // The short URLs in the QR codes: a server-rendered page, fast on a weak phone network.
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=60')
      .header('content-security-policy', publicPageCsp)
      .send(body);
  // A code that is unknown, or a studio not (or no longer) approved, gets a friendly page.
  const page = (path: string, render: (code: string, mode: ReturnType<typeof modeOf>) => Promise<string>) =>
    r.get(path, { schema: { hide: true, querystring: modeQuery }, config: pub }, async (req, reply) => {
      try {
        return html(
          reply,
          200,
          await render(String((req.params as { code: string }).code), modeOf(req.query)),
        );
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return html(reply, 404, notFoundPage());
        throw err;
      }
    });
  page('/s/:code', async (code, mode) => studioPage(await publicStudio(deps, code), mode));
  page('/m/:code', async (code, mode) => memberPage((await publicMember(deps, code)).card, mode));
}
