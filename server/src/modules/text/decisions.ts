// Staff decisions on common issues, kept as plain JSON so the database can store them and any
// later run (incremental or a rebuild from scratch) can replay them. Each decision carries the
// concern ids it was taken on, so replaying needs nothing but the log.

export type Decision =
  /** A concern does not belong in a group: it is never put back with those concerns. */
  | { kind: 'detach'; concernId: string; groupId: string; others: string[] }
  /** Two groups are one issue: `from`'s concerns join `into`. */
  | { kind: 'merge'; into: string; from: string; intoMembers: string[]; fromMembers: string[] }
  /** Some concerns of a group are another issue: they form `newGroupId`. */
  | { kind: 'split'; groupId: string; newGroupId: string; concernIds: string[]; rest: string[] }
  /** Staff checked a group: its concerns stay together under its id; new ones may still join. */
  | { kind: 'confirm'; groupId: string; members: string[] };

/** What the decisions oblige a run to respect. */
export interface Constraints {
  /** Concerns whose group staff fixed (confirm, merge, split). */
  pins: Map<string, string>;
  /** Concerns that must not share a group (detach): symmetric. */
  apart: Map<string, Set<string>>;
  /** Group ids a concern must not join (detach). */
  banned: Map<string, Set<string>>;
  confirmed: Set<string>;
  /** Group ids merged away → the group they live on in. */
  aliases: Map<string, string>;
}

export function emptyConstraints(): Constraints {
  return { pins: new Map(), apart: new Map(), banned: new Map(), confirmed: new Set(), aliases: new Map() };
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** The id a group is known by now (after merges). */
export function resolveGroup(c: Constraints, groupId: string): string {
  let id = groupId;
  for (let hops = 0; hops < 1000 && c.aliases.has(id); hops++) id = c.aliases.get(id) ?? id;
  return id;
}

/** Fold one decision into the constraints (in the order the decisions were taken). */
export function applyDecision(c: Constraints, d: Decision): void {
  switch (d.kind) {
    case 'detach': {
      const groupId = resolveGroup(c, d.groupId);
      addTo(c.banned, d.concernId, groupId);
      if (c.pins.get(d.concernId) === groupId) c.pins.delete(d.concernId);
      for (const other of d.others) {
        if (other === d.concernId) continue;
        addTo(c.apart, d.concernId, other);
        addTo(c.apart, other, d.concernId);
      }
      return;
    }
    case 'merge': {
      const into = resolveGroup(c, d.into);
      const from = resolveGroup(c, d.from);
      if (into === from) return;
      c.aliases.set(from, into);
      for (const [concern, group] of c.pins) if (group === from) c.pins.set(concern, into);
      for (const id of [...d.intoMembers, ...d.fromMembers]) c.pins.set(id, into);
      if (c.confirmed.delete(from)) c.confirmed.add(into);
      return;
    }
    case 'split': {
      const groupId = resolveGroup(c, d.groupId);
      for (const id of d.rest) c.pins.set(id, groupId);
      for (const id of d.concernIds) c.pins.set(id, d.newGroupId);
      return;
    }
    case 'confirm': {
      const groupId = resolveGroup(c, d.groupId);
      c.confirmed.add(groupId);
      for (const id of d.members) c.pins.set(id, groupId);
      return;
    }
  }
}

export function constraintsOf(decisions: readonly Decision[]): Constraints {
  const c = emptyConstraints();
  for (const d of decisions) applyDecision(c, d);
  return c;
}

/** May `concernId` join a group with this id and these members? */
export function mayJoin(
  c: Constraints,
  concernId: string,
  groupId: string,
  isMember: (otherId: string) => boolean,
): boolean {
  if (c.banned.get(concernId)?.has(groupId)) return false;
  const pin = c.pins.get(concernId);
  if (pin !== undefined && pin !== groupId) return false;
  for (const other of c.apart.get(concernId) ?? []) if (isMember(other)) return false;
  return true;
}
