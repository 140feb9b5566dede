import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Online briefings (온라인 사업설명회): the session, the demands on its agenda with their presenters'
 * confirmations, the registrations (with a waiting list past capacity), and materials stored as
 * attachments of the briefing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE briefings (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       title text NOT NULL,
       summary text NOT NULL DEFAULT '',
       starts_at timestamptz NOT NULL,
       minutes integer NOT NULL CHECK (minutes BETWEEN 10 AND 600),
       online_url text,
       venue text,
       capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
       published_at timestamptz,
       reminded_at timestamptz,
       recap text NOT NULL DEFAULT '',
       recap_published_at timestamptz,
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       CHECK (online_url IS NOT NULL OR venue IS NOT NULL)
     );
     CREATE INDEX briefings_upcoming ON briefings (starts_at) WHERE published_at IS NOT NULL;

     CREATE TABLE briefing_demands (
       briefing_id bigint NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
       demand_id bigint NOT NULL REFERENCES demands (id) ON DELETE CASCADE,
       confirmed_at timestamptz,
       confirmed_by bigint REFERENCES users (id) ON DELETE SET NULL,
       PRIMARY KEY (briefing_id, demand_id)
     );

     CREATE TABLE briefing_registrations (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       briefing_id bigint NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       org_id bigint REFERENCES orgs (id) ON DELETE SET NULL,
       status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
       created_at timestamptz NOT NULL,
       UNIQUE (briefing_id, user_id)
     );
     CREATE INDEX briefing_registrations_queue ON briefing_registrations (briefing_id, status, id);

     ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
     ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check CHECK (owner_type IN ('demand', 'message', 'briefing'));`,
  );
}
