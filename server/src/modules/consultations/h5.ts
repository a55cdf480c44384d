import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicTopicBody } from '../../../../contracts/consultations.ts';
import { fieldMessage } from '../../../../contracts/messages.ts';
import type { Deps } from '../../deps.ts';
import { AppError, messagesFor } from '../../http/errors.ts';
import { formFields, registerFormParser } from '../../http/form-body.ts';
import { esc, layout, modeOf, withMode } from '../../http/public-html.ts';
import type { Mode } from '../../http/public-html.ts';
import { fieldErrorsFromIssues } from '../../http/zod-issues.ts';
import type { Issue } from '../../http/zod-issues.ts';
import { requestSmsCode } from '../notify/codes.ts';
import { submitPublicTopic, topicCall, trackPublicTopic } from './topics.ts';

// 群众出题 on a citizen's phone: the year's call for topics (the QR code on posters and in
// studios leads to /ct/<code>), a plain HTML form that works without script — the "get a code"
// button is a second submit button of the same form, so nothing typed is lost — and the
// answer page by tracking code.

const codeRe = /^[A-Za-z0-9]{4,32}$/;
type Form = Record<string, string>;

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(body);

const formCss = `<style>label{display:block;margin:14px 0 4px;font-weight:600}
input,textarea{font:inherit;width:100%;box-sizing:border-box;padding:10px;border:1px solid #888;border-radius:6px}
textarea{min-height:8em}input[type=checkbox]{width:auto;margin-right:6px}
button{font:inherit;font-weight:600;padding:12px 18px;border-radius:8px;border:2px solid #b71c1c;background:#b71c1c;color:#fff;margin:12px 8px 0 0}
button.secondary{background:#fff;color:#b71c1c}.error{background:#ffebee;border-left:4px solid #b71c1c;padding:8px 12px}
.ok{background:#e8f5e9;border-left:4px solid #2e7d32;padding:8px 12px}.code{font-size:1.5em;font-weight:700;letter-spacing:.1em}</style>`;

type Flash = { kind: 'error' | 'ok'; lines: string[] };
const flashBox = (f?: Flash) =>
  f
    ? `<div class="${f.kind}" role="${f.kind === 'error' ? 'alert' : 'status'}">${f.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`
    : '';

function flashOf(err: unknown): Flash {
  if (err instanceof AppError) {
    const fields = err.fields.map((f) => fieldMessage(f.problem, f.field, f.vars)['zh-CN']);
    return { kind: 'error', lines: [messagesFor(err.code, err.vars)['zh-CN'], ...fields] };
  }
  throw err;
}

function formPage(o: {
  code: string;
  call: { committeeName: string; year: number; title: string };
  values: Form;
  key: string;
  flash?: Flash;
  mode: Mode;
}) {
  const v = (k: string) => esc(o.values[k] ?? '');
  const path = `/ct/${o.code}`;
  const body = `${formCss}<p>${esc(o.call.committeeName)}正在征集${o.call.year}年度协商议题。您关心的、希望政协委员和有关部门一起协商解决的问题，请在这里提出。</p>
${flashBox(o.flash)}
<form method="post" action="${esc(withMode(path, o.mode))}">
<input type="hidden" name="k" value="${esc(o.key)}">
<label for="title">议题（一句话）</label><input id="title" name="title" maxlength="100" required value="${v('title')}">
<label for="reasons">为什么要协商这个问题</label><textarea id="reasons" name="reasons" maxlength="2000" required>${v('reasons')}</textarea>
<label for="name">称呼（可不填）</label><input id="name" name="name" maxlength="50" value="${v('name')}">
<label for="phone">手机号（用于告知议题办理结果，不会公开）</label><input id="phone" name="phone" inputmode="numeric" autocomplete="tel" maxlength="11" value="${v('phone')}">
<button class="secondary" name="action" value="code">获取验证码</button>
<label for="smsCode">短信验证码</label><input id="smsCode" name="smsCode" inputmode="numeric" autocomplete="one-time-code" maxlength="6" value="${v('smsCode')}">
<label><input type="checkbox" name="consent" value="1"${o.values.consent === '1' ? ' checked' : ''}>我已阅读并同意：手机号仅用于核实身份和告知结果，加密保存。</label>
<button name="action" value="submit">提交议题</button>
</form>`;
  return layout(o.call.title, o.mode, path, body);
}

const labels = {
  proposed: '已收到，正在梳理',
  chosen: '已列入年度协商计划',
  not_chosen: '未列入年度协商计划',
};

export function topicH5Routes(app: FastifyInstance, deps: Deps) {
  app.register(async (h5) => {
    registerFormParser(h5, 16 * 1024);
    const pub = { auth: 'public' as const };
    const hidden = { hide: true };
    const notFound = (reply: FastifyReply) =>
      html(reply, 404, layout('没有找到', modeOf({}), '/', '<p>没有找到这次议题征集，可能已结束。</p>'));
    const callOf = async (code: string) => {
      if (!codeRe.test(code)) return undefined;
      try {
        return await topicCall(deps, code);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return undefined;
        throw err;
      }
    };

    h5.get('/ct/:code', { schema: hidden, config: pub }, async (req, reply) => {
      const code = String((req.params as { code: string }).code);
      const call = await callOf(code);
      if (!call) return notFound(reply);
      const mode = modeOf(req.query);
      if (!call.open)
        return html(
          reply,
          200,
          layout(call.title, mode, `/ct/${code}`, '<p>本年度议题征集已结束，感谢关注。</p>'),
        );
      return html(
        reply,
        200,
        formPage({ code, call, values: {}, key: randomBytes(12).toString('hex'), mode }),
      );
    });

    h5.post('/ct/:code', { schema: hidden, config: pub }, async (req, reply) => {
      const code = String((req.params as { code: string }).code);
      const call = await callOf(code);
      if (!call) return notFound(reply);
      const mode = modeOf(req.query);
      const { fields: f, problems } = formFields(req.body);
      const key = /^[0-9a-f]{24}$/.test(f.k ?? '') ? f.k! : randomBytes(12).toString('hex');
      const again = (status: number, flash: Flash) =>
        html(reply, status, formPage({ code, call, values: f, key, flash, mode }));
      try {
        if (problems.length) throw new AppError('request.invalid', { fields: problems });
        if (f.action === 'code') {
          const phone = publicTopicBody.shape.phone.safeParse(f.phone?.trim());
          if (!phone.success)
            throw new AppError('request.invalid', { fields: [{ field: 'phone', problem: 'phone' }] });
          await requestSmsCode(deps, phone.data, req.ip);
          return again(200, { kind: 'ok', lines: ['验证码已发送，5 分钟内有效。'] });
        }
        const parsed = publicTopicBody.safeParse({
          title: f.title,
          reasons: f.reasons,
          name: f.name,
          phone: f.phone?.trim(),
          smsCode: f.smsCode?.trim(),
          consent: f.consent === '1',
          submitKey: key,
        });
        if (!parsed.success)
          throw new AppError('request.invalid', {
            fields: fieldErrorsFromIssues(parsed.error.issues as Issue[], ''),
          });
        const done = await submitPublicTopic(deps, code, parsed.data, req.ip);
        return reply
          .code(303)
          .header('location', withMode(`/ct/t/${done.trackingCode}`, mode))
          .send();
      } catch (err) {
        const flash = flashOf(err);
        if (err instanceof AppError && err.code === 'request.rate_limited')
          reply.header('retry-after', String(err.extra.retryAfterSeconds ?? 60));
        return again(err instanceof AppError ? err.status : 400, flash);
      }
    });

    h5.get('/ct/t/:code', { schema: hidden, config: pub }, async (req, reply) => {
      const code = String((req.params as { code: string }).code);
      const mode = modeOf(req.query);
      try {
        if (!codeRe.test(code)) throw new AppError('consultations.topic_not_found');
        const t = await trackPublicTopic(deps, code);
        const body = `${formCss}<p>查询码</p><p class="code">${esc(code)}</p><p class="muted">请保存查询码，凭它查看议题的答复。</p>
<h2>${esc(t.title)}</h2><p>${esc(labels[t.status])}${t.plannedMonth ? `，计划 ${t.plannedMonth} 月协商` : ''}</p>
${t.answer ? `<h2>答复</h2><p>${esc(t.answer)}</p>` : ''}`;
        return html(reply, 200, layout('我提出的协商议题', mode, `/ct/t/${code}`, body));
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return notFound(reply);
        throw err;
      }
    });
  });
}
