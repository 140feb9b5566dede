import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

const CATEGORIES: [string, string][] = [
  ['복지', 'Welfare'],
  ['교육', 'Education'],
  ['교통·안전', 'Transport and safety'],
  ['환경', 'Environment'],
  ['일자리·경제', 'Jobs and economy'],
  ['행정·디지털', 'Administration and digital'],
  ['문화·관광', 'Culture and tourism'],
  ['농림·해양', 'Farming and the sea'],
  ['보건·의료', 'Health'],
  ['기타', 'Other'],
];

/**
 * 국민포럼: citizens' proposals through their stages (a light check, public discussion, gathering
 * support, review, the responsible body's answer with a deadline in Korean legal days), structured
 * points for, against and "yes, if", supports counted once per person (also across merged
 * duplicates), answers with their plan, follows, reports and appeals; the operators' settings and
 * categories. Settings are one row, so an installer changes thresholds without a deploy; a proposal
 * keeps the threshold and windows it was published under.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const categories = CATEGORIES.map(([name, en], i) => `('${name}', '${en}', ${i})`).join(',\n       ');
  await runStatements(
    db,
    `CREATE TABLE forum_settings (
       id boolean PRIMARY KEY DEFAULT true CHECK (id),
       check_hours integer NOT NULL DEFAULT 16 CHECK (check_hours BETWEEN 1 AND 200),
       discussion_days integer NOT NULL DEFAULT 7 CHECK (discussion_days BETWEEN 0 AND 90),
       support_needed integer NOT NULL DEFAULT 100 CHECK (support_needed BETWEEN 1 AND 10000000),
       support_days integer NOT NULL DEFAULT 30 CHECK (support_days BETWEEN 1 AND 365),
       answer_days integer NOT NULL DEFAULT 30 CHECK (answer_days BETWEEN 1 AND 90),
       report_hours integer NOT NULL DEFAULT 8 CHECK (report_hours BETWEEN 1 AND 200)
     );
     INSERT INTO forum_settings DEFAULT VALUES;

     CREATE TABLE forum_categories (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       name text NOT NULL UNIQUE,
       name_en text NOT NULL,
       sort integer NOT NULL DEFAULT 0,
       archived_at timestamptz
     );
     INSERT INTO forum_categories (name, name_en, sort) VALUES
       ${categories};

     CREATE TABLE forum_proposals (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       author_id bigint REFERENCES users (id) ON DELETE SET NULL,
       org_id bigint NOT NULL REFERENCES orgs (id),
       category_id bigint NOT NULL REFERENCES forum_categories (id),
       region_code text REFERENCES regions (code),
       title text NOT NULL,
       problem text NOT NULL,
       proposal text NOT NULL,
       effect text NOT NULL,
       status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'checking', 'returned', 'discussion', 'support', 'expired', 'review', 'adopted', 'not_adopted', 'completed', 'withdrawn', 'merged')),
       search_vector tsvector NOT NULL,
       submitted_at timestamptz,
       check_due_at timestamptz,
       return_reason text,
       published_at timestamptz,
       discussion_ends_at timestamptz,
       support_ends_at timestamptz,
       support_needed integer,
       support_count integer NOT NULL DEFAULT 0,
       points_count integer NOT NULL DEFAULT 0,
       reached_at timestamptz,
       answer_due_at timestamptz,
       answered_at timestamptz,
       overdue_noticed_at timestamptz,
       summary text,
       summary_by bigint REFERENCES users (id) ON DELETE SET NULL,
       summary_at timestamptz,
       summary_sent_at timestamptz,
       completed_at timestamptz,
       result text,
       closed_at timestamptz,
       merged_into_id bigint REFERENCES forum_proposals (id),
       hidden_at timestamptz,
       hidden_reason text,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL,
       CHECK ((status = 'merged') = (merged_into_id IS NOT NULL))
     );
     CREATE INDEX forum_proposals_search ON forum_proposals USING gin (search_vector);
     CREATE INDEX forum_proposals_public ON forum_proposals (published_at DESC, id DESC) WHERE published_at IS NOT NULL;
     CREATE INDEX forum_proposals_status ON forum_proposals (status, id DESC);
     CREATE INDEX forum_proposals_supported ON forum_proposals (support_count DESC, id DESC) WHERE published_at IS NOT NULL;
     CREATE INDEX forum_proposals_due ON forum_proposals (answer_due_at, id) WHERE status = 'review';
     CREATE INDEX forum_proposals_author ON forum_proposals (author_id, id DESC);
     CREATE INDEX forum_proposals_org ON forum_proposals (org_id, id DESC);

     -- Co-authors are invited by the author and named only once they accept.
     CREATE TABLE forum_coauthors (
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       accepted_at timestamptz,
       invited_at timestamptz NOT NULL,
       PRIMARY KEY (proposal_id, user_id)
     );
     CREATE INDEX forum_coauthors_user ON forum_coauthors (user_id);

     -- One support per person and proposal; a merged duplicate's supports move to the first proposal.
     CREATE TABLE forum_supports (
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at timestamptz NOT NULL,
       PRIMARY KEY (proposal_id, user_id)
     );
     CREATE INDEX forum_supports_user ON forum_supports (user_id, created_at DESC);
     CREATE INDEX forum_supports_day ON forum_supports (created_at);

     CREATE TABLE forum_follows (
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       PRIMARY KEY (proposal_id, user_id)
     );

     -- Points of the deliberation: for, against, or "yes, if"; a reply (one level) has a parent and no side.
     CREATE TABLE forum_points (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       parent_id bigint REFERENCES forum_points (id) ON DELETE CASCADE,
       author_id bigint REFERENCES users (id) ON DELETE SET NULL,
       side text CHECK (side IN ('for', 'against', 'conditional')),
       body text NOT NULL,
       source_url text,
       helpful_count integer NOT NULL DEFAULT 0,
       replies_count integer NOT NULL DEFAULT 0,
       hidden_at timestamptz,
       hidden_reason text,
       created_at timestamptz NOT NULL,
       CHECK ((parent_id IS NULL) = (side IS NOT NULL))
     );
     CREATE INDEX forum_points_side ON forum_points (proposal_id, side, helpful_count DESC, id) WHERE parent_id IS NULL;
     CREATE INDEX forum_points_newest ON forum_points (proposal_id, side, id DESC) WHERE parent_id IS NULL;
     CREATE INDEX forum_points_replies ON forum_points (parent_id, id) WHERE parent_id IS NOT NULL;

     CREATE TABLE forum_helpful (
       point_id bigint NOT NULL REFERENCES forum_points (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       PRIMARY KEY (point_id, user_id)
     );

     -- The responsible body's answers: a decision, or 추가 검토 with a later due time and its public reason.
     CREATE TABLE forum_answers (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       org_id bigint NOT NULL REFERENCES orgs (id),
       author_id bigint REFERENCES users (id) ON DELETE SET NULL,
       decision text NOT NULL CHECK (decision IN ('accept', 'partial', 'reject', 'further')),
       reasons text NOT NULL,
       plan text NOT NULL DEFAULT '',
       previous_due_at timestamptz,
       new_due_at timestamptz,
       on_time boolean NOT NULL,
       -- Its notice goes to the authors, followers and supporters in batches, in user id order: the last one told.
       notified_through bigint NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL,
       CHECK ((decision = 'further') = (new_due_at IS NOT NULL))
     );
     CREATE INDEX forum_answers_proposal ON forum_answers (proposal_id, id);

     CREATE TABLE forum_milestones (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       answer_id bigint NOT NULL REFERENCES forum_answers (id) ON DELETE CASCADE,
       title text NOT NULL,
       due_on date NOT NULL,
       done_on date
     );
     CREATE INDEX forum_milestones_answer ON forum_milestones (answer_id, due_on);

     -- Reports of a proposal or a point, each person once per subject; a queue with its own target time.
     CREATE TABLE forum_reports (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       point_id bigint REFERENCES forum_points (id) ON DELETE CASCADE,
       reporter_id bigint REFERENCES users (id) ON DELETE SET NULL,
       reason text NOT NULL CHECK (reason IN ('spam', 'personal', 'abuse', 'off_topic', 'other')),
       detail text NOT NULL DEFAULT '',
       status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
       due_at timestamptz NOT NULL,
       decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
       decided_at timestamptz,
       created_at timestamptz NOT NULL
     );
     CREATE UNIQUE INDEX forum_reports_once ON forum_reports (proposal_id, coalesce(point_id, 0), reporter_id);
     CREATE INDEX forum_reports_open ON forum_reports (due_at, id) WHERE status = 'open';

     -- An author's appeal against hiding their proposal or point; one open appeal per subject.
     CREATE TABLE forum_appeals (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       proposal_id bigint NOT NULL REFERENCES forum_proposals (id) ON DELETE CASCADE,
       point_id bigint REFERENCES forum_points (id) ON DELETE CASCADE,
       author_id bigint REFERENCES users (id) ON DELETE SET NULL,
       body text NOT NULL,
       status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'restored', 'kept')),
       decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
       decided_at timestamptz,
       decision_note text,
       created_at timestamptz NOT NULL
     );
     CREATE UNIQUE INDEX forum_appeals_open ON forum_appeals (proposal_id, coalesce(point_id, 0)) WHERE status = 'open';

     ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
     ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check CHECK (owner_type IN ('demand', 'message', 'briefing', 'task', 'sos', 'proposal'));`,
  );
}
