import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../../contracts/org.ts';
import type { Deps } from '../../deps.ts';
import { sendFile } from '../../http/send-file.ts';
import { actorOf } from '../../http/actor.ts';
import { memberCalendar } from '../studios/files.ts';
import { qrPng } from '../studios/poster.ts';
import { memberForQr, memberPoster } from './card.ts';

// A member's files for staff: the QR code of their public page, the A4 card, their duty calendar.
export function memberCardRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  r.get(
    '/api/members/:id/qr.png',
    { schema: { operationId: 'memberQrPng', tags, params: idParams } },
    async (req, reply) => {
      const m = await memberForQr(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'image/png', `${m.row.name}-二维码.png`, await qrPng(m.url));
    },
  );
  r.get(
    '/api/members/:id/poster.pdf',
    { schema: { operationId: 'memberPoster', tags, params: idParams } },
    async (req, reply) => {
      const f = await memberPoster(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'application/pdf', `${f.name}-委员名片.pdf`, f.body);
    },
  );
  r.get(
    '/api/members/:id/calendar.ics',
    { schema: { operationId: 'memberCalendar', tags, params: idParams } },
    async (req, reply) => {
      const m = await memberForQr(deps, actorOf(req), req.params.id);
      return sendFile(
        reply,
        'text/calendar; charset=utf-8',
        `${m.row.name}-委员值班.ics`,
        await memberCalendar(deps, m.row.person_id, m.code, m.row.name),
      );
    },
  );
}
