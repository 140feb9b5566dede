import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Unlisten } from '../../db/listen.ts';
import type { Db } from '../../shared/context.ts';

const CHANNEL = 'notices';

/**
 * Tells every app instance that this person's notices changed (a new one, or some read). Sent in the
 * caller's transaction, so it arrives when the change is committed and never for one rolled back.
 */
export async function signalNotices(db: Db, userId: number): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${String(userId)})`.execute(db);
}

export interface NoticeFeed {
  /** Calls `onChange` after each committed change to the person's notices until the returned function is called. */
  watch(userId: number, onChange: () => void): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * One LISTEN per app instance, whoever is watching: the live pages of every instance hear of a
 * notice raised on any other. Listening starts with the first watcher.
 */
export function noticeFeed(database: Database, onError: (error: Error) => void): NoticeFeed {
  const watchers = new Map<number, Set<() => void>>();
  let listening: Promise<Unlisten> | null = null;

  const dispatch = (payload: string | null) => {
    // null: the connection was lost for a while, so anyone's notices may have changed.
    const targets = payload === null ? [...watchers.values()] : [watchers.get(Number(payload)) ?? new Set()];
    for (const set of targets) for (const onChange of set) onChange();
  };

  return {
    async watch(userId, onChange) {
      listening ??= database.listen(CHANNEL, dispatch, onError).catch((error: Error) => {
        listening = null;
        throw error;
      });
      await listening;
      const set = watchers.get(userId) ?? new Set();
      set.add(onChange);
      watchers.set(userId, set);
      return () => {
        set.delete(onChange);
        if (set.size === 0 && watchers.get(userId) === set) watchers.delete(userId);
      };
    },
    async close() {
      const started = listening;
      listening = null;
      watchers.clear();
      const unlisten = await started?.catch(() => null);
      await unlisten?.();
    },
  };
}
