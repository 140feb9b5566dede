import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Unlisten } from '../../db/listen.ts';
import type { SessionState } from './sessions.ts';

/**
 * Migration 0035's triggers send a person's id here once a change to what their session shows
 * commits, `*` after a TRUNCATE; every instance sends `ping` now and then to check it still hears.
 */
const CHANNEL = 'session_changes';
/** Sessions one instance keeps; past this the longest kept gives way (about 1 KB each). */
const KEPT_SESSIONS = 10_000;
/** How often each instance pings; after this many intervals without a word it counts as deaf. */
const PING_MS = 10_000;
const DEAF_AFTER_PINGS = 2.5;
/** After listening failed to start, the pause before a page tries again. */
const RETRY_MS = 5_000;

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
  /** Taken before reading a session: a change to its person heard before `keep` means the read may be older than it. */
  ticket(): number;
  /** Keeps a signed-in state read afresh, unless a change to its person was heard since `ticket`, or changes go unheard. */
  keep(ticket: number, state: SessionState, now: Date): void;
  /** Drops a person's sessions on this instance at once (after their own write: the change's notice may come later). */
  forget(userId: number): void;
  close(): Promise<void>;
}

const KEEPS_NOTHING: SessionCache = {
  start: async () => {},
  get: () => undefined,
  ticket: () => 0,
  keep: () => {},
  forget: () => {},
  close: async () => {},
};

/**
 * Signed-in people's sessions, kept in memory for up to `keptSeconds` (0: none) so that a page they
 * open asks the database nothing for the session (one query fewer on every signed-in page). Every
 * instance hears of every committed change from the triggers (`LISTEN session_changes`), so a
 * sign-out, a role or a membership changed, a new notice, counts on the next page wherever it is
 * opened. Nothing is kept while the listening connection is lost, nor while it hears none of the
 * instances' pings (a connection that died without a sign, or a transaction-pooling PgBouncer, which
 * takes LISTEN and delivers nothing): every page then reads its session afresh, as without the cache.
 */
export function sessionCache(database: Database, onError: (error: Error) => void, keptSeconds: number, pingMs = PING_MS): SessionCache {
  if (keptSeconds === 0) return KEEPS_NOTHING;
  const kept = new Map<string, Kept>();
  const byUser = new Map<number, Set<string>>();
  /** Counts the changes heard; `ticket` hands it out. */
  let seq = 0;
  /** A read ticketed before this is not kept: the cache was cleared after it began. */
  let floor = 0;
  /** The `seq` of each person's last change heard (cleared, and `floor` raised, past KEPT_SESSIONS). */
  const changedAt = new Map<number, number>();
  let connected = false;
  let deaf = false;
  let lastHeard = 0;
  let closed = false;
  let failedAt = Number.NEGATIVE_INFINITY;
  let listening: Promise<Unlisten> | null = null;
  let pinger: NodeJS.Timeout | undefined;

  const clear = () => {
    seq++;
    floor = seq;
    changedAt.clear();
    kept.clear();
    byUser.clear();
  };
  const drop = (sessionId: string) => {
    const entry = kept.get(sessionId);
    if (!entry) return;
    kept.delete(sessionId);
    const ids = byUser.get(entry.userId);
    ids?.delete(sessionId);
    if (ids?.size === 0) byUser.delete(entry.userId);
  };
  const forget = (userId: number) => {
    seq++;
    changedAt.set(userId, seq);
    if (changedAt.size > KEPT_SESSIONS) {
      changedAt.clear();
      floor = seq;
    }
    for (const sessionId of byUser.get(userId) ?? []) kept.delete(sessionId);
    byUser.delete(userId);
  };
  const heard = (payload: string | null) => {
    lastHeard = performance.now();
    // null: listening again after a loss, so anything may have changed meanwhile.
    if (payload === null) connected = true;
    if (deaf || payload === null || payload === '*') {
      deaf = false;
      clear();
    } else if (payload !== 'ping') forget(Number(payload));
  };
  const lost = (error: Error) => {
    connected = false;
    clear();
    onError(error);
  };
  const ping = () => {
    if (connected && !deaf && performance.now() - lastHeard > DEAF_AFTER_PINGS * pingMs) {
      deaf = true;
      clear();
      onError(new Error(`${CHANNEL}: no word for ${Math.round((DEAF_AFTER_PINGS * pingMs) / 1000)} s; sessions are read afresh until one comes`));
    }
    sql`SELECT pg_notify(${CHANNEL}, 'ping')`.execute(database.db).catch(() => {});
  };
  const listen = () => {
    listening = database.listen(CHANNEL, heard, lost).then(
      (unlisten) => {
        if (closed) return unlisten;
        connected = true;
        lastHeard = performance.now();
        clear();
        pinger = setInterval(ping, pingMs).unref();
        return unlisten;
      },
      (error: Error) => {
        listening = null;
        failedAt = performance.now();
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
      if (!listening && !closed && performance.now() - failedAt > RETRY_MS) listen();
      const entry = connected && !deaf ? kept.get(sessionId) : undefined;
      if (!entry) return undefined;
      if (entry.until > now.getTime()) return entry.state;
      drop(sessionId);
      return undefined;
    },
    ticket: () => seq,
    keep(ticket, state, now) {
      const { actor, expiresAt } = state;
      if (!connected || deaf || ticket < floor || actor.kind !== 'user' || !expiresAt) return;
      if ((changedAt.get(actor.id) ?? 0) > ticket) return;
      if (kept.size >= KEPT_SESSIONS) drop(kept.keys().next().value!);
      drop(actor.sessionId);
      // Every request that finds it shares it: frozen, so none can change it for the others.
      for (const membership of actor.memberships) Object.freeze(membership);
      Object.freeze(actor.memberships);
      Object.freeze(actor);
      Object.freeze(state);
      kept.set(actor.sessionId, { state, userId: actor.id, until: Math.min(now.getTime() + keptSeconds * 1000, expiresAt.getTime()) });
      const ids = byUser.get(actor.id) ?? new Set();
      ids.add(actor.sessionId);
      byUser.set(actor.id, ids);
    },
    forget,
    async close() {
      closed = true;
      clearInterval(pinger);
      connected = false;
      clear();
      const unlisten = await listening;
      await unlisten?.();
    },
  };
}
