import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { searchDocument } from '../src/shared/korean-search.ts';

/** What proposals are about: each generated proposal takes one, so search and similarity have real Korean words. */
const SUBJECTS = [
  '농어촌 버스 시간표를 한곳에서',
  '어린이 보호구역 과속 단속 카메라',
  '응급실 빈 병상 정보 공유',
  '주민센터 무인 민원발급기 높이',
  '해수욕장 안전요원 근무 시간',
  '국립공원 무장애 탐방로 안내',
  '학교 밖 청소년 진로 체험',
  '복지 사각지대 위기가구 알림',
  '병원 평가 결과를 쉬운 말로',
  '공공 와이파이 안내 지도',
  '농촌 빈집 청년 창업 공간',
  '지하철역 수유실 위치 안내',
  '공공 체육시설 예약 통합',
  '도서관 책 반납을 지하철역에서',
  '노인 일자리 신청 대행',
  '폭염 무더위 쉼터 안내',
];

/**
 * `count` public proposals over the organisations in the database, written by SQL: every stage, over
 * the last year, supports from none to a few thousand; and on the first one (`hot`), `points` points on
 * the three sides with helpful marks and replies. Returns the hot proposal's id.
 */
export async function generateForum(db: Kysely<DB>, count: number, points: number, now: Date): Promise<number> {
  const orgs = Number((await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const documents = SUBJECTS.map((subject) => searchDocument(subject, subject, `${subject}에 관한 제안입니다`));
  await sql`
    INSERT INTO forum_proposals (author_id, org_id, category_id, title, problem, proposal, effect, status, search_vector, submitted_at, published_at,
                                 discussion_ends_at, support_ends_at, support_needed, support_count, reached_at, answer_due_at, answered_at, created_at, updated_at)
    SELECT NULL, (SELECT id FROM orgs ORDER BY id OFFSET (g * 7919) % ${orgs} LIMIT 1),
           (SELECT id FROM forum_categories ORDER BY id OFFSET g % 10 LIMIT 1),
           (${SUBJECTS}::text[])[1 + g % ${SUBJECTS.length}] || ' ' || g,
           '문제 ' || g, '제안 ' || g, '효과 ' || g,
           (ARRAY['discussion','support','support','support','expired','expired','review','adopted','not_adopted','completed'])[1 + g % 10],
           to_tsvector('simple', (${documents}::text[])[1 + g % ${documents.length}] || ' ' || g),
           published, published, published + interval '7 days', published + interval '37 days', 100,
           (g * 37) % 3000,
           CASE WHEN g % 10 >= 6 THEN published + interval '20 days' END,
           CASE WHEN g % 10 >= 6 THEN published + interval '62 days' END,
           CASE WHEN g % 10 >= 7 THEN published + interval '50 days' END,
           published, published
    FROM (SELECT g, ${now}::timestamptz - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' AS published FROM generate_series(1, ${count}) AS g) s`.execute(db);
  const hot = await db.selectFrom('forum_proposals').select('id').orderBy('published_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  await db.updateTable('forum_proposals').set({ status: 'support' }).where('id', '=', hot.id).execute();
  await sql`
    INSERT INTO forum_points (proposal_id, parent_id, author_id, side, body, source_url, helpful_count, replies_count, created_at)
    SELECT ${hot.id}, NULL, NULL, (ARRAY['for','against','conditional'])[1 + g % 3],
           '의견 ' || g || ': 이 제안이 필요한 까닭과 걱정되는 점을 근거와 함께 적었습니다.', NULL, (g * 13) % 50, g % 3, ${now}::timestamptz - g * interval '1 minute'
    FROM generate_series(1, ${points}) AS g`.execute(db);
  await sql`
    INSERT INTO forum_points (proposal_id, parent_id, author_id, side, body, source_url, helpful_count, replies_count, created_at)
    SELECT ${hot.id}, p.id, NULL, NULL, '답글 ' || p.id || '-' || r, NULL, 0, 0, p.created_at + r * interval '1 minute'
    FROM forum_points p, generate_series(1, p.replies_count) AS r WHERE p.proposal_id = ${hot.id} AND p.parent_id IS NULL`.execute(db);
  await sql`
    UPDATE forum_proposals SET points_for = c.f, points_against = c.a, points_conditional = c.c
    FROM (SELECT count(*) FILTER (WHERE side = 'for') AS f, count(*) FILTER (WHERE side = 'against') AS a, count(*) FILTER (WHERE side = 'conditional') AS c
          FROM forum_points WHERE proposal_id = ${hot.id}) c
    WHERE id = ${hot.id}`.execute(db);
  await sql`ANALYZE`.execute(db);
  return hot.id;
}
