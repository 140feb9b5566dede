import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg, type OrgOverrides } from '../../orgs/test/builders.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { buildDemand, idsByName } from '../../demands/test/builders.ts';
import { confirmMatch, recordMatch } from '../cases.service.ts';
import { createReply, decideReply } from '../replies.service.ts';
import { clock } from '../../../../test/clock.ts';

/** An organisation that replies to the demand through the service. */
export async function buildReply(
  db: Kysely<DB>,
  demandId: number,
  overrides: {
    org?: { id: number; admin: BuiltUser };
    orgOverrides?: OrgOverrides;
    statement?: string;
    privateNote?: string;
    /** Names of the capabilities it offers; none by default. */
    capabilities?: string[];
    now?: () => Date;
  } = {},
): Promise<{ id: number; org: { id: number; admin: BuiltUser } }> {
  const org = overrides.org ?? (await buildOrg(db, overrides.orgOverrides));
  const id = await createReply(await ctxAs(db, org.admin, overrides.now), demandId, {
    org: String(org.id),
    statement: overrides.statement ?? '저희 기관이 함께하겠습니다.',
    privateNote: overrides.privateNote ?? '',
    capabilities: await idsByName(db, 'capabilities', overrides.capabilities ?? []),
  });
  return { id, org };
}

/** A concluded match (성사): a demand of `lead`, the reply of `partner` shortlisted, recorded and confirmed. */
export async function buildCase(
  db: Kysely<DB>,
  lead: { id: number; admin: BuiltUser },
  partner: { id: number; admin: BuiltUser },
  contribution = '수리 공방 운영',
): Promise<{ matchId: number; demandId: number }> {
  const demand = await buildDemand(db, { org: lead });
  const reply = await buildReply(db, demand.id, { org: partner });
  const leadCtx = await ctxAs(db, lead.admin);
  await decideReply(leadCtx, reply.id, 'shortlist');
  const matchId = await recordMatch(leadCtx, demand.id, { partners: [String(partner.id)], summary: '함께 하기로 했습니다', leadContribution: '장소', startedOn: addDays(kstDate(clock()), -7) });
  await confirmMatch(await ctxAs(db, partner.admin), matchId, partner.id, { contribution });
  return { matchId, demandId: demand.id };
}
