/**
 * A value read on most pages that changes a few times a year (regions, themes): each process keeps
 * it for `ms`; a change made through this process clears it at once, one made on another instance
 * is seen within `ms`. A failed load is not kept.
 */
export function memoFor<T, A>(ms: number, load: (arg: A) => Promise<T>): { get(arg: A): Promise<T>; clear(): void } {
  let cached: { at: number; value: Promise<T> } | undefined;
  return {
    get(arg) {
      if (!cached || Date.now() - cached.at > ms) {
        const value = load(arg);
        cached = { at: Date.now(), value };
        value.catch(() => {
          cached = undefined;
        });
      }
      return cached.value;
    },
    clear() {
      cached = undefined;
    },
  };
}

/** The same per key (a few keys: each dataset and format), for values that are costly to make and may be minutes old. */
export function memoByKey<T>(ms: number, load: (key: string) => Promise<T>): { get(key: string): Promise<T> } {
  const cached = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key) {
      const hit = cached.get(key);
      if (hit && Date.now() - hit.at <= ms) return hit.value;
      const value = load(key);
      cached.set(key, { at: Date.now(), value });
      value.catch(() => cached.delete(key));
      return value;
    },
  };
}
