import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import { addGroup, createBriefing, publishBriefing } from '../briefings.service.ts';

export interface BriefingOverrides {
  operator: BuiltUser;
  /** KST, e.g. '2026-11-23T14:00'. */
  startsAt: string;
  capacity?: number;
  /** A theme id and sector to put on the agenda, then publish; none: a draft with an empty agenda. */
  group?: { theme: number; sector: string };
  now?: () => Date;
}

let sequence = 0;

/** A briefing made through the service by an operator. */
export async function buildBriefing(db: Kysely<DB>, overrides: BriefingOverrides): Promise<number> {
  sequence += 1;
  const ctx = await ctxAs(db, overrides.operator, overrides.now);
  const [date, time] = overrides.startsAt.split('T') as [string, string];
  const id = await createBriefing(ctx, {
    title: `복지 분야 기업 대상 설명회 ${sequence}`,
    date,
    time,
    minutes: '90',
    onlineUrl: 'https://meet.example.go.kr/briefing',
    capacity: String(overrides.capacity ?? 100),
  });
  if (overrides.group) {
    await addGroup(ctx, id, { theme: String(overrides.group.theme), sector: overrides.group.sector });
    await publishBriefing(ctx, id);
  }
  return id;
}
