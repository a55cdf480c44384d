import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { levels } from '../../../../contracts/org.ts';
import type { Level } from '../../../../contracts/org.ts';
import type { Filters } from './member-filters.tsx';

export type Sort = { sort: 'name' | 'committee' | 'sector' | 'joinedOn'; order: 'asc' | 'desc' };
export type Paging = { page: number; pageSize: number };
export type GridState = { filters: Filters; sort: Sort; paging: Paging };

const sorts = ['name', 'committee', 'sector', 'joinedOn'] as const;
const statuses = ['active', 'retired', 'all'] as const;
const pageSizes = [10, 20, 50, 100];
const pick = <T extends string>(v: string | null, of: readonly T[]): T | undefined =>
  of.includes(v as T) ? (v as T) : undefined;

/** The roster's filters, sort and page from the address (?committee=…&page=2), with defaults. */
export function gridStateOf(p: URLSearchParams): GridState {
  const size = Number(p.get('size'));
  return {
    filters: {
      committeeId: p.get('committee') ?? undefined,
      subtree: p.get('subtree') !== 'false',
      level: pick<Level>(p.get('level'), levels),
      sectorId: p.get('sector') ?? undefined,
      specialCommitteeId: p.get('special') ?? undefined,
      status: pick(p.get('status'), statuses) ?? 'active',
      q: p.get('q') ?? undefined,
    },
    sort: { sort: pick(p.get('sort'), sorts) ?? 'name', order: p.get('order') === 'desc' ? 'desc' : 'asc' },
    paging: {
      page: Math.max(1, Math.floor(Number(p.get('page'))) || 1),
      pageSize: pageSizes.includes(size) ? size : 20,
    },
  };
}

/** The address of a state: only what differs from the defaults, so a plain link stays plain. */
export function paramsOfGridState(s: GridState): URLSearchParams {
  const p = new URLSearchParams();
  const f = s.filters;
  if (f.committeeId) p.set('committee', f.committeeId);
  if (!f.subtree) p.set('subtree', 'false');
  if (f.level) p.set('level', f.level);
  if (f.sectorId) p.set('sector', f.sectorId);
  if (f.specialCommitteeId) p.set('special', f.specialCommitteeId);
  if (f.status !== 'active') p.set('status', f.status);
  if (f.q) p.set('q', f.q);
  if (s.sort.sort !== 'name') p.set('sort', s.sort.sort);
  if (s.sort.order !== 'asc') p.set('order', s.sort.order);
  if (s.paging.page !== 1) p.set('page', String(s.paging.page));
  if (s.paging.pageSize !== 20) p.set('size', String(s.paging.pageSize));
  return p;
}

/**
 * The roster page keeps its state in the address, so reload, back and a shared link show the
 * same rows; a grid inside another page (a committee's tab) keeps its own, leaving that page's
 * address alone.
 */
export function useGridState(
  fixedCommitteeId?: string,
): [GridState, (next: (s: GridState) => GridState) => void] {
  const [params, setParams] = useSearchParams();
  const [local, setLocal] = useState<GridState>(() => {
    const s = gridStateOf(new URLSearchParams());
    return { ...s, filters: { ...s.filters, committeeId: fixedCommitteeId, subtree: false } };
  });
  if (fixedCommitteeId) return [local, setLocal];
  // From the address as it is when called (not as a render saw it): a handler antd kept from an
  // earlier render still changes only what it means to change (the page), not the filters set
  // since. react-router's functional form would hand it that render's params, as stale.
  const current = () => gridStateOf(new URLSearchParams(window.location.search));
  return [gridStateOf(params), (next) => setParams(paramsOfGridState(next(current())))];
}
