import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE replies (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
      org_id bigint NOT NULL REFERENCES orgs (id),
      author_id bigint REFERENCES users (id) ON DELETE SET NULL,
      statement text NOT NULL,
      private_note text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'shortlisted', 'invited', 'declined', 'withdrawn')),
      decline_reason text,
      hidden_at timestamptz,
      hidden_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX replies_one_active ON replies (demand_id, org_id) WHERE status <> 'withdrawn';
    CREATE INDEX replies_org ON replies (org_id, created_at DESC);

    CREATE TABLE reply_capabilities (
      reply_id bigint NOT NULL REFERENCES replies (id) ON DELETE CASCADE,
      capability_id bigint NOT NULL REFERENCES capabilities (id),
      PRIMARY KEY (reply_id, capability_id)
    );

    CREATE TABLE thread_messages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reply_id bigint NOT NULL REFERENCES replies (id) ON DELETE CASCADE,
      org_id bigint NOT NULL REFERENCES orgs (id),
      author_id bigint REFERENCES users (id) ON DELETE SET NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX thread_messages_reply ON thread_messages (reply_id, id);

    CREATE TABLE meetings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reply_id bigint NOT NULL REFERENCES replies (id) ON DELETE CASCADE,
      held_on date NOT NULL,
      mode text NOT NULL CHECK (mode IN ('online', 'offline')),
      attendees text NOT NULL,
      notes text NOT NULL,
      recorded_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX meetings_reply ON meetings (reply_id, held_on);

    CREATE TABLE matches (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      demand_id bigint NOT NULL UNIQUE REFERENCES demands (id) ON DELETE CASCADE,
      summary text NOT NULL,
      lead_contribution text NOT NULL,
      started_on date NOT NULL,
      recorded_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL,
      concluded_at timestamptz
    );
    CREATE INDEX matches_concluded ON matches (concluded_at DESC, id DESC) WHERE concluded_at IS NOT NULL;

    CREATE TABLE match_partners (
      match_id bigint NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
      org_id bigint NOT NULL REFERENCES orgs (id),
      contribution text NOT NULL DEFAULT '',
      confirmed_at timestamptz,
      confirmed_by bigint REFERENCES users (id) ON DELETE SET NULL,
      PRIMARY KEY (match_id, org_id)
    );
    CREATE INDEX match_partners_org ON match_partners (org_id);

    CREATE TABLE match_updates (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      match_id bigint NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
      org_id bigint NOT NULL REFERENCES orgs (id),
      author_id bigint REFERENCES users (id) ON DELETE SET NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX match_updates_match ON match_updates (match_id, id);
  `,
  );
}
