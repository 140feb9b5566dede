import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * `count` 협업SOS requests over the organisations in the database, written by SQL: every category and
 * urgency, opened over the last year, 70 % closed, the rest open, waiting or solved; due times an hour
 * to ten days after opening (some overdue), a public answer and a note on each; and one closed request
 * in twenty published as a 협업 Q&A entry (`/sos/answers`).
 */
export async function generateSos(db: Kysely<DB>, count: number, now: Date): Promise<void> {
  const orgs = Number((await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await sql`
    INSERT INTO sos_tickets (requester_id, org_id, category, urgency, title, description, status, first_response_due_at, first_response_warn_at,
                             resolution_due_at, resolution_warn_at, first_responded_at, first_response_minutes, solved_at, resolution_minutes, closed_at, created_at, updated_at)
    SELECT NULL, (SELECT id FROM orgs ORDER BY id OFFSET (g * 7919) % ${orgs} LIMIT 1),
           (ARRAY['law','budget','systems','staffing','mediation','other'])[1 + g % 6],
           (ARRAY['urgent','normal','normal','low'])[1 + g % 4],
           '협업SOS ' || g || ' 연계 규격 문의', '내용 ' || g,
           CASE WHEN g % 10 < 7 THEN 'closed' WHEN g % 10 = 7 THEN 'open' WHEN g % 10 = 8 THEN 'waiting' ELSE 'solved' END,
           opened + interval '3 hours', opened + interval '2 hours',
           opened + (1 + g % 10) * interval '1 day', opened + (1 + g % 10) * interval '18 hours',
           CASE WHEN g % 10 <> 7 THEN opened + interval '2 hours' END,
           CASE WHEN g % 10 <> 7 THEN 120 END,
           CASE WHEN g % 10 < 7 OR g % 10 = 9 THEN opened + interval '2 days' END,
           CASE WHEN g % 10 < 7 OR g % 10 = 9 THEN 960 END,
           CASE WHEN g % 10 < 7 THEN opened + interval '3 days' END,
           opened, opened
    FROM (SELECT g, ${now}::timestamptz - (g % 365) * interval '1 day' - (g % 24) * interval '1 hour' AS opened FROM generate_series(1, ${count}) AS g) s`.execute(db);
  await sql`
    INSERT INTO sos_messages (ticket_id, author_id, kind, body, created_at)
    SELECT id, NULL, k, '답변 ' || id, created_at + interval '2 hours' FROM sos_tickets, unnest(ARRAY['answer', 'note']) k`.execute(db);
  await publishSosEntries(db);
}

/** One closed request in twenty published as a 협업 Q&A entry (`/sos/answers`). */
export async function publishSosEntries(db: Kysely<DB>): Promise<void> {
  await sql`
    INSERT INTO sos_entries (ticket_id, category, title, question, answer, search_vector, published_at, updated_at)
    SELECT id, category, title, description, '관계 부처와 협의해 표준 연계 규격을 정했습니다. ' || title || '에 대한 답입니다.',
           to_tsvector('simple', title || ' ' || description), closed_at, closed_at
    FROM sos_tickets WHERE status = 'closed' AND id % 20 = 0`.execute(db);
  await sql`ANALYZE`.execute(db);
}
