import type { Kysely } from 'kysely';
import { clock } from '../../../../test/clock.ts';
import type { DB } from '../../../db/schema.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { createDemand, publishDemand } from '../demands.service.ts';

export interface DemandOverrides {
  org?: { id: number; admin: BuiltUser };
  title?: string;
  summary?: string;
  body?: string;
  purpose?: string;
  /** Theme names; '복지' by default. */
  themes?: string[];
  /** [capability name, text] pairs. */
  needs?: [string, string][];
  offers?: [string, string][];
  targetSectors?: string[];
  deadline?: string;
  /** 'open' (published) by default. */
  status?: 'draft' | 'open';
  now?: () => Date;
}

let sequence = 0;

/** The ids of themes or capabilities by name, as a form posts them; an unknown name is a mistake in the test. */
export async function idsByName(db: Kysely<DB>, table: 'themes' | 'capabilities', names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const rows = await db.selectFrom(table).select(['id', 'name']).where('name', 'in', names).execute();
  return names.map((name) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`Unknown ${table} ${name}`);
    return String(row.id);
  });
}

/** The form body of a demand, as a browser would post it. */
export async function demandForm(db: Kysely<DB>, orgId: number, overrides: DemandOverrides = {}): Promise<Record<string, string | string[]>> {
  sequence += 1;
  const now = overrides.now ?? clock;
  const form: Record<string, string | string[]> = {
    org: String(orgId),
    title: overrides.title ?? `테스트 수요과제 ${sequence}`,
    summary: overrides.summary ?? '함께할 기관을 찾습니다.',
    body: overrides.body ?? '',
    purpose: overrides.purpose ?? 'find-partner',
    themes: await idsByName(db, 'themes', overrides.themes ?? ['복지']),
    targetSectors: overrides.targetSectors ?? [],
    partnersSought: '1',
    deadline: overrides.deadline ?? addDays(kstDate(now()), 30),
    contactName: '담당자',
    contactEmail: 'contact@test.ieumteo.kr',
  };
  for (const kind of ['need', 'offer'] as const) {
    const items = (kind === 'need' ? overrides.needs : overrides.offers) ?? (kind === 'need' ? [['의료기기 수리', '휠체어 수리']] : []);
    const ids = await idsByName(db, 'capabilities', items.map(([name]) => name));
    items.forEach(([, text], i) => {
      form[`${kind}.${i}.capability`] = ids[i]!;
      form[`${kind}.${i}.text`] = text;
    });
  }
  return form;
}

/** A demand written through the service by the organisation's admin; published unless a draft is asked for. */
export async function buildDemand(db: Kysely<DB>, overrides: DemandOverrides = {}): Promise<{ id: number; org: { id: number; admin: BuiltUser } }> {
  const org = overrides.org ?? (await buildOrg(db));
  const ctx = await ctxAs(db, org.admin, overrides.now);
  const id = await createDemand(ctx, await demandForm(db, org.id, overrides));
  if ((overrides.status ?? 'open') === 'open') await publishDemand(ctx, id);
  return { id, org };
}
