import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Actor, Db } from '../../shared/context.ts';
import { queryTemplate } from '../../db/query-template.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { membershipsColumn } from '../orgs/index.ts';

export const SESSION_DAYS = 14;

/** Starts a session and returns the cookie's token (only its hash is stored). */
export async function createSession(
  db: Db,
  userId: number,
  now: Date,
  secondFactorPending = false,
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      second_factor_pending: secondFactorPending,
      expires_at: new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000),
      created_at: now,
    })
    .execute();
  return token;
}

export interface SessionState {
  actor: Actor;
  /** The user who still owes a TOTP code before this session counts as signed in. */
  pendingUserId: number | null;
  /** What `unreadOf` counted for the header; 0 without it or a signed-in user. */
  unread: number;
  /** When a signed-in session ends. */
  expiresAt?: Date;
}

const NO_SESSION: SessionState = { actor: { kind: 'anonymous' }, pendingUserId: null, unread: 0 };

/** A column of the user's unread notifications (`notifications`' `unreadColumn`), read with the session. */
export type UnreadOf = (userId: Expression<number>) => RawBuilder<number>;

/**
 * The session lookup, its SQL built once for each way of counting the unread (the app's, or none).
 * What it reads is kept in memory until migration 0035's triggers tell of a change: they name the
 * tables and columns read here, so a column added here needs a migration adding it there.
 */
function sessionLookup(unreadOf: UnreadOf | undefined) {
  return queryTemplate((db, sessionId: string, now: Date) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.totp_enabled_at', 'sessions.second_factor_pending', 'sessions.expires_at'])
      .select((eb) => membershipsColumn(eb.ref('users.id')).as('memberships'))
      .select((eb) => (unreadOf ? unreadOf(eb.ref('users.id')) : sql<number>`0`).as('unread'))
      .where('sessions.id', '=', sessionId)
      .where('sessions.expires_at', '>', now)
      .where('users.deleted_at', 'is', null),
  );
}
const lookups = new Map<UnreadOf | undefined, ReturnType<typeof sessionLookup>>();

/**
 * The actor of a session token, with their memberships and (given `unreadOf`) the header's unread
 * count, in one round trip: every page a signed-in person opens starts with it.
 */
export async function loadSession(db: Db, token: string | undefined, now: Date, unreadOf?: UnreadOf): Promise<SessionState> {
  if (!token) return NO_SESSION;
  const sessionId = hashToken(token);
  let lookup = lookups.get(unreadOf);
  if (!lookup) {
    lookup = sessionLookup(unreadOf);
    lookups.set(unreadOf, lookup);
  }
  const [row] = await lookup(db, sessionId, now);
  if (!row?.email) return NO_SESSION;
  if (row.second_factor_pending) return { actor: { kind: 'anonymous' }, pendingUserId: row.id, unread: 0 };
  return {
    actor: {
      kind: 'user',
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      memberships: row.memberships,
      sessionId,
      totpEnabled: row.totp_enabled_at !== null,
    },
    pendingUserId: null,
    unread: row.unread,
    expiresAt: row.expires_at,
  };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a user, except the one given (after a password change). */
export async function destroyUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

export async function pruneExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('email_tokens').where('expires_at', '<', now).execute();
  await db.deleteFrom('sign_in_flows').where('expires_at', '<', now).execute();
}
