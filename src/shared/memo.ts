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
 * Work asked for again while it runs is not started twice: callers with the same database and key
 * share the one in flight, and nothing is kept once it is done (so a later caller sees later data).
 */
export function sharedInFlight<T>(): (db: Kysely<DB>, key: string, work: () => Promise<T>) => Promise<T> {
  const running = new WeakMap<Kysely<DB>, Map<string, Promise<T>>>();
  return (db, key, work) => {
    let forDb = running.get(db);
    if (!forDb) {
      forDb = new Map();
      running.set(db, forDb);
    }
    const current = forDb.get(key);
    if (current) return current;
    const started = work().finally(() => forDb.delete(key));
    forDb.set(key, started);
    return started;
  };
}
