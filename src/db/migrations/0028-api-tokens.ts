import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Tokens for the public API (`/api/v1`): a person's own, or one an organisation's admin makes for
 * the organisation's systems. Only a hash of the secret is kept; scopes say which writes it may do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE api_tokens (
       id bigserial PRIMARY KEY,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       org_id bigint REFERENCES orgs (id) ON DELETE CASCADE,
       name text NOT NULL,
       scopes text[] NOT NULL,
       secret_hash text NOT NULL UNIQUE,
       hint text NOT NULL,
       expires_at timestamptz,
       last_used_at timestamptz,
       revoked_at timestamptz,
       created_at timestamptz NOT NULL
     );
     CREATE INDEX api_tokens_user ON api_tokens (user_id, id DESC);
     CREATE INDEX api_tokens_org ON api_tokens (org_id, id DESC) WHERE org_id IS NOT NULL;`,
  );
}
