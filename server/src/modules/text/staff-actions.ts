// What staff do to a proposed common issue, applied to a live index. Each action returns the
// Decision to store (plain JSON); replaying the stored decisions (rebuild(concerns, decisions))
// gives the same constraints, so a detached concern is not pulled back in by a later run.
import type { Decision } from './decisions.ts';
import { applyDecision, resolveGroup } from './decisions.ts';
import type { ConcernText, GroupIndex } from './grouping.ts';

function groupOf(index: GroupIndex, groupId: string) {
  const g = index.groups.get(resolveGroup(index.constraints, groupId));
  if (!g) throw new Error(`text.group_not_found: ${groupId}`);
  return g;
}

function textOf(index: GroupIndex, concernId: string): ConcernText {
  const c = index.concerns.get(concernId);
  if (!c) throw new Error(`text.concern_not_found: ${concernId}`);
  return { id: concernId, text: c.text, place: c.place, studio: c.studio, at: c.at };
}

/** Move concerns out of their groups and place them again under the (new) constraints. */
function replace(index: GroupIndex, ids: readonly string[], into?: string): void {
  const texts = ids.map((id) => textOf(index, id));
  for (const c of texts) index.remove(c.id);
  for (const c of texts) {
    const v = index.vectorOf(c, false);
    if (into !== undefined) index.addTo(into, c, v);
    else index.placeVector(c, v);
  }
}

/** Record a decision taken elsewhere (replay on a live index) and apply its effect. */
export function applyToIndex(index: GroupIndex, d: Decision): void {
  applyDecision(index.constraints, d);
  switch (d.kind) {
    case 'detach':
      if (index.concerns.has(d.concernId)) replace(index, [d.concernId]);
      return;
    case 'merge': {
      const into = resolveGroup(index.constraints, d.into);
      const moving = [...d.fromMembers, ...d.intoMembers].filter(
        (id) => index.concerns.has(id) && index.concerns.get(id)?.group !== into,
      );
      replace(index, moving, into);
      return;
    }
    case 'split':
      replace(
        index,
        d.concernIds.filter((id) => index.concerns.has(id)),
        d.newGroupId,
      );
      return;
    case 'confirm':
      return;
  }
}

/** Take a concern out of its common issue; it is placed elsewhere (or alone), never back. */
export function detach(index: GroupIndex, concernId: string): Decision {
  const c = index.concerns.get(concernId);
  if (!c) throw new Error(`text.concern_not_found: ${concernId}`);
  const g = groupOf(index, c.group);
  const d: Decision = {
    kind: 'detach',
    concernId,
    groupId: g.id,
    others: g.members.filter((m) => m !== concernId),
  };
  applyToIndex(index, d);
  return d;
}

/** `from` joins `into`; both groups' concerns then stay together. */
export function merge(index: GroupIndex, into: string, from: string): Decision {
  const a = groupOf(index, into);
  const b = groupOf(index, from);
  const d: Decision = {
    kind: 'merge',
    into: a.id,
    from: b.id,
    intoMembers: [...a.members],
    fromMembers: [...b.members],
  };
  applyToIndex(index, d);
  return d;
}

/** Concerns of a group that are another issue become their own group. */
export function split(index: GroupIndex, groupId: string, concernIds: readonly string[]): Decision {
  const g = groupOf(index, groupId);
  const moving = concernIds.filter((id) => g.members.includes(id));
  if (moving.length === 0 || moving.length === g.members.length) {
    throw new Error('text.split_invalid: choose some, not all, of the group');
  }
  let newGroupId = `g-${moving[0]}`;
  for (let n = 2; index.groups.has(newGroupId); n++) newGroupId = `g-${moving[0]}-${n}`;
  const d: Decision = {
    kind: 'split',
    groupId: g.id,
    newGroupId,
    concernIds: moving,
    rest: g.members.filter((m) => !moving.includes(m)),
  };
  applyToIndex(index, d);
  return d;
}

/** Staff checked the group: its members stay together under its id in every later run. */
export function confirm(index: GroupIndex, groupId: string): Decision {
  const g = groupOf(index, groupId);
  const d: Decision = { kind: 'confirm', groupId: g.id, members: [...g.members] };
  applyToIndex(index, d);
  return d;
}
