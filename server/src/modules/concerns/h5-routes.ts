import { randomBytes } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { concernSubmitBody, infoBody, ratingBody } from '../../../../contracts/concerns.ts';
import { fieldMessage } from '../../../../contracts/messages.ts';
import type { Deps } from '../../deps.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { admit } from '../../http/admission.ts';
import { setRetryAfter, toAppError, unavailable } from '../../http/error-handler.ts';
import { AppError, messagesFor } from '../../http/errors.ts';
import { formFields, registerFormParser } from '../../http/form-body.ts';
import { esc } from '../../http/public-html.ts';
import { fieldErrorsFromIssues } from '../../http/zod-issues.ts';
import type { Issue } from '../../http/zod-issues.ts';
import { requestSmsCode } from '../notify/codes.ts';
import { hitLimits } from '../../http/rate-limit.ts';
import { publicMember, publicStudio } from '../studios/public.ts';
import { modeOf, withMode } from '../../http/public-html.ts';
import type { Mode } from '../../http/public-html.ts';
import {
  forgetKeptPhotos,
  keepPhotos,
  keptPhotoCount,
  keptPhotos,
  multipartOptions,
  processUploads,
  readH5Form,
} from './h5-photos.ts';
import type { ProcessedPhoto } from './photos.ts';
import { addInfo, rateConcern, submitConcern, trackConcern } from './intake.ts';
import type { ConcernsProvided } from './routing-port.ts';
import { concernFormPage, laterPage, lookupPage, notFound, page, trackingPage } from './pages.ts';
import type { Flash, FormValues, Typed } from './pages.ts';

// The H5 side of the concern path: plain HTML forms that work without JavaScript (the
// "get a code" button is a second submit button of the same form, so nothing typed is lost).

type Form = Record<string, string>;

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer') // tracking codes live in these URLs
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(body);

const codeRe = /^[A-Za-z0-9]{4,16}$/;
const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

/** An error as lines a citizen can read: the message and each field's problem, in Chinese. */
function flashOf(err: unknown): Flash {
  if (isDatabaseUnavailable(err)) err = unavailable();
  if (err instanceof AppError) {
    const fields = err.fields.map((f) => fieldMessage(f.problem, f.field, f.vars)['zh-CN']);
    return { kind: 'error', lines: [messagesFor(err.code, err.vars)['zh-CN'], ...fields] };
  }
  throw err;
}

function parseOrThrow<T>(
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } };
  },
  v: unknown,
): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  throw new AppError('request.invalid', { fields: fieldErrorsFromIssues(r.error.issues as Issue[], '') });
}

export function h5Routes(app: FastifyInstance, deps: Deps, provided: ConcernsProvided) {
  app.register(async (h5) => {
    // Only here: HTML forms post urlencoded; the JSON API stays JSON-only.
    registerFormParser(h5, 32 * 1024);
    await h5.register(fastifyMultipart, multipartOptions);
    // A post refused before its handler ran (too large, a type no form sends, unreadable) is
    // still answered with a page a citizen can read, and a way back to the form.
    // A page that could not be read because the database is out of reach says "try again
    // in a moment" as a page too (503, Retry-After), not as the JSON of the API.
    h5.setErrorHandler(async (err, req, reply) => {
      const down = isDatabaseUnavailable(err);
      const status = down ? 503 : err instanceof AppError ? err.status : (err as FastifyError).statusCode;
      if (!status || (status >= 500 && !down && !(err instanceof AppError && err.status === 503))) throw err;
      const e = down ? unavailable() : toAppError(err as FastifyError, req);
      setRetryAfter(reply, e);
      const mode = modeOf(req.query);
      const back = withMode(req.url.split('?')[0]!.replace(/\/(rating|info)$/, ''), mode);
      const lines = flashOf(e)
        .lines.map((l) => `<p>${esc(l)}</p>`)
        .join('');
      const title = e.status === 503 ? '请稍后再试' : '未能提交';
      return html(reply, e.status, page(title, `${lines}<p><a href="${esc(back)}">返回</a></p>`, mode));
    });
    const pub = { auth: 'public' as const };
    const hidden = { hide: true };

    type Target = {
      target: string;
      back: string;
      studioCode?: string;
      memberCode?: string;
      members?: { code: string; name: string }[];
    };
    const targetOf = async (kind: 's' | 'm', code: string): Promise<Target | undefined> => {
      if (!codeRe.test(code)) return undefined;
      try {
        if (kind === 's') {
          const s = await publicStudio(deps, code);
          return {
            target: s.name,
            back: `/s/${s.code}`,
            studioCode: s.code,
            members: s.members.flatMap((m) => (m.code ? [{ code: m.code, name: m.name }] : [])),
          };
        }
        const m = (await publicMember(deps, code)).card;
        return { target: `${m.name} 委员`, back: `/m/${m.code}`, memberCode: m.code };
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return undefined;
        throw err;
      }
    };
    const newKey = () => randomBytes(12).toString('hex');
    const withinKeptPhotosLimit = async (ip: string) => {
      try {
        await hitLimits(deps, [{ bucket: `kept-photos:ip:${ip}`, max: 20, windowSeconds: 3600 }]);
        return true;
      } catch (err) {
        if (err instanceof AppError && err.code === 'request.rate_limited') return false;
        throw err;
      }
    };

    for (const kind of ['s', 'm'] as const) {
      h5.get(`/${kind}/:code/concern`, { schema: hidden, config: pub }, async (req, reply) => {
        const t = await targetOf(kind, String((req.params as { code: string }).code));
        if (!t) return html(reply, 404, notFound('没有找到这个工作室或委员，可能已停用。'));
        return html(
          reply,
          200,
          concernFormPage({
            action: `${t.back}/concern`,
            target: t.target,
            backHref: t.back,
            members: t.members,
            values: {},
            submitKey: newKey(),
            mode: modeOf(req.query),
            path: `${t.back}/concern`,
          }),
        );
      });
      h5.post(`/${kind}/:code/concern`, { schema: hidden, config: pub }, async (req, reply) => {
        // The studio or member is read only to show the form again: a good submission needs
        // just the code, which submitConcern checks (a public page's reads cost more than it).
        const code = String((req.params as { code: string }).code);
        if (!codeRe.test(code)) return html(reply, 404, notFound('没有找到这个工作室或委员，可能已停用。'));
        const mode = modeOf(req.query);
        const form = await readH5Form(req);
        const f = form.fields as Form;
        const values: FormValues = {
          category: f.category,
          text: f.text,
          place: f.place,
          phone: f.phone,
          smsCode: f.smsCode,
          consent: f.consent,
          memberCode: f.memberCode,
        };
        const key = typeof f.k === 'string' && /^[0-9a-f]{24}$/.test(f.k) ? f.k : newKey();
        // Photos that passed are kept for this form whatever else is refused: a browser
        // cannot put them back into the form shown again (h5-photos.ts: keepPhotos).
        let uploaded: ProcessedPhoto[] = [];
        const again = async (status: number, flash: Flash) => {
          const t = await targetOf(kind, code);
          if (!t) return html(reply, 404, notFound('没有找到这个工作室或委员，可能已停用。'));
          // Kept within a per-address allowance: a refused form stores photos without ever
          // reaching the submission's own limit, so endless refused posts must not fill the table.
          const keep = uploaded.length > 0 && (await withinKeptPhotosLimit(req.ip));
          if (keep) await keepPhotos(deps, key, uploaded);
          const keptCount = keep ? uploaded.length : f.kept ? await keptPhotoCount(deps, key) : 0;
          return html(
            reply,
            status,
            concernFormPage({
              action: `${t.back}/concern`,
              target: t.target,
              backHref: t.back,
              members: t.members,
              values,
              submitKey: key,
              flash,
              keptPhotos: keptCount,
              mode,
              path: `${t.back}/concern`,
            }),
          );
        };
        // The form again without reading the database, when it is what is out of reach: the
        // target by its code, what was typed, and the truth about the photos (kept ones stay
        // kept; new ones could not be stored, so they must be chosen again).
        const offline = (flash: Flash) => {
          const back = `/${kind}/${code.toUpperCase()}`;
          const kept = Number(f.kept);
          const lost = form.files.length > 0;
          const lines = [
            ...flash.lines,
            lost ? '您这次选择的照片未能保存，再次提交前请重新选择照片。' : '',
          ].filter(Boolean);
          return html(
            reply.header('retry-after', '5'),
            503,
            concernFormPage({
              action: `${back}/concern`,
              target: `${kind === 's' ? '工作室' : '委员'}（编号 ${code.toUpperCase()}）`,
              backHref: back,
              values,
              submitKey: key,
              flash: { kind: 'error', lines },
              keptPhotos: !lost && Number.isInteger(kept) && kept > 0 ? kept : 0,
              mode,
              path: `${back}/concern`,
            }),
          );
        };
        try {
          return await admit(deps, () => post());
        } catch (err) {
          const e = isDatabaseUnavailable(err) ? unavailable() : err;
          const flash = flashOf(e);
          if (e instanceof AppError) setRetryAfter(reply, e);
          try {
            return await again(e instanceof AppError ? e.status : 400, flash);
          } catch (againErr) {
            if (!isDatabaseUnavailable(againErr)) throw againErr;
            return offline(flashOf(unavailable()));
          }
        }
        async function post() {
          if (form.error) throw form.error;
          uploaded = await processUploads(form.files);
          if (f.action === 'code') {
            const phone = parseOrThrow(concernSubmitBody.shape.phone, blank(f.phone)?.trim());
            if (!phone)
              throw new AppError('request.invalid', { fields: [{ field: 'phone', problem: 'required' }] });
            await requestSmsCode(deps, phone, req.ip);
            return await again(200, { kind: 'ok', lines: ['验证码已发送，5 分钟内有效。'] });
          }
          const body = parseOrThrow(concernSubmitBody, {
            studioCode: kind === 's' ? code.toUpperCase() : undefined,
            memberCode: kind === 'm' ? code.toUpperCase() : blank(f.memberCode),
            category: f.category,
            text: f.text,
            place: f.place,
            phone: blank(f.phone)?.trim(),
            smsCode: blank(f.smsCode)?.trim(),
            consent: f.consent === '1',
          });
          // New photos replace the kept ones; none chosen this time: the kept ones go.
          const fromKept = !uploaded.length && Boolean(f.kept);
          const photos = fromKept ? await keptPhotos(deps, key) : uploaded;
          const done = await submitConcern(deps, provided, body, req.ip, key, photos);
          if (fromKept) await forgetKeptPhotos(deps, key);
          return reply
            .code(303)
            .header('location', withMode(`/t/${done.trackingCode}?new=1`, mode))
            .send();
        }
      });
    }

    h5.get('/t', { schema: hidden, config: pub }, async (req, reply) => {
      const code = String((req.query as { code?: string }).code ?? '').trim();
      const mode = modeOf(req.query);
      if (!code) return html(reply, 200, lookupPage(undefined, mode));
      if (!/^[A-Za-z0-9]{6,16}$/.test(code))
        return html(reply, 400, lookupPage({ kind: 'error', lines: ['查询码格式不正确'] }, mode));
      return reply
        .code(303)
        .header('location', withMode(`/t/${code.toUpperCase()}`, mode))
        .send();
    });

    const track = async (
      reply: FastifyReply,
      code: string,
      o: { fresh: boolean; mode: Mode; status?: number; flash?: Flash; typed?: Typed },
    ) => {
      try {
        if (!/^[A-Za-z0-9]{6,16}$/.test(code)) throw new AppError('concerns.not_found');
        return html(reply, o.status ?? 200, trackingPage(await trackConcern(deps, code), o));
      } catch (err) {
        if (err instanceof AppError && err.status === 404)
          return html(reply, 404, notFound('没有找到这个查询码对应的诉求，请核对后再试。'));
        throw err;
      }
    };
    h5.get('/t/:code', { schema: hidden, config: pub }, async (req, reply) =>
      track(reply, String((req.params as { code: string }).code), {
        fresh: (req.query as { new?: string }).new === '1',
        mode: modeOf(req.query),
      }),
    );
    const citizenWrite = (path: 'rating' | 'info') =>
      h5.post(`/t/:code/${path}`, { schema: hidden, config: pub }, async (req, reply) => {
        const code = String((req.params as { code: string }).code);
        const { fields: f, problems } = formFields(req.body);
        const mode = modeOf(req.query);
        try {
          if (!/^[A-Za-z0-9]{6,16}$/.test(code)) throw new AppError('concerns.not_found');
          if (problems.length) throw new AppError('request.invalid', { fields: problems });
          await admit(deps, async () => {
            if (path === 'rating') {
              const b = parseOrThrow(ratingBody, { rating: f.rating, comment: f.comment });
              await rateConcern(deps, code, b, req.ip);
            } else {
              const b = parseOrThrow(infoBody, { text: f.text });
              await addInfo(deps, code, b.text, req.ip);
            }
          });
          return reply
            .code(303)
            .header('location', withMode(`/t/${code.toUpperCase()}`, mode))
            .send();
        } catch (err) {
          const e = isDatabaseUnavailable(err) ? unavailable() : err;
          const flash = flashOf(e);
          if (e instanceof AppError) setRetryAfter(reply, e);
          const status = e instanceof AppError ? e.status : 400;
          // The page again with what was typed, so a refused comment is not lost.
          const typed = path === 'rating' ? { rating: f.rating, comment: f.comment } : { info: f.text };
          try {
            return await track(reply, code, { fresh: false, mode, status, flash, typed });
          } catch (trackErr) {
            if (!isDatabaseUnavailable(trackErr)) throw trackErr;
            const lines = flashOf(unavailable()).lines;
            const page = laterPage({ trackingCode: code.toUpperCase(), path, typed, lines, mode });
            return html(reply.header('retry-after', '5'), 503, page);
          }
        }
      });
    citizenWrite('rating');
    citizenWrite('info');
  });
}
