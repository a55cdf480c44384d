import type { PublicConcern } from '../../../../contracts/concerns.ts';
import {
  concernCategories,
  concernCategoryLabels,
  concernLimits,
  ratingLabels,
  ratings,
} from '../../../../contracts/concerns.ts';
import { esc, modeLook, modeNav, plainMode, primaryCss, withMode } from '../../http/public-html.ts';
import type { Mode } from '../../http/public-html.ts';

// Citizens' H5 pages: server-rendered HTML, no script, a few KB, usable inside WeChat on a
// weak network. Everything that came from a person goes through esc(); the pages also
// carry a CSP without scripts, so even a mistake here would render text, never run it.

const fmt = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
};

// Large-font and high-contrast modes (适老化) as on the studio page: the mode rides along
// in every link and form of the citizen's path, from the QR code to the rating.
function css(mode: Mode) {
  const { base, fg, bg, accent, muted } = modeLook(mode);
  const box = (light: string, edge: string) =>
    mode.contrast
      ? `background:#000;border-left:4px solid ${accent}`
      : `background:${light};border-left:4px solid ${edge}`;
  return `body{margin:0;font:${base}px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:${fg};background:${bg}}
header{background:${mode.contrast ? '#000' : accent};color:#fff;padding:16px;border-bottom:3px solid ${accent}}h1{font-size:1.4em;margin:0}h2{font-size:1.1em;color:${accent};margin:20px 0 8px}
main{padding:0 16px 32px;max-width:720px;margin:auto}label{display:block;margin:14px 0 4px;font-weight:600}a{color:${accent}}
input,select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:10px;border:1px solid ${mode.contrast ? '#fff' : '#888'};border-radius:6px;color:${fg};background:${bg}}
textarea{min-height:9em}input[type=checkbox],input[type=radio]{width:auto;margin-right:6px}
button{font:inherit;font-weight:600;padding:12px 18px;border-radius:8px;border:2px solid ${accent};background:${accent};color:${mode.contrast ? '#000' : '#fff'};margin:12px 8px 0 0}
button.secondary{background:${bg};color:${accent}}.muted{color:${muted}}.notice{${box('#fff8e1', '#f9a825')};padding:8px 12px}
.error{${box('#ffebee', accent)};padding:8px 12px}.ok{${box('#e8f5e9', '#2e7d32')};padding:8px 12px}
nav{display:flex;gap:12px;flex-wrap:wrap;padding:12px 16px;max-width:720px;margin:auto}
.mode{border:2px solid ${accent};border-radius:8px;padding:6px 12px;text-decoration:none;font-weight:600}
.code{font-size:1.6em;font-weight:700;letter-spacing:.1em}ol{padding-left:1.2em}li{margin:10px 0}.text{white-space:pre-wrap;word-break:break-word}
.photo{width:96px;height:96px;object-fit:cover;margin:8px 8px 0 0;border-radius:6px}
.mode{display:inline-flex;align-items:center;min-height:44px;box-sizing:border-box}.mode[aria-pressed=true]{background:${accent};color:${bg}}
${primaryCss(mode)}button.primary{margin:20px 0 0}
.choice{display:flex;align-items:center;gap:10px;min-height:52px;box-sizing:border-box;margin:10px 0;padding:8px 14px;border:2px solid ${mode.contrast ? '#fff' : '#888'};border-radius:10px;font-weight:600}
.choice input{width:26px;height:26px;margin:0}
.answer{${box('#e8f5e9', '#2e7d32')};padding:8px 14px;margin:12px 0}`;
}

/** A citizen's page; with `path`, the mode switches lead to it in the other mode. */
export function page(title: string, body: string, mode: Mode = plainMode, path?: string) {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${css(mode)}</style></head><body>
<header><h1>${esc(title)}</h1></header>${path ? modeNav(mode, path) : ''}<main>${body}</main></body></html>`;
}

export type FormValues = {
  category?: string;
  text?: string;
  place?: string;
  phone?: string;
  smsCode?: string;
  consent?: string;
  memberCode?: string;
};
export type Flash = { kind: 'error' | 'ok'; lines: string[] };

const flashBox = (f?: Flash) =>
  f
    ? `<div class="${f.kind}" role="${f.kind === 'error' ? 'alert' : 'status'}">${f.lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>`
    : '';

export function concernFormPage(o: {
  action: string;
  target: string;
  backHref: string;
  members?: { code: string; name: string }[];
  values: FormValues;
  submitKey: string;
  flash?: Flash;
  /** Photos kept from an earlier post of this form (h5-photos.ts: keepPhotos). */
  keptPhotos?: number;
  mode?: Mode;
  /** The form's own address (for the mode switches). */
  path?: string;
}) {
  const mode = o.mode ?? plainMode;
  const v = o.values;
  const kept = o.keptPhotos
    ? `<input type="hidden" name="kept" value="${o.keptPhotos}"><p class="ok" role="status">已保留您选择的 ${o.keptPhotos} 张照片，提交时一并上传，无需重新选择；如要换照片，重新选择即可。</p>`
    : '';
  const members = o.members?.length
    ? `<label for="memberCode">找哪位委员（可不选）</label><select id="memberCode" name="memberCode"><option value="">由工作室安排</option>${o.members
        .map(
          (m) =>
            `<option value="${esc(m.code)}"${m.code === v.memberCode ? ' selected' : ''}>${esc(m.name)}</option>`,
        )
        .join('')}</select>`
    : // Without the list (the database was out of reach when the form was shown again), the
      // member picked before still goes with the form.
      v.memberCode
      ? `<input type="hidden" name="memberCode" value="${esc(v.memberCode)}">`
      : '';
  return page(
    '反映诉求',
    `<p class="muted">反映给：${esc(o.target)}</p>${flashBox(o.flash)}
<form method="post" action="${esc(withMode(o.action, mode))}" accept-charset="utf-8" enctype="multipart/form-data">
<input type="hidden" name="k" value="${esc(o.submitKey)}">
${members}
<label for="category">类别</label><select id="category" name="category" required>${concernCategories
      .map(
        (c) =>
          `<option value="${c}"${c === v.category ? ' selected' : ''}>${concernCategoryLabels[c]}</option>`,
      )
      .join('')}</select>
<label for="text">您反映的问题或建议（最多 ${concernLimits.body} 字）</label>
<textarea id="text" name="text" maxlength="${concernLimits.body}" required>${esc(v.text)}</textarea>
<label for="place">地点（可不填）</label><input id="place" name="place" maxlength="${concernLimits.place}" value="${esc(v.place)}">
<label for="photos">照片（可不选，最多 ${concernLimits.photos} 张，每张不超过 ${Math.round(concernLimits.photoBytes / 1048576)} MB）</label>
<input id="photos" name="photos" type="file" accept="image/*" multiple>${kept}
<p class="muted">照片中的位置等信息会被自动去除。如页面提示照片有误，请重新选择照片。</p>
<h2>联系方式（可不填）</h2>
<p class="notice">不留手机号也可以匿名反映，凭查询码查看办理进度。留下手机号，办理有答复时会短信通知您；号码加密保存，只有承办人可以查看完整号码，仅用于办理本诉求。</p>
<label for="phone">手机号</label><input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="11" autocomplete="tel" value="${esc(v.phone)}">
<button class="secondary" type="submit" name="action" value="code" formnovalidate>获取短信验证码</button>
<label for="smsCode">短信验证码</label><input id="smsCode" name="smsCode" inputmode="numeric" maxlength="6" autocomplete="one-time-code" value="${esc(v.smsCode)}">
<label><input type="checkbox" name="consent" value="1"${v.consent ? ' checked' : ''}>我已阅读并同意上述个人信息使用说明</label>
<button class="primary" type="submit" name="action" value="submit">提交</button>
</form>
<p><a href="${esc(withMode(o.backHref, mode))}">返回</a> · <a href="${esc(withMode('/t', mode))}">查询办理进度</a></p>`,
    mode,
    o.path,
  );
}

export function lookupPage(flash?: Flash, mode: Mode = plainMode) {
  const keep = (k: keyof Mode) => (mode[k] ? `<input type="hidden" name="${k}" value="1">` : '');
  return page(
    '查询诉求办理进度',
    `${flashBox(flash)}<form method="get" action="/t"><label for="code">查询码</label>
<input id="code" name="code" maxlength="16" autocapitalize="characters" required>${keep('large')}${keep('contrast')}<button class="primary" type="submit">查询</button></form>`,
    mode,
    '/t',
  );
}

/** What the citizen typed in the tracking page's forms, shown again when a post is refused. */
export type Typed = { rating?: string; comment?: string; info?: string };

export function trackingPage(
  c: PublicConcern,
  o: { fresh: boolean; flash?: Flash; mode?: Mode; typed?: Typed },
) {
  const mode = o.mode ?? plainMode;
  const typed = o.typed ?? {};
  const base = `/t/${c.trackingCode}`;
  const to = (path: string) => esc(withMode(path, mode));
  const steps = c.steps
    .map(
      (s) =>
        `<li><strong>${esc(s.label)}</strong> <span class="muted">${fmt(s.at)}${s.actor ? ` · ${esc(s.actor)}` : ''}</span>${
          s.text ? `<div class="text">${esc(s.text)}</div>` : ''
        }</li>`,
    )
    .join('');
  // Each choice is a whole row a thumb can hit (≥ 44 px), and sending is the largest button.
  const rate = c.canRate
    ? `<h2>评价办理结果</h2><form method="post" action="${to(`${base}/rating`)}" accept-charset="utf-8">
<fieldset style="border:0;padding:0;margin:0"><legend>您对办理结果满意吗？</legend>
${ratings.map((r) => `<label class="choice"><input type="radio" name="rating" value="${r}" required${typed.rating === r ? ' checked' : ''}>${ratingLabels[r]}</label>`).join('')}</fieldset>
<label for="comment">意见（可不填）</label><textarea id="comment" name="comment" maxlength="${concernLimits.comment}">${esc(typed.comment)}</textarea>
<button class="primary" type="submit">提交评价</button></form>`
    : '';
  const info = c.canAddInfo
    ? `<h2>补充材料</h2><form method="post" action="${to(`${base}/info`)}" accept-charset="utf-8">
<label for="info">补充说明</label><textarea id="info" name="text" maxlength="${concernLimits.body}" required>${esc(typed.info)}</textarea>
<button class="primary" type="submit">提交补充</button></form>`
    : '';
  // The answer comes first: it is what the citizen came back for (the latest one, when a
  // reopened concern was answered again; the earlier ones stay in the steps below).
  const answer = c.steps.filter((s) => s.kind === 'answered').at(-1);
  const answerBox = answer
    ? `<section class="answer" aria-labelledby="answer-h"><h2 id="answer-h">办理答复</h2><p class="muted">${fmt(answer.at)}${answer.actor ? ` · ${esc(answer.actor)}` : ''}</p>${
        answer.text ? `<div class="text">${esc(answer.text)}</div>` : ''
      }</section>`
    : '';
  return page(
    '诉求办理进度',
    `${o.fresh ? `<div class="ok" role="status"><p>已收到您的诉求。${c.hasPhone ? '查询码和查看进度的链接已用短信发到您的手机，有答复时也会短信通知您。' : '请记下查询码，凭它查看办理进度。'}</p></div>` : ''}${flashBox(o.flash)}
<p>查询码</p><p class="code">${esc(c.trackingCode)}</p>
<p>状态：<strong>${esc(c.statusLabel)}</strong></p>
<p class="muted">承办：${esc(c.routedTo)}${c.dueAt && !['answered', 'closed'].includes(c.status) ? ` · 办理期限 ${fmt(c.dueAt)}` : ''}</p>
${answerBox}${rate}${info}
<h2>您反映的内容</h2><p class="muted">${esc(concernCategoryLabels[c.category])}${c.place ? ` · ${esc(c.place)}` : ''}</p><div class="text">${esc(c.text)}</div>
${c.photos.map((p) => `<a href="${esc(p.url)}"><img class="photo" src="${esc(p.thumbUrl)}" alt="照片 ${p.seq}" loading="lazy"></a>`).join('')}
<h2>办理经过</h2><ol>${steps}</ol>`,
    mode,
    base,
  );
}

/**
 * A rating or an addition that could not be stored because the database was out of reach:
 * the same form with what was typed, to send again in a moment (the concern itself cannot
 * be read now, so the page shows only this).
 */
export function laterPage(o: {
  trackingCode: string;
  path: 'rating' | 'info';
  typed: Typed;
  lines: string[];
  mode?: Mode;
}) {
  const mode = o.mode ?? plainMode;
  const base = `/t/${o.trackingCode}`;
  const action = esc(withMode(`${base}/${o.path}`, mode));
  const form =
    o.path === 'rating'
      ? `<form method="post" action="${action}" accept-charset="utf-8">
${ratings.map((r) => `<label><input type="radio" name="rating" value="${r}" required${o.typed.rating === r ? ' checked' : ''}>${ratingLabels[r]}</label>`).join('')}
<label for="comment">意见（可不填）</label><textarea id="comment" name="comment" maxlength="${concernLimits.comment}">${esc(o.typed.comment)}</textarea>
<button type="submit">再次提交评价</button></form>`
      : `<form method="post" action="${action}" accept-charset="utf-8">
<label for="info">补充说明</label><textarea id="info" name="text" maxlength="${concernLimits.body}" required>${esc(o.typed.info)}</textarea>
<button type="submit">再次提交补充</button></form>`;
  return page(
    '请稍后再试',
    `${flashBox({ kind: 'error', lines: o.lines })}<p>查询码 <strong>${esc(o.trackingCode)}</strong></p>${form}
<p><a href="${esc(withMode(base, mode))}">查看办理进度</a></p>`,
    mode,
    `${base}/${o.path}`,
  );
}

export function notFound(what: string) {
  return page('未找到', `<p>${esc(what)}</p><p><a href="/t">查询办理进度</a></p>`);
}
