import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * 국민포럼, after its first measurements and its news by mail: points counted per side on the
 * proposal (the argument map's counts without counting rows; their sum computed by the database),
 * stage lists in publication order and merged duplicates found by index; each citizen's choice of how
 * news reaches them by mail, and the daily digests sent (once per person and KST day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE forum_proposals DROP COLUMN points_count;
     ALTER TABLE forum_proposals ADD COLUMN points_for integer NOT NULL DEFAULT 0;
     ALTER TABLE forum_proposals ADD COLUMN points_against integer NOT NULL DEFAULT 0;
     ALTER TABLE forum_proposals ADD COLUMN points_conditional integer NOT NULL DEFAULT 0;
     UPDATE forum_proposals p SET
       points_for = (SELECT count(*) FROM forum_points x WHERE x.proposal_id = p.id AND x.side = 'for'),
       points_against = (SELECT count(*) FROM forum_points x WHERE x.proposal_id = p.id AND x.side = 'against'),
       points_conditional = (SELECT count(*) FROM forum_points x WHERE x.proposal_id = p.id AND x.side = 'conditional');
     ALTER TABLE forum_proposals ADD COLUMN points_count integer GENERATED ALWAYS AS (points_for + points_against + points_conditional) STORED;

     DROP INDEX forum_proposals_status;
     CREATE INDEX forum_proposals_status ON forum_proposals (status, published_at DESC, id DESC);
     CREATE INDEX forum_proposals_merged ON forum_proposals (merged_into_id) WHERE merged_into_id IS NOT NULL;

     CREATE TABLE forum_mail_settings (
       user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
       mode text NOT NULL CHECK (mode IN ('each', 'daily', 'off')),
       updated_at timestamptz NOT NULL
     );
     CREATE TABLE forum_digests (
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       day date NOT NULL,
       notices integer NOT NULL,
       sent_at timestamptz NOT NULL,
       PRIMARY KEY (user_id, day)
     );`,
  );
}
