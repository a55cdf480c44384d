import type { FastifyReply } from 'fastify';

/** A generated file shown inline, under its (Chinese) name: QR codes, posters, calendars. */
export const sendFile = (reply: FastifyReply, type: string, name: string, body: Buffer | string) =>
  reply
    .type(type)
    .header('content-disposition', `inline; filename="file"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(body);
