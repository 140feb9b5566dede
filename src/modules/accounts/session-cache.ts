import type { Database } from '../../db/client.ts';
import type { Unlisten } from '../../db/listen.ts';
import type { SessionState } from './sessions.ts';

/** Migration 0035's triggers send a person's id here once a change to what their session shows commits. */
const CHANNEL = 'session_changes';
/**
 * How long a session is kept without a word of change: a bound for a change that goes unheard (a
 * connection that died without a sign), and long enough to span the pages a person reads in a row.
 */
export const SESSION_KEPT_MS = 60_000;
/** Sessions one instance keeps; past this the longest kept gives way (about 1 KB each). */
const KEPT_SESSIONS = 10_000;

interface Kept {
  state: SessionState;
  userId: number;
  /** Epoch ms: the keeping bound or the session's own expiry, whichever comes first. */
  until: number;
}

export interface SessionCache {
  /** Starts listening for changes (on the app's `onReady`); until it listens nothing is kept. */
  start(): Promise<void>;
  /** The signed-in state kept for a session (`sessions.id`, the token's hash), if it is still current. */
  get(sessionId: string, now: Date): SessionState | undefined;
  /** Taken before reading a session: a change heard before `keep` means the read may be older than it. */
  ticket(): number;
  /** Keeps a signed-in state read afresh, unless a change was heard since `ticket` or changes go unheard. */
  keep(ticket: number, state: SessionState, now: Date): void;
  /** Drops a person's sessions on this instance at once (after their own write: the change's notice may come later). */
  forget(userId: number): void;
  close(): Promise<void>;
}

/**
 * Signed-in people's sessions, kept in memory so that a page they open asks the database nothing for
 * the session (one query fewer on every signed-in page). Every instance hears of every committed change
 * from the triggers (`LISTEN session_changes`), so a sign-out, a role or a membership changed, a new
 * notice, counts on the next page wherever it is opened. While the connection that listens is lost
 * nothing is kept: every page reads its session afresh, as without the cache.
 */
export function sessionCache(database: Database, onError: (error: Error) => void): SessionCache {
  const kept = new Map<string, Kept>();
  const byUser = new Map<number, Set<string>>();
  /** Counts the changes heard and the cache's resets: what `ticket` hands out. */
  let changes = 0;
  let hearing = false;
  let closed = false;
  let listening: Promise<Unlisten> | null = null;

  const drop = (sessionId: string) => {
    const entry = kept.get(sessionId);
    if (!entry) return;
    kept.delete(sessionId);
    const ids = byUser.get(entry.userId);
    ids?.delete(sessionId);
    if (ids?.size === 0) byUser.delete(entry.userId);
  };
  const forget = (userId: number) => {
    changes++;
    for (const sessionId of byUser.get(userId) ?? []) kept.delete(sessionId);
    byUser.delete(userId);
  };
  const reset = (nowHearing: boolean) => {
    changes++;
    hearing = nowHearing;
    kept.clear();
    byUser.clear();
  };
  const listen = () => {
    listening = database
      .listen(
        CHANNEL,
        // null: heard again after a loss, so anything may have changed meanwhile.
        (payload) => (payload === null ? reset(true) : forget(Number(payload))),
        (error) => {
          reset(false);
          onError(error);
        },
      )
      .then(
        (unlisten) => {
          if (!closed) reset(true);
          return unlisten;
        },
        (error: Error) => {
          listening = null;
          onError(error);
          return async () => {};
        },
      );
  };

  return {
    async start() {
      if (!listening && !closed) listen();
      await listening;
    },
    get(sessionId, now) {
      if (!listening && !closed) listen();
      const entry = hearing ? kept.get(sessionId) : undefined;
      if (!entry) return undefined;
      if (entry.until > now.getTime()) return entry.state;
      drop(sessionId);
      return undefined;
    },
    ticket: () => changes,
    keep(ticket, state, now) {
      const { actor, expiresAt } = state;
      if (!hearing || ticket !== changes || actor.kind !== 'user' || !expiresAt) return;
      if (kept.size >= KEPT_SESSIONS) drop(kept.keys().next().value!);
      drop(actor.sessionId);
      // Every request that finds it shares it: frozen, so none can change it for the others.
      for (const membership of actor.memberships) Object.freeze(membership);
      Object.freeze(actor.memberships);
      Object.freeze(actor);
      Object.freeze(state);
      kept.set(actor.sessionId, { state, userId: actor.id, until: Math.min(now.getTime() + SESSION_KEPT_MS, expiresAt.getTime()) });
      const ids = byUser.get(actor.id) ?? new Set();
      ids.add(actor.sessionId);
      byUser.set(actor.id, ids);
    },
    forget,
    async close() {
      closed = true;
      reset(false);
      const unlisten = await listening;
      await unlisten?.();
    },
  };
}
