import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Collaboration tasks (협업과제): the year's programme, tasks with their organisations, indicators
 * and milestones; the selection into key (중점) and agency-managed (기관관리) tasks; the TF of a key
 * task with its charter (agreed per version by every member organisation), meetings, action items and
 * messages; progress reports on the programme's cadence; staffing requests (협업정원). Review rounds
 * may now hold tasks, and task documents are attachments.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE task_programmes (
       year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2099),
       intake_opens_on date NOT NULL,
       intake_closes_on date NOT NULL CHECK (intake_closes_on >= intake_opens_on),
       key_cadence text NOT NULL DEFAULT 'monthly' CHECK (key_cadence IN ('monthly', 'quarterly')),
       managed_cadence text NOT NULL DEFAULT 'quarterly' CHECK (managed_cadence IN ('monthly', 'quarterly')),
       report_grace_days integer NOT NULL DEFAULT 7 CHECK (report_grace_days BETWEEN 0 AND 60),
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL
     );

     CREATE TABLE tasks (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       year integer NOT NULL REFERENCES task_programmes (year),
       title text NOT NULL,
       problem text NOT NULL,
       benefit text NOT NULL,
       lead_org_id bigint NOT NULL REFERENCES orgs (id),
       match_id bigint UNIQUE REFERENCES matches (id) ON DELETE SET NULL,
       target_regions text[] NOT NULL DEFAULT '{}',
       starts_on date NOT NULL,
       ends_on date NOT NULL CHECK (ends_on >= starts_on),
       status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'registered', 'withdrawn', 'completed')),
       kind text CHECK (kind IN ('key', 'managed')),
       kind_reason text,
       selected_at timestamptz,
       selected_by bigint REFERENCES users (id) ON DELETE SET NULL,
       charter_version integer NOT NULL DEFAULT 0,
       results text NOT NULL DEFAULT '',
       -- Kept by the service on selection and each report, so lists filter on them without a schedule.
       next_report_period text,
       next_report_due_on date,
       latest_rag text CHECK (latest_rag IN ('green', 'amber', 'red')),
       first_open_milestone_on date,
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL,
       CHECK ((kind IS NULL) = (selected_at IS NULL))
     );
     CREATE INDEX tasks_year ON tasks (year, kind, id DESC);
     CREATE INDEX tasks_lead ON tasks (lead_org_id);
     CREATE INDEX tasks_report_due ON tasks (next_report_due_on) WHERE next_report_due_on IS NOT NULL;
     CREATE INDEX tasks_open_milestone ON tasks (first_open_milestone_on) WHERE first_open_milestone_on IS NOT NULL;

     CREATE TABLE task_themes (
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       theme_id bigint NOT NULL REFERENCES themes (id),
       PRIMARY KEY (task_id, theme_id)
     );
     CREATE INDEX task_themes_theme ON task_themes (theme_id);

     CREATE TABLE task_orgs (
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       org_id bigint NOT NULL REFERENCES orgs (id),
       role text NOT NULL CHECK (role IN ('lead', 'partner')),
       status text NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
       contribution text NOT NULL DEFAULT '',
       decline_reason text,
       invited_at timestamptz NOT NULL,
       answered_at timestamptz,
       answered_by bigint REFERENCES users (id) ON DELETE SET NULL,
       PRIMARY KEY (task_id, org_id)
     );
     CREATE UNIQUE INDEX task_orgs_one_lead ON task_orgs (task_id) WHERE role = 'lead';
     CREATE INDEX task_orgs_org ON task_orgs (org_id, status);

     CREATE TABLE task_indicators (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       name text NOT NULL,
       unit text NOT NULL,
       baseline double precision NOT NULL,
       target double precision NOT NULL,
       due_on date NOT NULL,
       position integer NOT NULL
     );
     CREATE INDEX task_indicators_task ON task_indicators (task_id, position);

     CREATE TABLE task_milestones (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       title text NOT NULL,
       due_on date NOT NULL,
       owner_org_id bigint NOT NULL REFERENCES orgs (id),
       done_on date,
       position integer NOT NULL
     );
     CREATE INDEX task_milestones_task ON task_milestones (task_id, position);

     CREATE TABLE task_charters (
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       version integer NOT NULL CHECK (version > 0),
       indicators jsonb NOT NULL,
       milestones jsonb NOT NULL,
       created_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       PRIMARY KEY (task_id, version)
     );

     CREATE TABLE task_charter_agreements (
       task_id bigint NOT NULL,
       version integer NOT NULL,
       org_id bigint NOT NULL REFERENCES orgs (id),
       agreed_by bigint REFERENCES users (id) ON DELETE SET NULL,
       agreed_at timestamptz NOT NULL,
       PRIMARY KEY (task_id, version, org_id),
       FOREIGN KEY (task_id, version) REFERENCES task_charters (task_id, version) ON DELETE CASCADE
     );

     CREATE TABLE tf_members (
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       org_id bigint REFERENCES orgs (id),
       role text NOT NULL CHECK (role IN ('member', 'liaison')),
       added_by bigint REFERENCES users (id) ON DELETE SET NULL,
       added_at timestamptz NOT NULL,
       PRIMARY KEY (task_id, user_id),
       CHECK ((role = 'liaison') = (org_id IS NULL))
     );
     CREATE INDEX tf_members_user ON tf_members (user_id);

     CREATE TABLE tf_meetings (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       held_on date NOT NULL,
       title text NOT NULL,
       agenda text NOT NULL,
       decisions text NOT NULL DEFAULT '',
       recorded_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL
     );
     CREATE INDEX tf_meetings_task ON tf_meetings (task_id, held_on DESC);

     CREATE TABLE tf_action_items (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       meeting_id bigint NOT NULL REFERENCES tf_meetings (id) ON DELETE CASCADE,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       title text NOT NULL,
       owner_org_id bigint NOT NULL REFERENCES orgs (id),
       due_on date NOT NULL,
       done_at timestamptz
     );
     CREATE INDEX tf_action_items_task ON tf_action_items (task_id, due_on);

     CREATE TABLE tf_messages (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       org_id bigint REFERENCES orgs (id),
       author_id bigint REFERENCES users (id) ON DELETE SET NULL,
       body text NOT NULL,
       created_at timestamptz NOT NULL
     );
     CREATE INDEX tf_messages_task ON tf_messages (task_id, id DESC);

     CREATE TABLE task_reports (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
       due_on date NOT NULL,
       rag text NOT NULL CHECK (rag IN ('green', 'amber', 'red')),
       summary text NOT NULL,
       summary_public boolean NOT NULL DEFAULT false,
       difficulties text NOT NULL DEFAULT '',
       asks text NOT NULL DEFAULT '',
       milestones_done integer NOT NULL DEFAULT 0,
       submitted_by bigint REFERENCES users (id) ON DELETE SET NULL,
       submitted_at timestamptz NOT NULL,
       UNIQUE (task_id, period)
     );
     CREATE INDEX task_reports_task ON task_reports (task_id, submitted_at DESC);

     CREATE TABLE task_report_values (
       report_id bigint NOT NULL REFERENCES task_reports (id) ON DELETE CASCADE,
       indicator_id bigint NOT NULL REFERENCES task_indicators (id),
       value double precision NOT NULL,
       PRIMARY KEY (report_id, indicator_id)
     );
     CREATE INDEX task_report_values_indicator ON task_report_values (indicator_id);

     -- One reminder and one late notice per task and period, whichever worker run sends it.
     CREATE TABLE task_report_notices (
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       period text NOT NULL,
       kind text NOT NULL CHECK (kind IN ('due', 'late')),
       sent_at timestamptz NOT NULL,
       PRIMARY KEY (task_id, period, kind)
     );

     CREATE TABLE task_staffing_requests (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
       positions integer NOT NULL CHECK (positions BETWEEN 1 AND 50),
       role text NOT NULL,
       from_org_id bigint NOT NULL REFERENCES orgs (id),
       months integer NOT NULL CHECK (months BETWEEN 1 AND 60),
       justification text NOT NULL,
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'partly', 'declined')),
       granted_positions integer CHECK (granted_positions BETWEEN 0 AND positions),
       decision_reason text,
       requested_by bigint REFERENCES users (id) ON DELETE SET NULL,
       created_at timestamptz NOT NULL,
       decided_by bigint REFERENCES users (id) ON DELETE SET NULL,
       decided_at timestamptz
     );
     CREATE INDEX task_staffing_task ON task_staffing_requests (task_id);
     CREATE INDEX task_staffing_pending ON task_staffing_requests (created_at) WHERE status = 'pending';

     CREATE TABLE task_staffing_indicators (
       request_id bigint NOT NULL REFERENCES task_staffing_requests (id) ON DELETE CASCADE,
       indicator_id bigint NOT NULL REFERENCES task_indicators (id),
       PRIMARY KEY (request_id, indicator_id)
     );

     ALTER TABLE review_items DROP CONSTRAINT review_items_subject_type_check;
     ALTER TABLE review_items ADD CONSTRAINT review_items_subject_type_check CHECK (subject_type IN ('demand', 'task'));

     ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
     ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check CHECK (owner_type IN ('demand', 'message', 'briefing', 'task'));`,
  );
}
