import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Subscriptions to themes, regions, sectors, capabilities or a saved search; each new demand they
 * match (once per person); the digest period each person picks; and one row per digest sent, whose
 * key makes a second mail for the same period impossible, whatever crashes or restarts in between.
 * Mail may carry a one-click unsubscribe address (RFC 8058 headers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE subscriptions (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       kind text NOT NULL CHECK (kind IN ('theme', 'region', 'sector', 'capability', 'search')),
       value text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (user_id, kind, value)
     );
     CREATE INDEX subscriptions_key ON subscriptions (kind, value);

     CREATE TABLE digest_settings (
       user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
       period text NOT NULL DEFAULT 'weekly' CHECK (period IN ('immediately', 'daily', 'weekly', 'off')),
       updated_at timestamptz NOT NULL DEFAULT now()
     );

     CREATE TABLE subscription_matches (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
       subscription_id bigint REFERENCES subscriptions (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       digest_key text,
       UNIQUE (user_id, demand_id)
     );
     CREATE INDEX subscription_matches_pending ON subscription_matches (user_id, id) WHERE digest_key IS NULL;

     CREATE TABLE digests (
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       period_key text NOT NULL,
       demands integer NOT NULL,
       sent_at timestamptz NOT NULL,
       PRIMARY KEY (user_id, period_key)
     );

     ALTER TABLE mail_outbox ADD COLUMN unsubscribe_url text`,
  );
}
