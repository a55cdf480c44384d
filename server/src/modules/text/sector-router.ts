// Baseline router (the naive Bayes model alone); replaced below.
import type { RoutingExample, RoutingInput, SectorSuggestion } from './routing-model.ts';
import { createRoutingModel } from './routing-model.ts';

export interface RoutingAnswer {
  suggestions: SectorSuggestion[];
  abstain: boolean;
}

export function createSectorRouter() {
  const model = createRoutingModel();
  return {
    learn: (e: RoutingExample) => model.learn(e),
    suggest(input: RoutingInput, k = 3): RoutingAnswer {
      return { suggestions: model.predict(input, k), abstain: false };
    },
  };
}
