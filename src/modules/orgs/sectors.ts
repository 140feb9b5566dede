/** The kinds of organisation on the platform; whether one is public or private follows from it. */
export const SECTORS = [
  'central', // 중앙행정기관
  'local', // 지방자치단체
  'public-institution', // 공공기관
  'education-office', // 교육청
  'civil-society', // 민간단체·협회
  'company', // 기업
  'academia', // 대학·연구기관
] as const;

export type Sector = (typeof SECTORS)[number];

const PUBLIC_SECTORS: ReadonlySet<Sector> = new Set(['central', 'local', 'public-institution', 'education-office']);

export function isPublicSector(sector: Sector): boolean {
  return PUBLIC_SECTORS.has(sector);
}
