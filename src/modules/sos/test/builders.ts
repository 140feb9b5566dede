import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../../../shared/clock.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { openTicket } from '../sos.service.ts';
import type { SosCategory, Urgency } from '../sos.tables.ts';

/** An SOS opened through the service by the admin of `org` (a new verified organisation when not given). */
export async function buildTicket(
  db: Kysely<DB>,
  options: { org?: { id: number; admin: BuiltUser }; urgency?: Urgency; category?: SosCategory; task?: number; title?: string; now?: Clock } = {},
): Promise<{ id: number; org: { id: number; admin: BuiltUser } }> {
  const org = options.org ?? (await buildOrg(db));
  const id = await openTicket(await ctxAs(db, org.admin, options.now), {
    org: String(org.id),
    task: options.task ? String(options.task) : undefined,
    category: options.category ?? 'systems',
    urgency: options.urgency ?? 'urgent',
    title: options.title ?? '예약 시스템과 승선 신고 연계가 막혔습니다',
    description: '해양수산부 시스템의 연계 규격을 받지 못했습니다.',
  });
  return { id, org };
}
