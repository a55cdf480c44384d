import type { FastifyInstance } from 'fastify';

// Headers a browser needs to treat every answer safely, set in one place for every route.
// Each kind of answer gets the narrowest policy that still lets it work:
// - the console (the SPA shell): its own scripts and styles only; antd writes its styles
//   into <style> elements at run time, so styles also allow inline;
// - the citizens' server-rendered pages: no script at all (they set publicPageCsp);
// - everything else (API JSON, files, exports, QR codes, posters): nothing may load or run.

/** The console's HTML: only what the built app loads from its own origin. */
export const consoleCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The citizens' pages and forms: inline styles and own images, no script. */
export const publicPageCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Anything that is not a page: JSON, files, images, exports. */
export const fileCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const isHtml = (type: unknown) => typeof type === 'string' && type.toLowerCase().startsWith('text/html');

// A 304 carries no type, yet the browser stores its headers over the cached page's: the
// console's shell revalidated by @fastify/static must keep the console's policy. Outside
// /api/ the only untyped answers are such revalidations (of the shell or of its assets, whose
// own policy a browser ignores).
const policyOf = (url: string, type: unknown) =>
  isHtml(type) || (type === undefined && !url.startsWith('/api/')) ? consoleCsp : fileCsp;

export function registerSecurityHeaders(app: FastifyInstance, settings: { secureCookies: boolean }) {
  app.addHook('onSend', async (req, reply, payload) => {
    // A route that chose its own policy (the H5 forms, the public pages, photos) keeps it,
    // framing refused in any case.
    const own = reply.getHeader('content-security-policy');
    if (own === undefined)
      reply.header('content-security-policy', policyOf(req.url, reply.getHeader('content-type')));
    else if (!/frame-ancestors/.test(String(own)))
      reply.header('content-security-policy', `${String(own)}; frame-ancestors 'none'`);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    // Only where cookies are marked secure, i.e. served over TLS: on a plain-HTTP test box it
    // would pin the name to HTTPS for a year. Not includeSubDomains: other sites under the
    // committee's domain are not ours to pin.
    if (settings.secureCookies) reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
}
