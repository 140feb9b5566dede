import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { demandSearchVector } from '../src/modules/demands/demand-search.ts';
import { rebuildOrgWants } from '../src/modules/demands/index.ts';
import { SECTORS } from '../src/modules/orgs/index.ts';
import { searchDocument } from '../src/shared/korean-search.ts';
import { orgNameKey } from '../src/modules/orgs/index.ts';
import { rng } from './generate-orgs.ts';

/**
 * A world for judging partner recommendations, built from a model of its own: every organisation
 * has specific skills (휠체어, 보청기 …), only some of which it declares as the platform's coarse
 * capabilities and some of which it mentions in its profile; it wants a few skills, which its own
 * demands ask for. Who truly suits a demand is decided from the hidden skills and wants (with
 * noise), never from what the recommender reads.
 */
const SKILLS: Record<string, string[]> = {
  '데이터 분석': ['빅데이터', '통계조사', '설문분석'],
  '정보시스템 개발·연계': ['앱개발', '클라우드', '전자문서'],
  '의료기기 수리': ['휠체어', '보청기', '재활기구'],
  '보건·의료 서비스': ['방문진료', '건강검진', '정신건강'],
  '복지 서비스 전달': ['도시락', '방문돌봄', '긴급지원'],
  '장애인 이동 지원': ['저상버스', '이동보조', '점자안내'],
  '교육·연수 운영': ['코딩교육', '직무연수', '평생교육'],
  '시설·공간 제공': ['회의실', '체육관', '물류창고'],
  '물품 기증': ['의류', '가전제품', '도서기증'],
  '자원봉사 인력': ['대학생봉사', '말벗', '배달봉사'],
  '홍보·캠페인': ['영상제작', '캠페인', '카드뉴스'],
  '연구·정책 자문': ['정책연구', '성과평가', '타당성조사'],
  '재원·후원': ['기부금', '장학금', '매칭펀드'],
  '현장 네트워크': ['통장협의회', '마을활동가', '상인회'],
  '안전 점검': ['소방점검', '전기안전', '교량점검'],
  '환경·에너지 기술': ['태양광', '미세먼지', '수질검사'],
  '관광·문화 콘텐츠': ['축제', '관광코스', '공연기획'],
  '일자리·창업 지원': ['창업보육', '취업연계', '사회적기업'],
  '농림·수산 현장 지원': ['스마트팜', '양식장', '산림관리'],
  '법률·행정 지원': ['법률상담', '노무관리', '인허가'],
};
const NEED_TAILS = ['전문 인력이 필요합니다', '경험 있는 곳을 찾습니다', '현장 노하우를 나눠 주세요', '장비와 인력'];
const PROFILE_TAILS = ['일을 해 왔습니다', '사업을 꾸려 왔습니다', '분야에서 일합니다'];

export interface WorldOrg {
  id: number;
  sector: string;
  /** Indexes into the skill list: what it can do, and what it is looking for. */
  skills: Set<number>;
  wants: Set<number>;
  /** What the platform sees: declared capability ids and profile text. */
  capabilities: Set<number>;
  text: string;
}

export interface WorldDemand {
  id: number;
  orgId: number;
  needs: { skill: number; capabilityId: number; text: string }[];
  offer: number;
  targetSector: string | null;
  live: boolean;
}

export interface World {
  orgs: WorldOrg[];
  demands: WorldDemand[];
}

/** `orgs` organisations and `demands` demands, added to what the database holds; returns the hidden model. */
export async function generateWorld(db: Kysely<DB>, counts: { orgs: number; demands: number }, seed = 11): Promise<World> {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const capabilityIds = new Map((await db.selectFrom('capabilities').select(['id', 'name']).execute()).map((c) => [c.name, c.id]));
  const skills = Object.entries(SKILLS).flatMap(([capability, words]) =>
    words.map((word) => ({ word, capabilityId: capabilityIds.get(capability) ?? Number.NaN })),
  );
  if (skills.some((s) => Number.isNaN(s.capabilityId))) throw new Error('capability taxonomy changed: update SKILLS');
  const regions = (await db.selectFrom('regions').select('code').execute()).map((r) => r.code);
  const themes = (await db.selectFrom('themes').select('id').execute()).map((r) => r.id);
  const skillIndex = () => Math.floor(random() * skills.length);
  const world: World = { orgs: [], demands: [] };
  const batch = Number(seed) * 1_000_000; // names stay unique when worlds are added together

  const joined = new Date();
  for (let start = 0; start < counts.orgs; start += 500) {
    const drafts: Omit<WorldOrg, 'id'>[] = [];
    for (let i = start; i < Math.min(counts.orgs, start + 500); i++) {
      // Two skills of one field and one from elsewhere; declared and described only in part.
      const home = Math.floor(random() * 20) * 3;
      const first = home + Math.floor(random() * 3);
      const owned = new Set([first, home + ((first - home + 1 + Math.floor(random() * 2)) % 3), skillIndex()]);
      const capabilities = new Set([...owned].filter(() => random() < 0.6).map((s) => skills[s]!.capabilityId));
      if (random() < 0.3) capabilities.add(pick(skills).capabilityId);
      const described = [...owned].filter(() => random() < 0.5).map((s) => skills[s]!.word);
      const text = described.length ? `${described.join(', ')} ${pick(PROFILE_TAILS)}` : `${pick(PROFILE_TAILS)}`;
      drafts.push({ sector: pick(SECTORS), skills: owned, wants: new Set([skillIndex(), skillIndex(), skillIndex()]), capabilities, text });
    }
    const ids = await db
      .insertInto('orgs')
      .values(
        drafts.map((o, i) => {
          const name = `협업기관 ${batch + start + i + 1}`;
          return {
            name,
            sector: o.sector as 'company',
            region_code: random() < 0.1 ? null : pick(regions),
            description: o.text,
            capability_note: '',
            status: 'verified' as const,
            name_key: orgNameKey(name),
            search_vector: sql<string>`to_tsvector('simple', ${searchDocument(name)})`,
            profile_vector: sql<string>`to_tsvector('simple', ${searchDocument(o.text, '')})`,
            created_at: joined,
            updated_at: joined,
          };
        }),
      )
      .returning('id')
      .execute();
    const orgs = drafts.map((o, i) => ({ ...o, id: ids[i]!.id }));
    const links = orgs.flatMap((o) => [...o.capabilities].map((capability_id) => ({ org_id: o.id, capability_id })));
    if (links.length) await db.insertInto('org_capabilities').values(links).execute();
    world.orgs.push(...orgs);
  }

  const now = Date.now();
  for (let start = 0; start < counts.demands; start += 1000) {
    const drafts: Omit<WorldDemand, 'id'>[] = [];
    const demandThemes: number[] = [];
    const rows = [];
    for (let i = start; i < Math.min(counts.demands, start + 1000); i++) {
      const org = pick(world.orgs);
      const wants = [...org.wants];
      const needSkills = [...new Set([pick(wants), pick(wants)])];
      const needs = needSkills.map((s) => ({ skill: s, capabilityId: skills[s]!.capabilityId, text: `${skills[s]!.word} ${pick(NEED_TAILS)}` }));
      const offer = pick([...org.skills]);
      const targetSector = random() < 0.5 ? pick(SECTORS) : null;
      const roll = random();
      const status = roll < 0.6 ? 'open' : roll < 0.7 ? 'negotiating' : 'closed';
      const draft = { orgId: org.id, needs, offer, targetSector, live: status !== 'closed' };
      drafts.push(draft);
      const title = `${needs.map((n) => skills[n.skill]!.word).join('·')} 협업 ${batch + i + 1}`;
      demandThemes.push(pick(themes));
      const facets = { purpose: 'find-partner', themes: demandThemes.slice(-1), targetSectors: targetSector ? [targetSector] : [], targetRegions: [] };
      const published = new Date(now - Math.floor(random() * 365) * 86_400_000);
      rows.push({
        org_id: org.id,
        author_id: null,
        title,
        summary: title,
        body: '',
        purpose: 'find-partner' as const,
        status: status as 'open',
        target_sectors: facets.targetSectors,
        target_regions: [],
        partners_sought: 1,
        deadline: new Date(published.getTime() + 60 * 86_400_000).toISOString().slice(0, 10),
        contact_name: '담당자',
        contact_email: null,
        contact_phone: null,
        reply_count: 0,
        published_at: published,
        closed_at: null,
        reminded_at: null,
        hidden_at: null,
        hidden_reason: null,
        search_vector: demandSearchVector([title, ...needs.map((n) => n.text)], facets),
        created_at: published,
        updated_at: published,
      });
    }
    const ids = await db.insertInto('demands').values(rows).returning('id').execute();
    const demands = drafts.map((d, i) => ({ ...d, id: ids[i]!.id }));
    await db
      .insertInto('demand_themes')
      .values(demands.map((d, i) => ({ demand_id: d.id, theme_id: demandThemes[i]! })))
      .execute();
    await db
      .insertInto('demand_items')
      .values(
        demands.flatMap((d) => [
          ...d.needs.map((n, sort) => ({ demand_id: d.id, kind: 'need' as const, capability_id: n.capabilityId, description: n.text, sort })),
          { demand_id: d.id, kind: 'offer' as const, capability_id: skills[d.offer]!.capabilityId, description: skills[d.offer]!.word, sort: d.needs.length },
        ]),
      )
      .execute();
    world.demands.push(...demands);
  }
  await rebuildOrgWants(db);
  await sql`ANALYZE`.execute(db);
  return world;
}

/** How much an organisation truly suits a demand, before noise: shared skills, wanting its offer, sector. */
export function utility(demand: WorldDemand, org: WorldOrg): number {
  const sector = demand.targetSector ? (org.sector === demand.targetSector ? 1 : -1) : 0;
  return 2 * demand.needs.filter((n) => org.skills.has(n.skill)).length + (org.wants.has(demand.offer) ? 1.5 : 0) + sector;
}

/** The hidden truth: the `count` organisations that would really suit a demand, with noise; never the demanding one. */
export function truePartners(world: World, demand: WorldDemand, count: number, seed: number): number[] {
  const random = rng(seed);
  const gumbel = () => -Math.log(-Math.log(random() * 0.999998 + 0.000001));
  return world.orgs
    .filter((o) => o.id !== demand.orgId)
    .map((o) => ({ id: o.id, utility: utility(demand, o) + 0.7 * gumbel() }))
    .sort((a, b) => b.utility - a.utility)
    .slice(0, count)
    .map((o) => o.id);
}
