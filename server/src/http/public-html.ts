// The pages a citizen's phone opens (a studio's or member's after scanning, a concern's
// form, its tracking, /my): plain HTML rendered on the server, no script, a few KB, readable
// on a weak network inside WeChat. Large-font and high-contrast modes (适老化) are links, so
// they work without JavaScript too.
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
    // The words say the state too ("大字模式：开"), and a pressed switch is filled: the two
    // states must not look alike to an elderly reader.
    `<a class="mode" role="button" href="${esc(withMode(path, { ...mode, [k]: !mode[k] }))}" aria-pressed="${mode[k]}">${label}：${mode[k] ? '开' : '关'}</a>`;
  return `<nav aria-label="显示方式">${toggle('large', '大字模式')}${toggle('contrast', '高对比度')}</nav>`;
}

/** Font size and colours of a mode, for the public pages' style sheets. */
export function modeLook(mode: Mode) {
  const [fg, bg, accent, muted] = mode.contrast
    ? ['#fff', '#000', '#ffeb3b', '#fff']
    : ['#1a1a1a', '#fff', '#b71c1c', '#444'];
  return { base: mode.large ? 22 : 17, fg, bg, accent, muted };
}

/**
 * The page's main action (反映诉求, 提交): a full-width block in larger type, the largest
 * thing on the page, so an elderly reader finds it first and hits it with a thumb.
 */
export function primaryCss(mode: Mode) {
  const { accent } = modeLook(mode);
  return `.primary{display:flex;align-items:center;justify-content:center;box-sizing:border-box;width:100%;min-height:60px;margin:16px 0;padding:12px 16px;font:inherit;font-size:1.35em;font-weight:700;text-decoration:none;border-radius:10px;border:2px solid ${accent};background:${accent};color:${mode.contrast ? '#000' : '#fff'}}`;
}

/** The shell of a public page: head, style of the mode, title bar and the mode switches. */
export function layout(title: string, mode: Mode, path: string, body: string) {
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
.mode{display:inline-flex;align-items:center;min-height:44px;box-sizing:border-box;border:2px solid ${accent};border-radius:8px;padding:6px 12px;text-decoration:none;font-weight:600}
.mode[aria-pressed=true]{background:${accent};color:${bg}}
${primaryCss(mode)}
.duty{border-left:4px solid ${accent};padding-left:10px}
</style></head><body>
<header><h1>${esc(title)}</h1></header>
${modeNav(mode, path)}
<main>${body}</main></body></html>`;
}
