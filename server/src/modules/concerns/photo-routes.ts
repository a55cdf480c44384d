import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  concernLimits,
  concernPhotoParams,
  photoParams,
  photoUploaded,
  trackingParams,
} from '../../../../contracts/concerns.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { addPhoto, handlerPhoto, publicPhoto } from './photos.ts';

// Photo upload takes the raw image as the body (what a phone's fetch sends). Any image/*
// or octet-stream header is accepted here and the type is decided from the bytes.
export function photoRoutes(app: FastifyInstance, deps: Deps) {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      /^(image\/[\w.+-]+|application\/octet-stream)$/,
      { parseAs: 'buffer', bodyLimit: concernLimits.photoBytes },
      (_req, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const jpeg = (reply: FastifyReply, b: Buffer, cache: string) =>
      reply
        .type('image/jpeg')
        .header('cache-control', cache)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(b);

    r.post(
      '/api/public/concerns/:trackingCode/photos',
      {
        bodyLimit: concernLimits.photoBytes,
        schema: {
          operationId: 'addConcernPhoto',
          tags: ['public'],
          params: trackingParams,
          consumes: ['image/jpeg', 'image/png', 'image/webp'],
          response: { 200: photoUploaded },
        },
        config: { auth: 'public', action: 'concerns.add_photo' },
      },
      async (req) => {
        // Only the image parser gives a Buffer; a JSON body (a string, null) is the wrong type.
        if (!Buffer.isBuffer(req.body)) throw new AppError('request.unsupported_type');
        return addPhoto(deps, req.params.trackingCode, req.body, req.ip);
      },
    );
    for (const thumb of [false, true]) {
      r.get(
        `/api/public/concerns/:trackingCode/photos/:seq${thumb ? '/thumb' : ''}`,
        {
          schema: {
            operationId: thumb ? 'publicConcernPhotoThumb' : 'publicConcernPhoto',
            tags: ['public'],
            params: photoParams,
          },
          config: { auth: 'public' },
        },
        async (req, reply) =>
          jpeg(
            reply,
            await publicPhoto(deps, req.params.trackingCode, req.params.seq, thumb),
            'private, no-store',
          ),
      );
      r.get(
        `/api/concerns/:id/photos/:photoId${thumb ? '/thumb' : ''}`,
        {
          schema: {
            operationId: thumb ? 'concernPhotoThumb' : 'concernPhoto',
            tags: ['concerns'],
            params: concernPhotoParams,
          },
        },
        async (req, reply) =>
          jpeg(
            reply,
            await handlerPhoto(deps, actorOf(req), req.params.id, req.params.photoId, thumb),
            'private, max-age=300',
          ),
      );
    }
  });
}
