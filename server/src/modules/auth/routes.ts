import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  loginBody,
  passwordChangeBody,
  sessionBody,
  totpBody,
  totpSetupBody,
} from '../../../../contracts/auth.ts';
import { okBody } from '../../../../contracts/common.ts';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/actor.ts';
import {
  changePassword,
  login,
  logout,
  sessionBodyOf,
  totpEnroll,
  totpSetup,
  verifyTotp,
} from './service.ts';
import { sessionCookie } from './sessions.ts';

const origin = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

export function authRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.settings.secureCookies,
    });
  const tags = ['auth'];

  r.post(
    '/api/auth/login',
    {
      schema: { operationId: 'login', tags, body: loginBody, response: { 200: sessionBody } },
      config: { auth: 'public', action: 'auth.login' },
    },
    async (req, reply) => {
      const out = await login(deps, req.body, origin(req));
      setCookie(reply, out.token);
      return out.body;
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: { operationId: 'getSession', tags, response: { 200: sessionBody } },
      config: { auth: 'partial' },
    },
    async (req) => {
      const a = actorOf(req);
      return sessionBodyOf(deps, a.accountId, a.stage, a.csrfToken);
    },
  );

  r.post(
    '/api/auth/totp',
    {
      schema: { operationId: 'verifyTotp', tags, body: totpBody, response: { 200: sessionBody } },
      config: { auth: 'partial', action: 'auth.totp' },
    },
    async (req) => verifyTotp(deps, actorOf(req), req.body.code, origin(req)),
  );

  r.get(
    '/api/auth/totp/setup',
    {
      schema: { operationId: 'totpSetup', tags, response: { 200: totpSetupBody } },
      config: { auth: 'partial' },
    },
    async (req) => totpSetup(deps, actorOf(req)),
  );

  r.post(
    '/api/auth/totp/enroll',
    {
      schema: { operationId: 'totpEnroll', tags, body: totpBody, response: { 200: sessionBody } },
      config: { auth: 'partial', action: 'auth.totp_enroll' },
    },
    async (req) => totpEnroll(deps, actorOf(req), req.body.code, origin(req)),
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        operationId: 'changePassword',
        tags,
        body: passwordChangeBody,
        response: { 200: sessionBody },
      },
      config: { auth: 'partial', action: 'auth.password_change' },
    },
    async (req) => changePassword(deps, actorOf(req), req.body, origin(req)),
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { operationId: 'logout', tags, response: { 200: okBody } },
      config: { auth: 'partial', action: 'auth.logout' },
    },
    async (req, reply) => {
      await logout(deps, actorOf(req), origin(req));
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true as const };
    },
  );
}
