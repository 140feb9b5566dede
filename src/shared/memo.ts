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

/** Whether to ignore a kept answer and work it out afresh (the new answer is kept in its place). */
interface Fresh {
  fresh?: boolean;
}

/**
 * Answers per key, each shared while it is worked out and for `ms` after it finished; a failure is
 * dropped at once. At most `keys` answers are kept, the least recently made dropped first, and those
 * past their time are let go as new ones come, so a large `keys` holds only what is still in use.
 */
function keeper<K, T>(ms: number, keys: number): (key: K, work: () => Promise<T>, options?: Fresh) => Promise<T> {
  const kept = new Map<K, { value: Promise<T>; until: number }>();
  return (key, work, options) => {
    const hit = kept.get(key);
    if (hit && !options?.fresh && Date.now() < hit.until) return hit.value;
    const entry = { value: work(), until: Number.POSITIVE_INFINITY };
    const forget = () => {
      if (kept.get(key) === entry) kept.delete(key);
    };
    const keep = () => {
      if (ms === 0) forget();
      else entry.until = Date.now() + ms;
    };
    entry.value.then(keep, forget);
    // Re-inserted, so that a Map's first key is the oldest answer.
    kept.delete(key);
    kept.set(key, entry);
    if (kept.size > keys) kept.delete(kept.keys().next().value!);
    // The oldest come first; one still being worked out (until = ∞) stops the sweep.
    const now = Date.now();
    for (const [oldest, { until }] of kept) {
      if (until >= now) break;
      kept.delete(oldest);
    }
    return entry.value;
  };
}

/** The same per key (a few keys: each dataset and format), for values that are costly to make and may be minutes old. */
export function memoByKey<T>(ms: number, load: (key: string) => Promise<T>): { get(key: string): Promise<T> } {
  const kept = keeper<string, T>(ms, 100);
  return { get: (key) => kept(key, () => load(key)) };
}

/**
 * The same per database a process reads (tests open many; a read replica sits beside the primary),
 * for a figure shown on busy pages that may be a few seconds old (the home page's count of open demands).
 */
export function memoPerDatabase<T>(ms: number, load: (db: Kysely<DB>) => Promise<T>): { get(db: Kysely<DB>): Promise<T> } {
  const shared = sharedFor<T>(ms, 1);
  return { get: (db) => shared(db, '', () => load(db)) };
}

/**
 * Work whose answer everyone may share (figures for the public, counts of a list): callers with the
 * same database and key while it runs, or within `ms` after it finished, get that answer instead of
 * starting it again. At most `keys` answers are kept per database, the oldest dropped first; a
 * failure is not kept; `fresh` works it out again and keeps that.
 */
export function sharedFor<T>(ms: number, keys = 100): (db: Kysely<DB>, key: string, work: () => Promise<T>, options?: Fresh) => Promise<T> {
  const perDatabase = new WeakMap<Kysely<DB>, ReturnType<typeof keeper<string, T>>>();
  return (db, key, work, options) => {
    let kept = perDatabase.get(db);
    if (!kept) {
      kept = keeper<string, T>(ms, keys);
      perDatabase.set(db, kept);
    }
    return kept(key, work, options);
  };
}

/** Work asked for again while it runs is not started twice; nothing is kept once it is done (a later caller sees later data). */
export const sharedInFlight = <T>() => sharedFor<T>(0);
