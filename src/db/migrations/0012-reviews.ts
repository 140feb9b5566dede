import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Expert review rounds (전문가 심사): weighted criteria, the items under review (demands now; the
 * subject type leaves room for collaboration tasks), reviewers' assignments with their conflict
 * declarations and comments, scores per criterion, and the items a round features (주요 과제).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE review_rounds (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       title text NOT NULL,
       description text NOT NULL DEFAULT '',
       status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       opened_at timestamptz,
       closed_at timestamptz
     );

     CREATE TABLE review_criteria (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       round_id bigint NOT NULL REFERENCES review_rounds (id) ON DELETE CASCADE,
       name text NOT NULL,
       weight integer NOT NULL CHECK (weight BETWEEN 1 AND 100),
       UNIQUE (round_id, name)
     );

     CREATE TABLE review_items (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       round_id bigint NOT NULL REFERENCES review_rounds (id) ON DELETE CASCADE,
       subject_type text NOT NULL CHECK (subject_type IN ('demand')),
       subject_id bigint NOT NULL,
       featured_at timestamptz,
       UNIQUE (round_id, subject_type, subject_id)
     );
     CREATE INDEX review_items_featured ON review_items (subject_type, subject_id) WHERE featured_at IS NOT NULL;

     CREATE TABLE review_reviewers (
       round_id bigint NOT NULL REFERENCES review_rounds (id) ON DELETE CASCADE,
       reviewer_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       PRIMARY KEY (round_id, reviewer_id)
     );

     CREATE TABLE review_assignments (
       item_id bigint NOT NULL REFERENCES review_items (id) ON DELETE CASCADE,
       reviewer_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       conflict text CHECK (conflict IN ('none', 'declared')),
       conflict_reason text,
       comment text NOT NULL DEFAULT '',
       submitted_at timestamptz,
       PRIMARY KEY (item_id, reviewer_id)
     );
     CREATE INDEX review_assignments_reviewer ON review_assignments (reviewer_id);

     CREATE TABLE review_scores (
       item_id bigint NOT NULL,
       reviewer_id bigint NOT NULL,
       criterion_id bigint NOT NULL REFERENCES review_criteria (id) ON DELETE CASCADE,
       score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
       PRIMARY KEY (item_id, reviewer_id, criterion_id),
       FOREIGN KEY (item_id, reviewer_id) REFERENCES review_assignments (item_id, reviewer_id) ON DELETE CASCADE
     );`,
  );
}
