import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

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

interface Kept<T> {
  at: number;
  value: Promise<T>;
}

/** Values kept `ms` per key in `store`; a failed load is not kept. */
function keptIn<K, T>(ms: number, store: { get(key: K): Kept<T> | undefined; set(key: K, kept: Kept<T>): unknown; delete(key: K): unknown }, load: (key: K) => Promise<T>) {
  return {
    get(key: K): Promise<T> {
      const hit = store.get(key);
      if (hit && Date.now() - hit.at <= ms) return hit.value;
      const value = load(key);
      store.set(key, { at: Date.now(), value });
      value.catch(() => store.delete(key));
      return value;
    },
  };
}

/** The same per key (a few keys: each dataset and format), for values that are costly to make and may be minutes old. */
export function memoByKey<T>(ms: number, load: (key: string) => Promise<T>): { get(key: string): Promise<T> } {
  return keptIn(ms, new Map<string, Kept<T>>(), load);
}

/**
 * The same per database a process reads (tests open many; a read replica sits beside the primary),
 * for a figure shown on busy pages that may be a few seconds old (the home page's count of open demands).
 */
export function memoPerDatabase<T>(ms: number, load: (db: Kysely<DB>) => Promise<T>): { get(db: Kysely<DB>): Promise<T> } {
  return keptIn(ms, new WeakMap<Kysely<DB>, Kept<T>>(), load);
}

/**
 * Work whose answer everyone may share (figures for the public): callers with the same database and
 * key while it runs, or within `ms` after it finished, get that answer instead of starting it again.
 * At most `keys` answers are kept per database, the oldest dropped first; a failure is not kept.
 */
export function sharedFor<T>(ms: number, keys = 100): (db: Kysely<DB>, key: string, work: () => Promise<T>) => Promise<T> {
  const kept = new WeakMap<Kysely<DB>, Map<string, { value: Promise<T>; until: number }>>();
  return (db, key, work) => {
    const forDb = kept.get(db) ?? new Map<string, { value: Promise<T>; until: number }>();
    kept.set(db, forDb);
    const hit = forDb.get(key);
    if (hit && Date.now() < hit.until) return hit.value;
    const entry = { value: work(), until: Number.POSITIVE_INFINITY };
    const forget = () => {
      if (forDb.get(key) === entry) forDb.delete(key);
    };
    const keep = () => {
      if (ms === 0) forget();
      else entry.until = Date.now() + ms;
    };
    entry.value.then(keep, forget);
    forDb.delete(key);
    forDb.set(key, entry);
    if (forDb.size > keys) forDb.delete(forDb.keys().next().value!);
    return entry.value;
  };
}

/** Work asked for again while it runs is not started twice; nothing is kept once it is done (a later caller sees later data). */
export const sharedInFlight = <T>() => sharedFor<T>(0);
