import type { Generated } from 'kysely';

/** A token for the public API: a person's own (`org_id` null) or an organisation's, made by its admin. */
export interface ApiTokensTable {
  id: Generated<number>;
  /** Who made it, and whose permissions it carries (never an operator's). */
  user_id: number;
  /** An organisation's token acts only for that organisation. */
  org_id: number | null;
  name: string;
  scopes: string[];
  /** SHA-256 of the secret; the secret itself is shown once and never kept. */
  secret_hash: string;
  /** The secret's last four characters, so a person tells their tokens apart. */
  hint: string;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export interface ApiTables {
  api_tokens: ApiTokensTable;
}
