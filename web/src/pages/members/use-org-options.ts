import { call } from '../../api.ts';
import { useLoad } from '../../console/use-load.ts';

export type Option = { value: string; label: string };

/** Sector and special-committee choices valid for a committee (retired ones left out). */
export function useOrgOptions(committeeId: string | undefined): {
  sectors: Option[];
  specialCommittees: Option[];
} {
  const sectors = useLoad(
    () =>
      committeeId ? call('GET /api/sectors', { query: { committeeId } }) : Promise.resolve({ items: [] }),
    [committeeId],
  );
  const specials = useLoad(
    () =>
      committeeId
        ? call('GET /api/special-committees', { query: { committeeId } })
        : Promise.resolve({ items: [] }),
    [committeeId],
  );
  return {
    sectors: (sectors.data?.items ?? [])
      .filter((s) => !s.retired)
      .map((s) => ({ value: s.id, label: s.name })),
    specialCommittees: (specials.data?.items ?? [])
      .filter((s) => !s.retired)
      .map((s) => ({ value: s.id, label: s.name })),
  };
}
