import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { PURPOSES } from '../src/modules/demands/demands.tables.ts';
import { SECTORS } from '../src/modules/orgs/index.ts';
import { searchDocument } from '../src/shared/korean-search.ts';
import { rng } from './generate-orgs.ts';

const SUBJECTS = ['휠체어', '경로당', '스마트 쉼터', '해안 쓰레기', '승선 신고', '청년 창업', '통학로', '공공 와이파이', '무장애 관광', '독거 어르신', '다문화 가정', '전통시장', '폐배터리', '산불 감시', '빈집', '농산물 판로', '응급 의료', '재활 기구', '주거 환경', '디지털 교육'];
const ACTIONS = ['함께 운영할', '시범 도입할', '전국으로 넓힐', '함께 개선할', '공동으로 조사할', '같이 알릴'];
const PARTNERS = ['기관을 찾습니다', '기업을 모십니다', '지자체를 모집합니다', '단체와 협력합니다', '연구기관을 찾습니다'];
const SENTENCES = [
  '지역 주민의 불편을 줄이기 위해 {s} 사업을 준비하고 있습니다.',
  '현장에서 {s} 관련 수요가 크게 늘었지만 전문 인력과 장비가 부족합니다.',
  '사용 연한이 지난 물품을 기증받아 수리한 뒤 필요한 분들께 나누려 합니다.',
  '참여 기관에는 홍보와 감사패, 성과 공유 자리를 마련해 드립니다.',
  '데이터 분석과 정보시스템 연계 경험이 있는 곳이면 더 좋겠습니다.',
  '돌봄과 복지 서비스 전달 체계를 함께 설계할 파트너가 필요합니다.',
  '시범 운영 결과가 좋으면 다른 시·군·구로 확산할 계획입니다.',
  '안전 점검과 교육을 함께 맡아 주실 곳을 찾고 있습니다.',
];

/**
 * `count` published demands with realistic Korean text over the existing organisations, with
 * themes, offers, needs, statuses and reply counts spread as on a live platform; batched inserts.
 */
export async function generateDemands(db: Kysely<DB>, count: number, seed = 7): Promise<void> {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const orgIds = (await db.selectFrom('orgs').select('id').execute()).map((r) => r.id);
  const themes = (await db.selectFrom('themes').select('id').execute()).map((r) => r.id);
  const capabilities = await db.selectFrom('capabilities').select(['id', 'name']).execute();
  const provinces = (await db.selectFrom('regions').select('code').where('parent_code', 'is', null).execute()).map((r) => r.code);
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const rows = [];
    const extras: { themes: number[]; items: { kind: 'offer' | 'need'; capability_id: number; description: string }[] }[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const subject = pick(SUBJECTS);
      const title = `${subject} ${pick(ACTIONS)} ${pick(PARTNERS)} ${i + 1}`;
      const summary = `${pick(SENTENCES).replace('{s}', subject)} ${pick(SENTENCES).replace('{s}', pick(SUBJECTS))}`;
      const body = Array.from({ length: 4 }, () => pick(SENTENCES).replace('{s}', pick(SUBJECTS))).join('\n\n');
      const items = [
        { kind: 'need' as const, ...needOf(pick(capabilities), pick(SUBJECTS)) },
        { kind: 'need' as const, ...needOf(pick(capabilities), pick(SUBJECTS)) },
        { kind: 'offer' as const, ...needOf(pick(capabilities), pick(SUBJECTS)) },
      ];
      const published = new Date(now - Math.floor(random() * 730) * 86_400_000 - Math.floor(random() * 86_400_000));
      const roll = random();
      const status = roll < 0.35 ? 'open' : roll < 0.5 ? 'negotiating' : roll < 0.7 ? 'concluded' : roll < 0.95 ? 'closed' : 'withdrawn';
      const deadline = new Date(published.getTime() + (14 + Math.floor(random() * 60)) * 86_400_000).toISOString().slice(0, 10);
      rows.push({
        org_id: pick(orgIds),
        author_id: null,
        title,
        summary,
        body,
        purpose: pick(PURPOSES),
        status: status as 'open',
        target_sectors: random() < 0.5 ? [] : [pick(SECTORS)],
        target_regions: random() < 0.6 ? [] : [pick(provinces)],
        partners_sought: 1 + Math.floor(random() * 3),
        deadline,
        contact_name: '담당자',
        contact_email: null,
        contact_phone: null,
        reply_count: status === 'open' && random() < 0.5 ? 0 : Math.floor(random() * 8),
        published_at: published,
        closed_at: null,
        reminded_at: null,
        hidden_at: null,
        hidden_reason: null,
        search_vector: sql<string>`to_tsvector('simple', ${searchDocument(title, summary, body, ...items.map((it) => it.description))})`,
        created_at: published,
      });
      extras.push({ themes: [...new Set([pick(themes), pick(themes)])], items });
    }
    const ids = await db.insertInto('demands').values(rows).returning('id').execute();
    await db
      .insertInto('demand_themes')
      .values(ids.flatMap(({ id }, i) => extras[i]!.themes.map((theme_id) => ({ demand_id: id, theme_id }))))
      .execute();
    await db
      .insertInto('demand_items')
      .values(ids.flatMap(({ id }, i) => extras[i]!.items.map((item, sort) => ({ demand_id: id, ...item, sort }))))
      .execute();
  }
  await sql`ANALYZE`.execute(db);
}

function needOf(capability: { id: number; name: string }, subject: string) {
  return { capability_id: capability.id, description: `${subject} 사업을 위한 ${capability.name}` };
}
