import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
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
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
    req.log.info({ err }, 'client error');
    return new AppError('request.invalid');
  }
  req.log.error({ err }, 'unhandled error');
  return new AppError('internal');
}

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
    if (
      appErr.code === 'request.rate_limited' ||
      appErr.code === 'request.busy' ||
      appErr.code === 'auth.locked'
    )
      reply.header('retry-after', String(appErr.extra.retryAfterSeconds ?? 60));
    return reply.code(appErr.status).send(errorBodyOf(appErr, lang));
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send(errorBodyOf(new AppError('request.not_found'), langOf(req.headers['accept-language'])));
  });
}
