import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { addDays, kstDate } from '../src/shared/dates.ts';

/**
 * A national-scale year of collaboration tasks over the organisations already in the database, written
 * in bulk by SQL: `tasks` tasks (4 % key, 3 % waiting for selection, the rest agency-managed) with two
 * partners, two indicators and five milestones each, and `reports` progress reports spread over them
 * with a value per indicator. About one task in eight is behind with a report, one in five has a
 * milestone past its day. The kept columns (next report, newest RAG, first open milestone) are set as the service sets them.
 */
export async function generateTasks(db: Kysely<DB>, counts: { tasks: number; reports: number }, now: Date): Promise<void> {
  const today = kstDate(now);
  const year = Number(today.slice(0, 4));
  const operator = await db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirst();
  await db
    .insertInto('task_programmes')
    .values({ year, intake_opens_on: `${year}-01-01`, intake_closes_on: `${year}-12-31`, created_by: operator?.id ?? null, created_at: now })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const orgs = Number((await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // About 97 % of tasks are selected and report.
  const perTask = Math.max(1, Math.round(counts.reports / (counts.tasks * 0.97)));
  await sql`
    INSERT INTO tasks (year, title, problem, benefit, lead_org_id, target_regions, starts_on, ends_on, status, kind, kind_reason, selected_at,
                       charter_version, next_report_period, next_report_due_on, latest_rag, created_at, updated_at)
    SELECT ${year},
           '협업과제 ' || g || ' ' || (ARRAY['승선 신고 연계','위기가구 발굴','무장애 탐방','청년 주거 상담','폐배터리 재사용','바다 숲 조성'])[1 + g % 6],
           '현장의 불편 ' || g, '국민이 느낄 효과 ' || g,
           (SELECT id FROM orgs ORDER BY id OFFSET (g * 7919) % ${orgs} LIMIT 1),
           '{}', ${addDays(today, -200)}::date, ${addDays(today, 300)}::date,
           'registered', kind,
           CASE WHEN kind IS NOT NULL THEN '선정 이유' END,
           CASE WHEN kind IS NOT NULL THEN ${now}::timestamptz - interval '150 days' END,
           CASE WHEN kind = 'key' THEN 1 ELSE 0 END,
           CASE WHEN kind IS NOT NULL THEN to_char(${now}::timestamptz, 'YYYY-MM') END,
           CASE WHEN kind IS NULL THEN NULL WHEN g % 8 = 0 THEN ${addDays(today, -9)}::date ELSE ${addDays(today, 12)}::date END,
           CASE WHEN kind IS NOT NULL THEN (ARRAY['green','green','green','amber','red'])[1 + g % 5] END,
           ${now}::timestamptz - interval '200 days', ${now}
    FROM (SELECT g, CASE WHEN g % 25 = 0 THEN 'key' WHEN g % 33 = 1 THEN NULL ELSE 'managed' END AS kind
          FROM generate_series(1, ${counts.tasks}) AS g) AS s`.execute(db);
  await sql`
    INSERT INTO task_orgs (task_id, org_id, role, status, contribution, invited_at)
    SELECT t.id, t.lead_org_id, 'lead', 'accepted', '', t.created_at FROM tasks t
    UNION ALL
    SELECT t.id, o.id, 'partner', 'accepted', '공동 추진', t.created_at
    FROM tasks t CROSS JOIN generate_series(1, 2) k
      CROSS JOIN LATERAL (SELECT id FROM orgs WHERE id <> t.lead_org_id ORDER BY id OFFSET (t.id * 31 + k * 977) % (${orgs} - 1) LIMIT 1) o
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`
    INSERT INTO task_themes (task_id, theme_id)
    SELECT t.id, (SELECT id FROM themes ORDER BY id OFFSET t.id % (SELECT count(*) FROM themes) LIMIT 1) FROM tasks t`.execute(db);
  await sql`
    INSERT INTO task_indicators (task_id, name, unit, baseline, target, due_on, position)
    SELECT t.id, '지표 ' || k, '%', 10, 80, t.ends_on, k FROM tasks t, generate_series(0, 1) k`.execute(db);
  await sql`
    INSERT INTO task_milestones (task_id, title, due_on, owner_org_id, done_on, position)
    SELECT t.id, '마일스톤 ' || k, (${today}::date - 150 + k * 90),
           t.lead_org_id,
           CASE WHEN (${today}::date - 150 + k * 90) < ${today}::date AND (t.id % 5 <> 0 OR k = 0) THEN (${today}::date - 152 + k * 90) END,
           k
    FROM tasks t, generate_series(0, 4) k`.execute(db);
  await sql`UPDATE tasks t SET first_open_milestone_on = (SELECT min(due_on) FROM task_milestones m WHERE m.task_id = t.id AND m.done_on IS NULL)`.execute(db);
  await sql`
    INSERT INTO task_reports (task_id, period, due_on, rag, summary, summary_public, milestones_done, submitted_at)
    SELECT t.id, to_char(${now}::timestamptz - (k || ' months')::interval, 'YYYY-MM'), ${today}::date - k * 30,
           (ARRAY['green','green','amber','red'])[1 + (t.id + k) % 4], '보고 요약 ' || k, k % 2 = 0, 1,
           ${now}::timestamptz - (k || ' months')::interval
    FROM tasks t, generate_series(1, ${perTask}) k
    WHERE t.kind IS NOT NULL`.execute(db);
  await sql`
    INSERT INTO task_report_values (report_id, indicator_id, value)
    SELECT r.id, i.id, 10 + (r.id % 70) FROM task_reports r JOIN task_indicators i ON i.task_id = r.task_id`.execute(db);
  await sql`ANALYZE`.execute(db);
}
