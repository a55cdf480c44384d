import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { smsCodeBody, smsCodeSent } from '../../../../contracts/concerns.ts';
import {
  noticeIdParams,
  noticeList,
  noticeListQuery,
  noticeRead,
  noticesReadAll,
} from '../../../../contracts/notify.ts';
import type { Deps } from '../../deps.ts';
import { langOf } from '../../http/errors.ts';
import { actorOf } from '../../http/actor.ts';
import { requestSmsCode } from './codes.ts';
import { listNotices, markAllNoticesRead, markNoticeRead } from './notices.ts';

export function notifyRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/public/sms-codes',
    {
      schema: {
        operationId: 'requestSmsCode',
        tags: ['public'],
        body: smsCodeBody,
        response: { 200: smsCodeSent },
      },
      config: { auth: 'public', action: 'notify.sms_code' },
    },
    async (req) => {
      const { expiresInSeconds } = await requestSmsCode(deps, req.body.phone, req.ip);
      return { ok: true as const, expiresInSeconds };
    },
  );
  // The bell: notices of the caller (its person's, its own, its committee's staff notices).
  r.get(
    '/api/notices',
    {
      schema: {
        operationId: 'listNotices',
        tags: ['notify'],
        querystring: noticeListQuery,
        response: { 200: noticeList },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return listNotices(deps, actorOf(req), req.query, langOf(req.headers['accept-language']));
    },
  );
  r.post(
    '/api/notices/read-all',
    {
      schema: { operationId: 'readAllNotices', tags: ['notify'], response: { 200: noticesReadAll } },
      config: { action: 'notify.read_all' },
    },
    async (req) => markAllNoticesRead(deps, actorOf(req)),
  );
  r.post(
    '/api/notices/:id/read',
    {
      schema: {
        operationId: 'readNotice',
        tags: ['notify'],
        params: noticeIdParams,
        response: { 200: noticeRead },
      },
      config: { action: 'notify.read' },
    },
    async (req) => markNoticeRead(deps, actorOf(req), req.params.id),
  );
}
