import type { Generated } from 'kysely';

export type GlobalRole = 'citizen' | 'operator' | 'reviewer';

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

export interface AccountsTables {
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
}
