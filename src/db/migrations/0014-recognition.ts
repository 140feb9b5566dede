import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Recognition (인센티브): the points each activity earns an organisation (operator-set, with these
 * defaults) and the awards operators record. Activity itself is read from the existing logs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE activity_weights (
       activity text PRIMARY KEY CHECK (activity IN ('publish', 'reply', 'conclude', 'present')),
       points integer NOT NULL CHECK (points BETWEEN 0 AND 1000)
     );
     INSERT INTO activity_weights (activity, points) VALUES ('publish', 10), ('reply', 5), ('conclude', 30), ('present', 15);

     CREATE TABLE awards (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       title text NOT NULL,
       category text NOT NULL CHECK (category IN ('person', 'org', 'campaign')),
       recipient_name text,
       org_id bigint REFERENCES orgs (id) ON DELETE SET NULL,
       reason text NOT NULL,
       awarded_on date NOT NULL,
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL
     );
     CREATE INDEX awards_newest ON awards (awarded_on DESC, id DESC);`,
  );
}
