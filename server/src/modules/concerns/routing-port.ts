import type { ConcernSubmit } from '../../../../contracts/concerns.ts';
import type { RoutingSuggestion } from '../../../../contracts/routing.ts';
import type { Deps } from '../../deps.ts';

// What concerns asks of routing (精准对接) when a concern comes in: a suggestion, stored with
// the concern. Concerns declares it and imports nothing of routing; routing provides it
// (routing/service.ts: suggestFor) and the composition roots hand it in (app.ts, the demo),
// so the two modules depend one way only: routing → concerns.

/** What a suggestion is made from. */
export type RoutingRequest = {
  committeeId: string;
  category: ConcernSubmit['category'];
  text: string;
  place?: string | null;
  studioId?: string | null;
  personId?: string | null;
};

/** Routing's suggestion for a new concern, or null (a failure never stops a submission). */
export type SuggestRouting = (deps: Deps, input: RoutingRequest) => Promise<RoutingSuggestion | null>;

/** What the concerns module is given by whoever wires it. */
export type ConcernsProvided = { suggestRouting: SuggestRouting };
