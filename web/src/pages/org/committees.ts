import { useSyncExternalStore } from 'react';
import type { Committee } from '../../../../contracts/org.ts';
import { call } from '../../api.ts';

// The caller's committee subtree is small (a province is a few hundred committees) and
// used by the tree, every committee picker and the grid: load it once, share it.
type State = { items: Committee[] | undefined; error: unknown };
let state: State = { items: undefined, error: null };
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function emit(next: State) {
  state = next;
  for (const l of listeners) l();
}

export function loadCommittees(force = false): Promise<void> {
  if (inflight && !force) return inflight;
  inflight = call('GET /api/committees').then(
    (r) => emit({ items: r.items, error: null }),
    (e: unknown) => {
      inflight = null;
      emit({ items: state.items, error: e });
    },
  );
  return inflight;
}

export function forgetCommittees(): void {
  inflight = null;
  emit({ items: undefined, error: null });
}

function subscribe(l: () => void) {
  listeners.add(l);
  if (!inflight) void loadCommittees();
  return () => listeners.delete(l);
}

export function useCommittees(): State {
  return useSyncExternalStore(subscribe, () => state);
}

export type CommitteeNode = {
  key: string;
  value: string;
  title: string;
  committee: Committee;
  children: CommitteeNode[];
};

const levelRank = { national: 0, province: 1, city: 2, county: 3 } as const;

/** Flat list (by parentId) → forest. A node whose parent is outside the caller's scope is a root. */
export function buildTree(items: Committee[]): CommitteeNode[] {
  const nodes = new Map<string, CommitteeNode>();
  for (const c of items)
    nodes.set(c.id, { key: c.id, value: c.id, title: c.name, committee: c, children: [] });
  const roots: CommitteeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.committee.parentId ? nodes.get(n.committee.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const order = (a: CommitteeNode, b: CommitteeNode) =>
    levelRank[a.committee.level] - levelRank[b.committee.level] ||
    a.committee.regionCode.localeCompare(b.committee.regionCode);
  const sortDeep = (list: CommitteeNode[]) => {
    list.sort(order);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Keeps nodes whose name contains `q`, with their ancestors. */
export function filterTree(nodes: CommitteeNode[], q: string): CommitteeNode[] {
  if (!q) return nodes;
  const out: CommitteeNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, q);
    if (children.length || n.committee.name.includes(q) || n.committee.regionName.includes(q)) {
      out.push({ ...n, children });
    }
  }
  return out;
}

export function allKeys(nodes: CommitteeNode[]): string[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
}
