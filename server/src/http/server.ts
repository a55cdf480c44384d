import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerErrorHandler } from './error-handler.ts';
import { AppError } from './errors.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { refuseUnreadableUrl } from './text-rules.ts';

export const bodyLimitBytes = 1024 * 1024; // JSON bodies; uploads raise their own limit
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const utf8 = new TextDecoder('utf-8', { fatal: true });

// Fastify with zod schemas, strict body parsing (bad UTF-8 and bad JSON are 400s naming
// the problem, never 500s), cookies, and the OpenAPI document at /api/docs.
// X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (by default one on
// this machine): rate limits go by the client's address, which anyone could otherwise claim.
export async function createHttp(
  logger: FastifyBaseLogger,
  trustProxy = 'loopback',
  onRoute?: (route: RouteOptions) => void,
  settings: { secureCookies: boolean } = { secureCookies: false },
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: bodyLimitBytes,
    trustProxy,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: refuseUnreadableUrl,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Before any plugin or route: a plugin's scope only inherits the hooks its parent had then.
  registerSecurityHeaders(app, settings);
  // Fastify shows a route's declared schemas only to onRoute hooks, so a tool that checks the
  // HTTP surface (contracts/api.ts against the routes) listens here, before any is registered.
  if (onRoute) app.addHook('onRoute', onRoute);

  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(new AppError('request.invalid_utf8'), undefined);
    }
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('request.malformed_json'), undefined);
    }
  });
  app.addContentTypeParser(xlsxType, { parseAs: 'buffer', bodyLimit: 30 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Lianxin 连心 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lx_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  return app;
}
