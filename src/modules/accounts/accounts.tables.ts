import type { ColumnType, Generated } from 'kysely';

/** The roles a person holds across the platform (a column's CHECK since migration 0002). */
export const GLOBAL_ROLES = ['citizen', 'operator', 'reviewer'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export interface UsersTable {
  id: Generated<number>;
  email: string | null;
  name: string;
  password_hash: string | null;
  role: Generated<GlobalRole>;
  locale: Generated<string>;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: number;
  /** Operators with TOTP must pass the second step before the session counts as signed in. */
  second_factor_pending: Generated<boolean>;
  created_at: Date;
  expires_at: Date;
}

export type TokenPurpose = 'verify-email' | 'reset-password';

export interface EmailTokensTable {
  token_hash: string;
  purpose: TokenPurpose;
  user_id: number;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}

/** An account's identity at an OpenID Connect provider (`OIDC_PROVIDERS`): its subject signs in as the account. */
export interface UserIdentitiesTable {
  provider: string;
  subject: string;
  user_id: number;
  /** The address the provider vouched for when the identity was linked. */
  email: string;
  last_used_at: Date;
  created_at: Date;
}

/** What the provider said of the person, kept while they are asked to consent. */
export interface SignInClaims {
  subject: string;
  email: string;
  name: string;
}

/**
 * One browser's sign-in at a provider, found by the hash of its cookie: the values the answer must
 * match, then (after the answer) the claims waiting for the person's consent. Used once.
 */
export interface SignInFlowsTable {
  id: string;
  provider: string;
  state: string;
  nonce: string;
  code_verifier: string;
  next: string;
  /** Written as a JSON string, read back parsed. */
  claims: ColumnType<SignInClaims | null, string | null, string | null>;
  /** The existing account (same verified e-mail) the identity would be linked to; null: a new account. */
  link_user_id: number | null;
  expires_at: Date;
  created_at: Date;
}

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  user_identities: UserIdentitiesTable;
  sign_in_flows: SignInFlowsTable;
}
