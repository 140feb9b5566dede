import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { PURPOSES } from '../src/modules/demands/demands.tables.ts';
import { SECTORS } from '../src/modules/orgs/index.ts';
import { demandSearchVector } from '../src/modules/demands/demand-search.ts';
import { rng } from './generate-orgs.ts';

/** Words of the generated texts, for benchmarks to search. */
export const SUBJECTS = [
  '휠체어', '경로당', '스마트 쉼터', '해안 쓰레기', '승선 신고', '청년 창업', '통학로', '공공 와이파이', '무장애 관광', '독거 어르신',
  '다문화 가정', '전통시장', '폐배터리', '산불 감시', '빈집', '농산물 판로', '응급 의료', '재활 기구', '주거 환경', '디지털 교육',
  '공유 주차장', '하천 정화', '미세먼지', '저상버스', '도서관', '마을 기업', '치매 안심', '아동 급식', '반려동물', '재난 문자',
  '폭염 대피', '자전거 도로', '공공 임대', '귀농 귀촌', '수산물 이력', '문화 유산', '청소년 상담', '직업 훈련', '장애인 일자리', '의료 통역',
  '탄소 중립', '빗물 저류', '스마트팜', '어촌 체험', '산림 치유', '노후 상수관', '방범 카메라', '공공 데이터', '전자 문서', '민원 상담',
];
const ACTIONS = ['함께 운영할', '시범 도입할', '전국으로 넓힐', '함께 개선할', '공동으로 조사할', '같이 알릴', '새로 설계할', '함께 점검할'];
const PARTNERS = ['기관을 찾습니다', '기업을 모십니다', '지자체를 모집합니다', '단체와 협력합니다', '연구기관을 찾습니다', '파트너를 구합니다'];
const SENTENCES = [
  '{p} 주민의 불편을 줄이기 위해 {s} 사업을 준비하고 있습니다.',
  '현장에서 {s} 관련 요청이 늘었지만 {f} 인력이 부족합니다.',
  '사용 연한이 지난 물품을 기증받아 수리한 뒤 필요한 분들께 나누려 합니다.',
  '참여 기관에는 {p} 지역 홍보와 감사패를 드립니다.',
  '{f} 경험이 있는 곳이면 더 좋겠습니다.',
  '{s} 서비스 전달 체계를 함께 설계할 파트너가 필요합니다.',
  '시범 운영 결과가 좋으면 {p} 밖으로 확산할 계획입니다.',
  '{s} 현장 점검과 {f} 교육을 함께 맡아 주실 곳을 찾고 있습니다.',
  '지난해 {p}에서 시작한 {s} 사업을 올해 두 배로 키우려 합니다.',
  '{f} 분야 전문가의 자문을 받고 싶습니다.',
  '예산은 확보했으나 {s} 운영 노하우가 없습니다.',
  '{p}의 {s} 현황을 함께 조사하고 개선안을 만들고자 합니다.',
  '민간의 기술과 공공의 현장을 잇는 협업을 기대합니다.',
  '주민 참여 설명회를 {p}에서 열 예정입니다.',
  '{s}와 {s2}를 연계하면 효과가 클 것으로 봅니다.',
  '협약 기간은 1년이며 연장할 수 있습니다.',
  '관련 자료와 데이터를 제공해 드립니다.',
  '{f} 장비를 빌려 주실 수 있는 곳도 환영합니다.',
  '어르신과 장애인 등 교통약자를 위한 사업입니다.',
  '청년 인턴을 함께 채용해 {f} 업무를 맡기려 합니다.',
];
const FIELDS = ['데이터 분석', '안전 관리', '환경 측정', '관광 해설', '상담', '의료', '법률', '건축', '전기', '통신', '교육', '홍보', '회계', '디자인', '물류', '조리', '통역', '정비', '조경', '사회복지'];

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
  const places = (await db.selectFrom('regions').select('name').execute()).map((r) => r.name);
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const rows = [];
    const extras: { themes: number[]; items: { kind: 'offer' | 'need'; capability_id: number; description: string }[] }[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const subject = pick(SUBJECTS);
      const title = `${subject} ${pick(ACTIONS)} ${pick(PARTNERS)} ${i + 1}`;
      const sentence = (s: string) =>
        pick(SENTENCES).replace('{s}', s).replace('{s2}', pick(SUBJECTS)).replace('{f}', pick(FIELDS)).replaceAll('{p}', pick(places));
      const summary = `${sentence(subject)} ${sentence(pick(SUBJECTS))}`;
      const body = Array.from({ length: 4 }, () => sentence(pick(SUBJECTS))).join('\n\n');
      const items = [
        { kind: 'need' as const, ...needOf(pick(capabilities), pick(SUBJECTS)) },
        { kind: 'need' as const, ...needOf(pick(capabilities), pick(SUBJECTS)) },
        { kind: 'offer' as const, ...needOf(pick(capabilities), pick(SUBJECTS)) },
      ];
      const published = new Date(now - Math.floor(random() * 730) * 86_400_000 - Math.floor(random() * 86_400_000));
      const roll = random();
      const status = roll < 0.35 ? 'open' : roll < 0.5 ? 'negotiating' : roll < 0.7 ? 'concluded' : roll < 0.95 ? 'closed' : 'withdrawn';
      const deadline = new Date(published.getTime() + (14 + Math.floor(random() * 60)) * 86_400_000).toISOString().slice(0, 10);
      const facets = {
        purpose: pick(PURPOSES),
        themes: [...new Set([pick(themes), pick(themes)])],
        targetSectors: random() < 0.5 ? [] : [pick(SECTORS)],
        targetRegions: random() < 0.6 ? [] : [pick(provinces)],
        items,
      };
      rows.push({
        org_id: pick(orgIds),
        author_id: null,
        title,
        summary,
        body,
        purpose: facets.purpose,
        status: status as 'open',
        target_sectors: facets.targetSectors,
        target_regions: facets.targetRegions,
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
        search_vector: demandSearchVector([title, summary, body, ...items.map((it) => it.description)], facets),
        created_at: published,
        updated_at: published,
      });
      extras.push(facets);
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
