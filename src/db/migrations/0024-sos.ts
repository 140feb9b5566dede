import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

const CATEGORIES = ['law', 'budget', 'systems', 'staffing', 'mediation', 'other'];
const URGENCIES: [string, number, number][] = [
  // urgency, first response (working hours), resolution (days as 민원처리법 시행령 제19조 counts them)
  ['urgent', 3, 3],
  ['normal', 8, 7],
  ['low', 16, 14],
];

/**
 * 협업SOS: tickets from people running collaboration tasks, with response targets per category and
 * urgency counted in Korean business time; the desk's public answers, internal notes and requests for
 * information (which pause the clock); guest responders from other organisations; the warnings and
 * breaches of each target, each recorded once; the desk (who answers, who leads); 협업 Q&A entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const targets = CATEGORIES.flatMap((category) => URGENCIES.map(([urgency, hours, days]) => `('${category}', '${urgency}', ${hours}, ${days})`)).join(',\n       ');
  await runStatements(
    db,
    `CREATE TABLE sos_targets (
       category text NOT NULL CHECK (category IN (${CATEGORIES.map((c) => `'${c}'`).join(', ')})),
       urgency text NOT NULL CHECK (urgency IN ('urgent', 'normal', 'low')),
       first_response_hours integer NOT NULL CHECK (first_response_hours BETWEEN 1 AND 200),
       resolution_days integer NOT NULL CHECK (resolution_days BETWEEN 1 AND 60),
       PRIMARY KEY (category, urgency)
     );
     INSERT INTO sos_targets (category, urgency, first_response_hours, resolution_days) VALUES
       ${targets};

     CREATE TABLE sos_desk (
       user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
       lead boolean NOT NULL DEFAULT false
     );

     CREATE TABLE sos_tickets (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       requester_id bigint REFERENCES users (id) ON DELETE SET NULL,
       org_id bigint NOT NULL REFERENCES orgs (id),
       task_id bigint REFERENCES tasks (id) ON DELETE SET NULL,
       category text NOT NULL,
       urgency text NOT NULL,
       title text NOT NULL,
       description text NOT NULL,
       status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waiting', 'solved', 'closed')),
       assignee_id bigint REFERENCES users (id) ON DELETE SET NULL,
       -- Due times and the moments a target is 75 % spent, in business time; moved on when a paused clock resumes.
       first_response_due_at timestamptz NOT NULL,
       first_response_warn_at timestamptz NOT NULL,
       resolution_due_at timestamptz NOT NULL,
       resolution_warn_at timestamptz NOT NULL,
       first_responded_at timestamptz,
       -- Business minutes from receipt to the first response and to the solution, kept when they happen (figures).
       first_response_minutes integer,
       resolution_minutes integer,
       paused_since timestamptz,
       paused_minutes integer NOT NULL DEFAULT 0,
       solved_at timestamptz,
       resolution_category text,
       closed_at timestamptz,
       reopened integer NOT NULL DEFAULT 0,
       satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
       satisfaction_comment text,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL,
       FOREIGN KEY (category, urgency) REFERENCES sos_targets (category, urgency)
     );
     CREATE INDEX sos_tickets_queue ON sos_tickets (status, resolution_due_at, id);
     CREATE INDEX sos_tickets_live ON sos_tickets (resolution_due_at, id) WHERE status <> 'closed';
     CREATE INDEX sos_tickets_created ON sos_tickets (created_at);
     CREATE INDEX sos_tickets_requester ON sos_tickets (requester_id, id DESC);
     CREATE INDEX sos_tickets_org ON sos_tickets (org_id, id DESC);
     CREATE INDEX sos_tickets_task ON sos_tickets (task_id) WHERE task_id IS NOT NULL;

     CREATE TABLE sos_messages (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       ticket_id bigint NOT NULL REFERENCES sos_tickets (id) ON DELETE CASCADE,
       author_id bigint REFERENCES users (id) ON DELETE SET NULL,
       kind text NOT NULL CHECK (kind IN ('answer', 'note', 'info_request', 'solution', 'requester', 'guest')),
       body text NOT NULL,
       created_at timestamptz NOT NULL
     );
     CREATE INDEX sos_messages_ticket ON sos_messages (ticket_id, id);

     CREATE TABLE sos_guests (
       ticket_id bigint NOT NULL REFERENCES sos_tickets (id) ON DELETE CASCADE,
       user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       invited_by bigint REFERENCES users (id) ON DELETE SET NULL,
       invited_at timestamptz NOT NULL,
       PRIMARY KEY (ticket_id, user_id)
     );
     CREATE INDEX sos_guests_user ON sos_guests (user_id);

     -- A target's warning (at 75 %) and breach are each told once, whichever worker run finds them.
     CREATE TABLE sos_sla_events (
       ticket_id bigint NOT NULL REFERENCES sos_tickets (id) ON DELETE CASCADE,
       target text NOT NULL CHECK (target IN ('first', 'resolution')),
       kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
       at timestamptz NOT NULL,
       PRIMARY KEY (ticket_id, target, kind)
     );

     -- 협업 Q&A: a solved ticket's answer, edited and stripped of personal details by an operator, for everyone.
     CREATE TABLE sos_entries (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       ticket_id bigint UNIQUE REFERENCES sos_tickets (id) ON DELETE SET NULL,
       category text NOT NULL,
       title text NOT NULL,
       question text NOT NULL,
       answer text NOT NULL,
       search_vector tsvector NOT NULL,
       published_by bigint REFERENCES users (id) ON DELETE SET NULL,
       published_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL
     );
     CREATE INDEX sos_entries_search ON sos_entries USING gin (search_vector);
     CREATE INDEX sos_entries_newest ON sos_entries (published_at DESC, id DESC);

     ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
     ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check CHECK (owner_type IN ('demand', 'message', 'briefing', 'task', 'sos'));`,
  );
}
