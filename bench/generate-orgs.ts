import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { SECTORS } from '../src/modules/orgs/index.ts';
import { searchDocument } from '../src/shared/korean-search.ts';
import { orgNameKey } from '../src/modules/orgs/index.ts';

/** Deterministic pseudo-random numbers, so every run builds the same world. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['서울', '부산', '대구', '인천', '광주', '대전', '울산', '세종', '수원', '춘천', '청주', '천안', '전주', '순천', '포항', '창원', '제주', '원주', '강릉', '여수', '목포', '안동', '경주', '김해'];
const FIELDS = ['보훈', '복지', '안전', '환경', '데이터', '관광', '문화', '교육', '일자리', '해양', '농업', '보건', '의료', '돌봄', '청년', '주거', '교통', '에너지', '디지털', '평생학습'];
const KINDS: Record<(typeof SECTORS)[number], string[]> = {
  central: ['정책과', '지원단', '기획관실'],
  local: ['시청', '군청', '구청', '도청'],
  'public-institution': ['공단', '진흥원', '재단', '센터'],
  'education-office': ['교육청', '교육지원청'],
  'civil-society': ['협회', '시민모임', '연대', '사단법인'],
  company: ['주식회사', '랩', '솔루션즈', '파트너스'],
  academia: ['연구소', '산학협력단', '연구센터'],
};

/** `count` organisations with Korean names, sectors, regions and capabilities, inserted in batches. */
export async function generateOrgs(db: Kysely<DB>, count: number, seed = 42): Promise<void> {
  const random = rng(seed);
  const now = new Date();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const regions = (await db.selectFrom('regions').select('code').execute()).map((r) => r.code);
  const capabilities = (await db.selectFrom('capabilities').select('id').execute()).map((c) => c.id);
  for (let start = 0; start < count; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const sector = pick(SECTORS);
      const name = `${pick(PLACES)}${pick(FIELDS)}${pick(KINDS[sector])} ${i + 1}`;
      const description = `${pick(FIELDS)}와 ${pick(FIELDS)} 분야에서 ${pick(PLACES)} 지역 주민을 위한 사업을 하고 있습니다.`;
      rows.push({
        name,
        sector,
        region_code: random() < 0.1 ? null : pick(regions),
        description,
        capability_note: '',
        status: random() < 0.7 ? ('verified' as const) : ('unverified' as const),
        name_key: orgNameKey(name),
        search_vector: sql<string>`to_tsvector('simple', ${searchDocument(name)})`,
        profile_vector: sql<string>`to_tsvector('simple', ${searchDocument(description)})`,
        created_at: now,
        updated_at: now,
      });
    }
    const ids = await db.insertInto('orgs').values(rows).returning('id').execute();
    const links = ids.flatMap(({ id }) => {
      const chosen = new Set([pick(capabilities), pick(capabilities), pick(capabilities)]);
      return [...chosen].map((capability_id) => ({ org_id: id, capability_id }));
    });
    await db.insertInto('org_capabilities').values(links).execute();
  }
  await sql`ANALYZE`.execute(db);
}
