import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { GlobalRole } from '../modules/accounts/accounts.tables.ts';
import type { MemberRole, OrgStatus } from '../modules/orgs/orgs.tables.ts';
import type { FileStorage } from './storage.ts';

export interface Membership {
  orgId: number;
  role: MemberRole;
  /** Read with the session on every request, so a verification or rejection counts at once. */
  orgStatus: OrgStatus;
}

export interface SignedInUser {
  kind: 'user';
  id: number;
  name: string;
  email: string;
  role: GlobalRole;
  memberships: Membership[];
  sessionId: string;
  totpEnabled: boolean;
  /** Acting through an API token: its id (recorded in the audit log) and what it may write. */
  token?: { id: number; scopes: readonly string[]; expiresAt: Date | null };
}

export type Actor = { kind: 'anonymous' } | SignedInUser;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export type Db = Kysely<DB> | Transaction<DB>;

/** What every service function receives first: who acts, on which database, at what time. */
export interface Ctx {
  actor: Actor;
  /** Reads and writes; on a public page with a read replica (`DATABASE_READ_URL`), the replica. */
  db: Kysely<DB>;
  /** Set when `db` is a read replica: where a read's own writes go (a stored list, a queued job). */
  writeDb?: Kysely<DB>;
  now: () => Date;
  /** Absolute links in mail. */
  baseUrl: string;
  /** Uploaded attachments. */
  files: FileStorage;
  ip?: string | undefined;
  /** The one-time key of the create form being submitted (`createOnce`). */
  formKey?: string | undefined;
  /** The installation requires operators to use TOTP (REQUIRE_OPERATOR_TOTP). */
  operatorTotpRequired?: boolean;
  /**
   * Shares work whose answer is the same for everyone who asks with `key` (figures over a table),
   * for a moment and until the next write in this process (`sharedPublic`). A context without it
   * (a job's, a test's) runs the work each time: see `sharedWork`.
   */
  share?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
}

/** `work`, shared through `ctx.share` when the context offers it, else run now. */
export function sharedWork<T>(ctx: Ctx, key: string, work: () => Promise<T>): Promise<T> {
  return ctx.share ? ctx.share(key, work) : work();
}

export function isOperator(actor: Actor): actor is SignedInUser {
  return actor.kind === 'user' && actor.role === 'operator';
}

export function membershipOf(actor: Actor, orgId: number): Membership | undefined {
  return actor.kind === 'user' ? actor.memberships.find((m) => m.orgId === orgId) : undefined;
}

/**
 * A membership of an organisation the operators verified: what publishing, replying and seeing other
 * organisations' contacts need (an unverified body cannot speak for the public sector).
 */
export function verifiedMembershipOf(actor: Actor, orgId?: number): Membership | undefined {
  return actor.kind === 'user' ? actor.memberships.find((m) => m.orgStatus === 'verified' && (orgId === undefined || m.orgId === orgId)) : undefined;
}
