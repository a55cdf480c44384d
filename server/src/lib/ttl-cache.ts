// Values that change rarely and may be a little stale, kept for a while by key. A load in
// flight is shared by everyone asking for the same key; a failed load is not kept.
// Wall-clock time on purpose: it bounds how stale a value is, whatever the app's clock says.

export type TtlCache = {
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  clear(): void;
};

export function ttlCache(ttlMs: number, maxEntries = 5000): TtlCache {
  const entries = new Map<string, { until: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (ttlMs <= 0) return load();
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.value as Promise<T>;
      if (entries.size >= maxEntries) entries.clear(); // bounded; refilling is cheap
      const value = load();
      entries.set(key, { until: now + ttlMs, value });
      value.catch(() => entries.delete(key));
      return value;
    },
    clear: () => entries.clear(),
  };
}
