import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Sign-in through OpenID Connect providers: the identities linked to accounts (a provider's subject
 * belongs to one account; an account has at most one identity per provider), and the sign-ins under
 * way (state, nonce and PKCE verifier of one browser's round trip to the provider, then the claims
 * awaiting the person's consent).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE user_identities (
       provider text NOT NULL,
       subject text NOT NULL,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       email text NOT NULL,
       last_used_at timestamptz NOT NULL,
       created_at timestamptz NOT NULL,
       PRIMARY KEY (provider, subject),
       CONSTRAINT user_identities_one_per_provider UNIQUE (user_id, provider)
     );
     CREATE TABLE sign_in_flows (
       id text PRIMARY KEY,
       provider text NOT NULL,
       state text NOT NULL,
       nonce text NOT NULL,
       code_verifier text NOT NULL,
       next text NOT NULL,
       claims jsonb,
       link_user_id bigint REFERENCES users (id) ON DELETE CASCADE,
       expires_at timestamptz NOT NULL,
       created_at timestamptz NOT NULL
     );
     CREATE INDEX sign_in_flows_expiry ON sign_in_flows (expires_at);`,
  );
}
