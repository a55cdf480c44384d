import type { z } from 'zod';
import type { studioKinds, studioSummary } from '../../../../contracts/studios.ts';

export type StudioSummary = z.infer<typeof studioSummary>;
export type StudioKind = (typeof studioKinds)[number];

// The studio list comes whole (a committee has tens of studios, not thousands), so kind and
// name are filtered here; committee and status go to the server.
export function filterStudios<T extends Pick<StudioSummary, 'kind' | 'name' | 'address' | 'leadName'>>(
  items: T[],
  f: { kind?: StudioKind; q?: string },
): T[] {
  const q = f.q?.trim().toLowerCase();
  return items.filter(
    (s) =>
      (!f.kind || s.kind === f.kind) &&
      (!q || [s.name, s.address, s.leadName].some((v) => v?.toLowerCase().includes(q))),
  );
}
