import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, errorBodyOf, langOf } from './errors.ts';
import { fieldErrorsFromIssues } from './zod-issues.ts';
import type { Issue } from './zod-issues.ts';

/** The domain error an error thrown anywhere in a request stands for (also the H5 pages' handler). */
export function toAppError(err: FastifyError, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues: Issue[] = err.validation.map((v) => ({
      ...(v.params as Record<string, unknown>),
      code: v.keyword,
      message: v.message ?? '',
      path: v.instancePath.split('/').filter(Boolean),
    }));
    return new AppError('request.invalid', {
      fields: fieldErrorsFromIssues(issues, err.validationContext ?? 'body'),
    });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('request.malformed_json');
  }
  if (err.statusCode === 429) return new AppError('request.rate_limited');
  // The database restarting or out of reach: the pool reconnects by itself, so "try again in
  // a moment" is the truth, and a load balancer or a client that honours Retry-After waits.
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
    return unavailable();
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
    req.log.info({ err }, 'client error');
    return new AppError('request.invalid');
  }
  req.log.error({ err }, 'unhandled error');
  return new AppError('internal');
}

/** 503 `service.unavailable`, with the seconds a client should wait before trying again. */
export const unavailable = () => new AppError('service.unavailable', { extra: { retryAfterSeconds: 5 } });

// Refusals that tell the client when to come back.
const retryLater = new Set(['request.rate_limited', 'request.busy', 'auth.locked', 'service.unavailable']);

/** Sets Retry-After on a refusal that has one (429, 503, 423). */
export function setRetryAfter(reply: FastifyReply, e: AppError) {
  if (retryLater.has(e.code)) reply.header('retry-after', String(e.extra.retryAfterSeconds ?? 60));
}

// What each answered error was, for the hook that counts refusals instead of auditing each.
const codes = new WeakMap<FastifyRequest, string>();
export const errorCodeOf = (req: FastifyRequest) => codes.get(req);
/** For an answer sent without the error handler (the admission gate's prepared refusal). */
export const noteErrorCode = (req: FastifyRequest, code: string) => void codes.set(req, code);

// The one place where errors become HTTP answers: { error: { code, message, messages, fields } }.
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    let appErr: AppError;
    try {
      appErr = toAppError(err, req);
    } catch (mappingErr) {
      req.log.error({ err, mappingErr }, 'error while mapping an error');
      appErr = new AppError('internal');
    }
    setRetryAfter(reply, appErr);
    codes.set(req, appErr.code);
    return reply.code(appErr.status).send(errorBodyOf(appErr, lang));
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send(errorBodyOf(new AppError('request.not_found'), langOf(req.headers['accept-language'])));
  });
}
