import type { DutyOccurrence } from '../../../../contracts/studios.ts';
import { studioKindLabels } from '../../../../contracts/studios.ts';

// The page a citizen's phone opens after scanning: plain HTML rendered on the server, no
// script, a few KB, readable on a weak network inside WeChat. Large-font and high-contrast
// modes (适老化) are links, so they work without JavaScript too.
export const esc = (s: string | null | undefined) =>
  (s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export type Mode = { large: boolean; contrast: boolean };
export const plainMode: Mode = { large: false, contrast: false };
export const modeOf = (q: unknown): Mode => {
  const x = (q ?? {}) as { large?: string; contrast?: string };
  return { large: x.large === '1', contrast: x.contrast === '1' };
};
/** The mode as a query string ('' in the plain mode): carried by every link and form. */
export const modeQuery = (mode: Mode) =>
  [mode.large && 'large=1', mode.contrast && 'contrast=1'].filter(Boolean).join('&');
/** A path with the mode added to its query. */
export const withMode = (href: string, mode: Mode) => {
  const q = modeQuery(mode);
  return q ? `${href}${href.includes('?') ? '&' : '?'}${q}` : href;
};

/** The two switches, as links to the same page in the other mode (they work without script). */
export function modeNav(mode: Mode, path: string) {
  const toggle = (k: keyof Mode, label: string) =>
    // Announced as the toggle it looks like: aria-pressed is not allowed on a plain link
    // (axe: aria-allowed-attr), it is on role=button.
    `<a class="mode" role="button" href="${esc(withMode(path, { ...mode, [k]: !mode[k] }))}" aria-pressed="${mode[k]}">${label}</a>`;
  return `<nav aria-label="显示方式">${toggle('large', '大字模式')}${toggle('contrast', '高对比度')}</nav>`;
}

/** Font size and colours of a mode, for the public pages' style sheets. */
export function modeLook(mode: Mode) {
  const [fg, bg, accent, muted] = mode.contrast
    ? ['#fff', '#000', '#ffeb3b', '#fff']
    : ['#1a1a1a', '#fff', '#b71c1c', '#444'];
  return { base: mode.large ? 22 : 17, fg, bg, accent, muted };
}

const fmt = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
};
const span = (o: { startsAt: string; endsAt: string }) => `${fmt(o.startsAt)}–${fmt(o.endsAt).slice(-5)}`;

function layout(title: string, mode: Mode, path: string, body: string) {
  const { base, fg, bg, accent, muted } = modeLook(mode);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{margin:0;font:${base}px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:${fg};background:${bg}}
header{background:${mode.contrast ? '#000' : accent};color:#fff;padding:16px;border-bottom:3px solid ${accent}}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;color:${accent};margin:24px 0 8px}
main{padding:0 16px 32px;max-width:720px;margin:auto}p{margin:6px 0}.muted{color:${muted}}
ul{padding-left:1.2em}li{margin:6px 0}a{color:${accent}}
nav{display:flex;gap:12px;flex-wrap:wrap;padding:12px 16px;max-width:720px;margin:auto}
.mode{border:2px solid ${accent};border-radius:8px;padding:6px 12px;text-decoration:none;font-weight:600}
.duty{border-left:4px solid ${accent};padding-left:10px}
</style></head><body>
<header><h1>${esc(title)}</h1></header>
${modeNav(mode, path)}
<main>${body}</main></body></html>`;
}

const dutyList = (xs: DutyOccurrence[] | Omit<DutyOccurrence, 'people'>[], empty: string) =>
  xs.length
    ? `<ul>${xs
        .map((o) => {
          const people =
            'people' in o && o.people.length ? `（${o.people.map((p) => esc(p.name)).join('、')}）` : '';
          const studio = 'studioName' in o ? ` · ${esc(String(o.studioName))}` : '';
          return `<li class="duty">${span(o)}${studio}${people}${o.note ? ` · ${esc(o.note)}` : ''}</li>`;
        })
        .join('')}</ul>`
    : `<p class="muted">${empty}</p>`;

export function studioPage(
  s: {
    code: string;
    name: string;
    kind: keyof typeof studioKindLabels;
    committeeName: string;
    address: string | null;
    intro: string | null;
    services: string | null;
    openingHours: string | null;
    members: { code: string | null; name: string; sectorName: string | null; role: 'convenor' | 'member' }[];
    onDutyToday: DutyOccurrence[];
    nextDuty: DutyOccurrence[];
  },
  mode: Mode,
) {
  const memberLink = (m: (typeof s.members)[number]) =>
    m.code ? `<a href="${esc(withMode(`/m/${m.code}`, mode))}">${esc(m.name)}</a>` : esc(m.name);
  return layout(
    s.name,
    mode,
    `/s/${s.code}`,
    `<p class="muted">${esc(s.committeeName)} · ${studioKindLabels[s.kind]}</p>
<p><a class="mode" href="${esc(withMode(`/s/${s.code}/concern`, mode))}">反映诉求</a> <a href="${esc(withMode('/t', mode))}">查询办理进度</a></p>
${s.address ? `<p>地址：${esc(s.address)}</p>` : ''}${s.openingHours ? `<p>开放时间：${esc(s.openingHours)}</p>` : ''}
<h2>今日值班</h2>${dutyList(s.onDutyToday, '今天没有安排委员值班')}
<h2>近期接待日</h2>${dutyList(s.nextDuty, '暂无安排')}
${s.services ? `<h2>可以帮您</h2><p>${esc(s.services)}</p>` : ''}
${s.intro ? `<h2>工作室简介</h2><p>${esc(s.intro)}</p>` : ''}
<h2>工作室委员</h2><ul>${s.members
      .map(
        (m) =>
          `<li>${memberLink(m)}${m.role === 'convenor' ? '（召集人）' : ''}${m.sectorName ? ` · ${esc(m.sectorName)}` : ''}</li>`,
      )
      .join('')}</ul>`,
  );
}

export function memberPage(
  m: {
    code: string;
    name: string;
    sectorName: string | null;
    committeeName: string;
    workUnitPost: string;
    studios: { code: string; name: string }[];
    nextDuty: (Omit<DutyOccurrence, 'people'> & { studioName: string })[];
  },
  mode: Mode,
) {
  return layout(
    `${m.name} 委员`,
    mode,
    `/m/${m.code}`,
    `<p class="muted">${esc(m.committeeName)}${m.sectorName ? ` · ${esc(m.sectorName)}` : ''}</p>
<p>${esc(m.workUnitPost)}</p>
<p><a class="mode" href="${esc(withMode(`/m/${m.code}/concern`, mode))}">向委员反映诉求</a> <a href="${esc(withMode('/t', mode))}">查询办理进度</a></p>
<h2>近期值班</h2>${dutyList(m.nextDuty, '暂无值班安排')}
<h2>所在工作室</h2>${m.studios.length ? `<ul>${m.studios.map((s) => `<li><a href="${esc(withMode(`/s/${s.code}`, mode))}">${esc(s.name)}</a></li>`).join('')}</ul>` : '<p class="muted">暂无</p>'}`,
  );
}

export function notFoundPage() {
  return layout(
    '未找到',
    plainMode,
    '/',
    '<p>没有找到这个二维码对应的工作室或委员，可能已停用。请联系当地政协。</p>',
  );
}
