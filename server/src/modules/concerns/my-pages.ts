import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { phone as phoneSchema } from '../../../../contracts/common.ts';
import { fieldMessage } from '../../../../contracts/messages.ts';
import type { Deps } from '../../deps.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { admit } from '../../http/admission.ts';
import { setRetryAfter, toAppError, unavailable } from '../../http/error-handler.ts';
import { AppError, messagesFor } from '../../http/errors.ts';
import { formFields, registerFormParser } from '../../http/form-body.ts';
import { requestSmsCode } from '../notify/codes.ts';
import { esc } from '../../http/public-html.ts';
import { auditExport, eraseCitizen, myConcerns, phoneHashOf, verifyCitizen } from './citizen-data.ts';
import type { MyConcern } from './citizen-data.ts';
import { localTime } from './common.ts';
import { page } from './pages.ts';

// /my — a citizen's own data, no script: prove the phone with a one-time code, see every
// concern given with it, download them (JSON, printable HTML), ask for erasure.

const cookie = 'lx_my';
type Flash = { kind: 'error' | 'ok'; lines: string[] };
const flashBox = (f?: Flash) =>
  f
    ? `<div class="${f.kind}" role="${f.kind === 'error' ? 'alert' : 'status'}">${f.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`
    : '';

const send = (reply: FastifyReply, status: number, body: string, type = 'text/html; charset=utf-8') =>
  reply
    .code(status)
    .type(type)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(body);

function flashOf(err: unknown): Flash {
  if (!(err instanceof AppError)) throw err;
  const fields = err.fields.map((f) => fieldMessage(f.problem, f.field, f.vars)['zh-CN']);
  return { kind: 'error', lines: [messagesFor(err.code, err.vars)['zh-CN'], ...fields] };
}

function loginPage(phone = '', flash?: Flash) {
  return page(
    '查询和删除我的个人信息',
    `${flashBox(flash)}<p>输入您反映诉求时留下的手机号，用短信验证码验证后，可以查看、下载您的全部诉求，或要求删除个人信息。</p>
<form method="post" action="/my" accept-charset="utf-8">
<label for="phone">手机号</label><input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="11" autocomplete="tel" value="${esc(phone)}" required>
<button class="secondary" type="submit" name="action" value="code" formnovalidate>获取短信验证码</button>
<label for="smsCode">短信验证码</label><input id="smsCode" name="smsCode" inputmode="numeric" maxlength="6" autocomplete="one-time-code">
<button type="submit" name="action" value="verify">查看我的诉求</button></form>`,
  );
}

const concernBlock = (c: MyConcern) =>
  `<article><h2>查询码 ${esc(c.trackingCode)}</h2><p class="muted">${esc(c.category)} · ${esc(c.status)} · 提交于 ${localTime(c.submittedAt)} · 承办：${esc(c.handledBy)}</p>
<div class="text">${esc(c.text)}</div>${c.place ? `<p class="muted">地点：${esc(c.place)}</p>` : ''}
<p class="muted">${c.name ? `姓名：${esc(c.name)} · ` : ''}手机：${esc(c.phone ?? '—')} · 照片 ${c.photos} 张</p>
<ol>${c.steps.map((s) => `<li>${esc(s.step)} <span class="muted">${localTime(s.at)}${s.by ? ` · ${esc(s.by)}` : ''}</span>${s.text ? `<div class="text">${esc(s.text)}</div>` : ''}</li>`).join('')}</ol></article>`;

function listPage(items: MyConcern[], flash?: Flash) {
  return page(
    '我的诉求',
    `${flashBox(flash)}<p>共 ${items.length} 条。<a href="/my/export.json">下载（JSON）</a> · <a href="/my/export.html">打印版</a></p>
${items.map(concernBlock).join('')}
${
  items.length
    ? `<h2>删除个人信息</h2><p class="notice">删除后，您的手机号、姓名、照片和您写下的内容将被清除且无法恢复；尚在办理的诉求将撤回、不再办理。诉求的类别和日期仍保留用于统计。</p>
<form method="post" action="/my/delete" accept-charset="utf-8"><label><input type="checkbox" name="confirm" value="1" required>我确认删除以上全部诉求中的个人信息</label>
<button type="submit">删除我的个人信息</button></form>`
    : ''
}<p><a href="/my">返回</a></p>`,
  );
}

export function myPages(app: FastifyInstance, deps: Deps) {
  app.register(async (my) => {
    registerFormParser(my, 8 * 1024);
    // A post refused before its handler ran (too large, a type no form sends, unreadable JSON)
    // gets the form page too, not the API's JSON error.
    my.setErrorHandler(async (err, req, reply) => {
      const status = err instanceof AppError ? err.status : (err as FastifyError).statusCode;
      if (!status || status >= 500) throw err;
      return send(reply, status, loginPage('', flashOf(toAppError(err as FastifyError, req))));
    });
    const cfg = { schema: { hide: true }, config: { auth: 'public' as const } };
    const who = (req: FastifyRequest) => phoneHashOf(deps, req.cookies[cookie]);
    const setSession = (reply: FastifyReply, token: string) =>
      reply.setCookie(cookie, token, {
        path: '/my',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.settings.secureCookies,
        maxAge: 15 * 60,
      });
    const guarded = async (req: FastifyRequest, reply: FastifyReply, fn: (h: string) => Promise<unknown>) => {
      const h = who(req);
      if (!h) return send(reply, 401, loginPage('', flashOf(new AppError('my.not_verified'))));
      try {
        // Writes (erasure) pass the write gate; reads do not.
        return await (req.method === 'POST' ? admit(deps, () => fn(h)) : fn(h));
      } catch (err) {
        const e = isDatabaseUnavailable(err) ? unavailable() : err;
        if (e instanceof AppError) setRetryAfter(reply, e);
        return send(reply, e instanceof AppError ? e.status : 400, loginPage('', flashOf(e)));
      }
    };

    my.get('/my', cfg, async (req, reply) =>
      who(req)
        ? guarded(req, reply, async (h) => send(reply, 200, listPage(await myConcerns(deps, h, req.ip))))
        : send(reply, 200, loginPage()),
    );
    my.post('/my', cfg, async (req, reply) => {
      const { fields: f, problems } = formFields(req.body);
      const phone = (f.phone ?? '').trim();
      try {
        return await admit(deps, () => verify());
      } catch (err) {
        const e = isDatabaseUnavailable(err) ? unavailable() : err;
        if (e instanceof AppError) setRetryAfter(reply, e);
        return send(reply, e instanceof AppError ? e.status : 400, loginPage(phone, flashOf(e)));
      }
      async function verify() {
        if (problems.length) throw new AppError('request.invalid', { fields: problems });
        if (!phoneSchema.safeParse(phone).success)
          throw new AppError('request.invalid', { fields: [{ field: 'phone', problem: 'phone' }] });
        if (f.action === 'code') {
          await requestSmsCode(deps, phone, req.ip);
          return send(reply, 200, loginPage(phone, { kind: 'ok', lines: ['验证码已发送，5 分钟内有效。'] }));
        }
        const code = (f.smsCode ?? '').trim();
        if (!/^\d{6}$/.test(code))
          throw new AppError('request.invalid', {
            fields: [{ field: 'smsCode', problem: 'invalid_format' }],
          });
        setSession(reply, await verifyCitizen(deps, phone, code, req.ip));
        return reply.code(303).header('location', '/my').send();
      }
    });
    my.get('/my/export.json', cfg, async (req, reply) =>
      guarded(req, reply, async (h) => {
        const items = await myConcerns(deps, h, req.ip);
        await auditExport(deps, items, req.ip, 'json');
        reply.header('content-disposition', 'attachment; filename="my-concerns.json"');
        const out = items.map(({ committeeId: _c, ...x }) => x);
        return send(
          reply,
          200,
          JSON.stringify({ exportedAt: deps.clock.now().toISOString(), concerns: out }, null, 2),
          'application/json; charset=utf-8',
        );
      }),
    );
    my.get('/my/export.html', cfg, async (req, reply) =>
      guarded(req, reply, async (h) => {
        const items = await myConcerns(deps, h, req.ip);
        await auditExport(deps, items, req.ip, 'html');
        return send(
          reply,
          200,
          page(
            '我的诉求（打印版）',
            `<p class="muted">导出时间：${localTime(deps.clock.now())}</p>${items.map(concernBlock).join('')}`,
          ),
        );
      }),
    );
    my.post('/my/delete', cfg, async (req, reply) =>
      guarded(req, reply, async (h) => {
        const f = formFields(req.body).fields;
        if (f.confirm !== '1') {
          const flash: Flash = { kind: 'error', lines: [fieldMessage('required', 'confirm')['zh-CN']] };
          return send(reply, 400, listPage(await myConcerns(deps, h, req.ip), flash));
        }
        const r = await eraseCitizen(deps, h, req.ip);
        reply.clearCookie(cookie, { path: '/my' });
        return send(
          reply,
          200,
          page(
            '已删除',
            `<div class="ok" role="status"><p>已删除 ${r.erased} 条诉求中的个人信息${r.withdrawn ? `，其中 ${r.withdrawn} 条尚在办理的诉求已撤回` : ''}。</p></div><p><a href="/my">返回</a></p>`,
          ),
        );
      }),
    );
  });
}
