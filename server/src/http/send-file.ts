import type { FastifyReply } from 'fastify';

/**
 * A generated file under its (Chinese) name: QR codes, posters, calendars. Shown inline,
 * unless it is a type a browser would run as a document (SVG can carry script): that one is
 * only ever downloaded.
 */
export const sendFile = (
  reply: FastifyReply,
  type: string,
  name: string,
  body: Buffer | string,
  disposition: 'inline' | 'attachment' = 'inline',
) =>
  reply
    .type(type)
    .header(
      'content-disposition',
      `${disposition}; filename="file"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(body);
