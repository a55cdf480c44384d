import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isWellFormed } from '../../../contracts/common.ts';
import type { FieldProblem } from '../../../contracts/messages.ts';
import { AppError, errorBodyOf, langOf } from './errors.ts';
import type { FieldError } from './errors.ts';
import { esc, layout, plainMode } from './public-html.ts';

// One text rule for every route, before any handler, guard or query sees the input: a
// path parameter or query value never carries a control character (not even a tab or a
// line break: none belongs in a code, an id or a search), and no text anywhere is
// ill-formed UTF-16 (a lone surrogate half from a JSON escape), which the database refuses.
// Body fields get the finer rules of their contract types (contracts/common.ts); the walk
// over bodies here covers the fields a contract types as a bare string.

// eslint-disable-next-line no-control-regex
const anyControl = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const problemOf = (s: string, controls: boolean): FieldProblem | null =>
  !isWellFormed(s) ? 'ill_formed' : controls && anyControl.test(s) ? 'control_chars' : null;

/** Text with no control character and no broken surrogate: safe in a path, a query or the database. */
export const isCleanText = (s: string) => problemOf(s, true) === null;

/** The first string under v (object, array, or the string itself) that breaks the rule. */
export function textProblem(v: unknown, path: string, controls: boolean, depth = 0): FieldError | null {
  if (typeof v === 'string') {
    const problem = problemOf(v, controls);
    return problem ? { field: path, problem } : null;
  }
  if (v === null || typeof v !== 'object' || depth > 32 || Buffer.isBuffer(v)) return null;
  for (const [k, x] of Array.isArray(v) ? v.entries() : Object.entries(v)) {
    const at = `${path}.${k}`;
    // A key is text too: it ends up in error messages and stored JSON.
    const key = typeof k === 'string' ? problemOf(k, true) : null;
    if (key) return { field: at, problem: key };
    const found = textProblem(x, at, controls, depth + 1);
    if (found) return found;
  }
  return null;
}

// The citizen's pages are HTML: a broken link to one gets a page, not a JSON body.
const isPage = (req: FastifyRequest) => !req.url.startsWith('/api/');

function refusePage(reply: FastifyReply) {
  return reply
    .code(400)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      layout(
        '链接无效',
        plainMode,
        '/',
        `<p>${esc('这个链接含有无法识别的字符，请重新扫码或核对链接后再试。')}</p>`,
      ),
    );
}

/**
 * Fastify's `frameworkErrors`: a URL its router cannot read (a broken percent escape) or with a
 * parameter past its length limit. Answered like any refused path, instead of the router's own
 * JSON that echoes the whole URL back (20 KB of whatever was sent, on the citizens' pages too).
 */
export function refuseUnreadableUrl(_err: Error, req: FastifyRequest, reply: FastifyReply) {
  // No route, so no onSend hook (security-headers.ts): the strictest headers, set here.
  reply
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff');
  if (isPage(req)) return refusePage(reply);
  const e = new AppError('request.invalid', { fields: [{ field: 'params', problem: 'invalid_format' }] });
  return reply.code(e.status).send(errorBodyOf(e, langOf(req.headers['accept-language'])));
}

export function registerTextRules(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => {
    const bad = textProblem(req.params, 'params', true) ?? textProblem(req.query, 'querystring', true);
    if (!bad) return;
    if (isPage(req)) return refusePage(reply);
    throw new AppError('request.invalid', { fields: [bad] });
  });
  // Only routes with a body schema: the H5 forms check their fields themselves and show the
  // form again with what was typed (concerns/h5-routes.ts).
  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.schema?.body) return;
    const bad = textProblem(req.body, 'body', false);
    if (bad) throw new AppError('request.invalid', { fields: [bad] });
  });
}
