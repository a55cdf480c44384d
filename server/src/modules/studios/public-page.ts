import type { DutyOccurrence } from '../../../../contracts/studios.ts';
import { studioKindLabels } from '../../../../contracts/studios.ts';
import { esc, layout, plainMode, withMode } from '../../http/public-html.ts';
import type { Mode } from '../../http/public-html.ts';

// The studio's and member's public pages (/s/:code, /m/:code) on the shared public-page kit.

const fmt = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
};
const span = (o: { startsAt: string; endsAt: string }) => `${fmt(o.startsAt)}–${fmt(o.endsAt).slice(-5)}`;

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

/**
 * The studio on a map a phone opens (AMap's web address opens its app or its web map): at
 * its point when the staff set one, else a search for its address.
 */
export function mapUrl(s: { name: string; address: string | null; lat: number | null; lng: number | null }) {
  const name = encodeURIComponent(s.name);
  return s.lat !== null && s.lng !== null
    ? `https://uri.amap.com/marker?position=${s.lng},${s.lat}&name=${name}&coordinate=gaode&callnative=1`
    : `https://uri.amap.com/search?keyword=${encodeURIComponent(s.address ?? s.name)}&callnative=1`;
}

/** A number as a tel: link dials it: digits and +, the extension after 转 dropped. */
export const telOf = (hotline: string) => hotline.split('转')[0]!.replace(/[^0-9+]/g, '');

export function studioPage(
  s: {
    code: string;
    name: string;
    kind: keyof typeof studioKindLabels;
    committeeName: string;
    address: string | null;
    lat: number | null;
    lng: number | null;
    hotline: string | null;
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
<p><a class="primary" href="${esc(withMode(`/s/${s.code}/concern`, mode))}">反映诉求</a></p><p><a href="${esc(withMode('/t', mode))}">查询办理进度</a></p>
${s.address ? `<p>地址：${esc(s.address)} <a href="${esc(mapUrl(s))}">在地图上查看</a></p>` : ''}${
      s.hotline ? `<p>联系电话：<a href="tel:${esc(telOf(s.hotline))}">${esc(s.hotline)}</a></p>` : ''
    }${s.openingHours ? `<p>开放时间：${esc(s.openingHours)}</p>` : ''}
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
<p><a class="primary" href="${esc(withMode(`/m/${m.code}/concern`, mode))}">向委员反映诉求</a></p><p><a href="${esc(withMode('/t', mode))}">查询办理进度</a></p>
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
