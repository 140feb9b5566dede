import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg, type OrgOverrides } from '../../orgs/test/builders.ts';
import { createReply } from '../replies.service.ts';

/** An organisation that replies to the demand through the service. */
export async function buildReply(
  db: Kysely<DB>,
  demandId: number,
  overrides: { org?: { id: number; admin: BuiltUser }; orgOverrides?: OrgOverrides; statement?: string; privateNote?: string; now?: () => Date } = {},
): Promise<{ id: number; org: { id: number; admin: BuiltUser } }> {
  const org = overrides.org ?? (await buildOrg(db, overrides.orgOverrides));
  const id = await createReply(await ctxAs(db, org.admin, overrides.now), demandId, {
    org: String(org.id),
    statement: overrides.statement ?? '저희 기관이 함께하겠습니다.',
    privateNote: overrides.privateNote ?? '',
    capabilities: [],
  });
  return { id, org };
}
