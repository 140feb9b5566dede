import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';
import regionsFile from '../../modules/orgs/data/regions-kr.json' with { type: 'json' };

/** Starting capability taxonomy; operators edit it afterwards. */
const CAPABILITIES: [string, string][] = [
  ['데이터 분석', 'Data analysis'],
  ['정보시스템 개발·연계', 'IT systems and integration'],
  ['의료기기 수리', 'Medical device repair'],
  ['보건·의료 서비스', 'Health services'],
  ['복지 서비스 전달', 'Welfare service delivery'],
  ['장애인 이동 지원', 'Mobility support for disabled people'],
  ['교육·연수 운영', 'Training and education'],
  ['시설·공간 제공', 'Facilities and venues'],
  ['물품 기증', 'Donated goods'],
  ['자원봉사 인력', 'Volunteers'],
  ['홍보·캠페인', 'Publicity and campaigns'],
  ['연구·정책 자문', 'Research and policy advice'],
  ['재원·후원', 'Funding and sponsorship'],
  ['현장 네트워크', 'Local networks'],
  ['안전 점검', 'Safety inspection'],
  ['환경·에너지 기술', 'Environment and energy technology'],
  ['관광·문화 콘텐츠', 'Tourism and cultural content'],
  ['일자리·창업 지원', 'Jobs and start-up support'],
  ['농림·수산 현장 지원', 'Farming and fisheries support'],
  ['법률·행정 지원', 'Legal and administrative support'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE regions (
      code text PRIMARY KEY,
      name text NOT NULL,
      parent_code text REFERENCES regions (code),
      sort integer NOT NULL
    );

    CREATE TABLE capabilities (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      name_en text NOT NULL,
      sort integer NOT NULL DEFAULT 0,
      archived_at timestamptz
    );

    CREATE TABLE orgs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      sector text NOT NULL,
      region_code text REFERENCES regions (code),
      description text NOT NULL DEFAULT '',
      website text,
      capability_note text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'pending', 'verified', 'rejected')),
      rejection_reason text,
      verified_at timestamptz,
      search_vector tsvector NOT NULL,
      created_by bigint REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX orgs_search ON orgs USING gin (search_vector);
    CREATE INDEX orgs_name ON orgs (name, id);
    CREATE INDEX orgs_pending ON orgs (updated_at) WHERE status = 'pending';

    CREATE TABLE org_members (
      org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      status text NOT NULL CHECK (status IN ('active', 'requested')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, user_id)
    );
    CREATE INDEX org_members_user ON org_members (user_id);

    CREATE TABLE org_invitations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
      email text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      invited_by bigint NOT NULL REFERENCES users (id),
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE org_capabilities (
      org_id bigint NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
      capability_id bigint NOT NULL REFERENCES capabilities (id),
      PRIMARY KEY (org_id, capability_id)
    );
    CREATE INDEX org_capabilities_capability ON org_capabilities (capability_id);
  `,
  );

  const regionRows: { code: string; name: string; parent_code: string | null; sort: number }[] = [];
  regionsFile.regions.forEach((province, i) => {
    const code = String(i + 1).padStart(2, '0');
    regionRows.push({ code, name: province.name, parent_code: null, sort: i });
    province.districts.forEach((district, j) => {
      regionRows.push({ code: `${code}-${String(j + 1).padStart(3, '0')}`, name: district, parent_code: code, sort: j });
    });
  });
  const typed = db as Kysely<{ regions: (typeof regionRows)[number]; capabilities: { name: string; name_en: string; sort: number } }>;
  await typed.insertInto('regions').values(regionRows).execute();
  await typed
    .insertInto('capabilities')
    .values(CAPABILITIES.map(([name, name_en], sort) => ({ name, name_en, sort })))
    .execute();
}
