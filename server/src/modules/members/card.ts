import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/actor.ts';
import { assertCan } from '../auth/policy.ts';
import { dutySpan, posterPdf } from '../studios/poster.ts';
import { publicMember } from '../studios/public.ts';
import { memberUrl } from '../studios/service.ts';
import { ensurePersonCode } from './for-studios.ts';
import { memberById } from './queries.ts';

// A member's card for print: the QR code of their public page (/m/:code) and the A4 poster
// with it, for staff to hand out. The public page and its code are studios' (studios/public.ts).

/** The member behind a seat id the actor can see, with their public code. */
export async function memberForQr(deps: Deps, actor: Actor, membershipId: string) {
  assertCan(actor, 'members.read');
  const row = await memberById(deps.db, actor.scope, membershipId);
  if (!row) throw new AppError('members.not_found');
  const code = await ensurePersonCode(deps.db, row.person_id);
  return { row, code, url: memberUrl(deps, code) };
}

export async function memberPoster(deps: Deps, actor: Actor, membershipId: string) {
  const m = await memberForQr(deps, actor, membershipId);
  const { card } = await publicMember(deps, m.code);
  return {
    name: card.name,
    body: await posterPdf({
      title: `${card.name} 委员`,
      subtitle: [card.committeeName, card.sectorName].filter(Boolean).join(' · '),
      url: m.url,
      call: '扫码找委员 · 码上反映',
      howTo: ['微信扫一扫左边的二维码', '写下问题并提交，凭查询码查看办理进度'],
      sections: [
        { heading: '工作单位及职务', lines: [card.workUnitPost] },
        ...(card.studios.length ? [{ heading: '所在工作室', lines: card.studios.map((s) => s.name) }] : []),
        ...(card.nextDuty.length
          ? [
              {
                heading: '近期值班',
                lines: card.nextDuty
                  .slice(0, 4)
                  .map((d) => `${dutySpan(d.startsAt, d.endsAt)}\u3000${d.studioName}`),
              },
            ]
          : []),
      ],
    }),
  };
}
