import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
};

/** Counts how often `deps` changed (element by element, as React compares effect deps). */
function useChanges(deps: readonly unknown[]): number {
  const [seen, setSeen] = useState({ deps, changes: 0 });
  if (seen.deps.length === deps.length && seen.deps.every((d, i) => Object.is(d, deps[i])))
    return seen.changes;
  // Adjusting state while rendering: React re-renders at once, before any effect runs.
  const next = { deps, changes: seen.changes + 1 };
  setSeen(next);
  return next.changes;
}

/** Runs `fn` whenever `deps` change; the newest run wins. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Loaded<T> {
  // The callers pass a fresh closure each render; the deps, not the closure, decide a rerun.
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const [tick, setTick] = useState(0);
  const run = `${useChanges(deps)}.${tick}`;
  const [result, setResult] = useState<{ run: string; data: T | undefined; error: unknown } | null>(null);

  useEffect(() => {
    let live = true;
    latest.current().then(
      (data) => live && setResult({ run, data, error: null }),
      (error: unknown) => live && setResult((prev) => ({ run, data: prev?.data, error })),
    );
    return () => {
      live = false;
    };
  }, [run]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  // Loading from the first render of new deps on; the last data stays shown meanwhile.
  return { data: result?.data, error: result?.error ?? null, loading: result?.run !== run, reload };
}
