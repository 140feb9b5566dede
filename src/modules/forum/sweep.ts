/**
 * The forum's sweep (job `forum.stages`): windows that have passed move proposals on — discussion to
 * support, support to expired (the authors told) — and an answer past its due time is told to the
 * responsible body and the operators, once (`overdue_noticed_at`; an extension clears it). Pages do
 * not wait for it: they read the stage with `stageAt`.
 */
import { operatorRecipients } from '../accounts/index.ts';
import { ANONYMOUS, type Ctx, type Db } from '../../shared/context.ts';
import { inQuietHours, type QuietHours } from '../../shared/dates.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients } from '../orgs/index.ts';
import { authorRecipients } from './proposals.service.ts';
import { reachWaiting } from './supports.service.ts';
import { notifyNews } from './news.service.ts';

export const FORUM_STAGES_JOB = 'forum.stages';

/** Runs the sweep at `now`; nothing is done in quiet hours (no one is woken by a notice). Returns the proposals changed or told. */
export async function sweepStages(db: Db, now: Date, options: { baseUrl: string; quietHours: QuietHours | null }): Promise<number> {
  if (inQuietHours(now, options.quietHours)) return 0;
  const ctx: Pick<Ctx, 'actor' | 'now' | 'baseUrl' | 'ip'> = { actor: ANONYMOUS, now: () => now, baseUrl: options.baseUrl };
  const opened = await db
    .updateTable('forum_proposals')
    .set({ status: 'support', updated_at: now })
    .where('status', '=', 'discussion')
    .where('discussion_ends_at', '<=', now)
    .where('support_ends_at', '>', now)
    .executeTakeFirst();
  let changed = Number(opened.numUpdatedRows);
  // Supports merged in during the discussion count as soon as the window opens.
  changed += await reachWaiting(db, ctx);
  const ending = await db.selectFrom('forum_proposals').select('id').where('status', 'in', ['discussion', 'support']).where('support_ends_at', '<=', now).execute();
  for (const { id } of ending) {
    await db.transaction().execute(async (trx) => {
      // Re-read under lock: a support that reached the threshold a moment ago wins.
      const proposal = await trx.selectFrom('forum_proposals').select(['id', 'title', 'author_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (proposal.status !== 'discussion' && proposal.status !== 'support') return;
      await trx.updateTable('forum_proposals').set({ status: 'expired', closed_at: now, updated_at: now }).where('id', '=', id).execute();
      await notifyNews(trx, ctx, await authorRecipients(trx, proposal), { kind: 'notice.forumExpired', params: { title: proposal.title }, link: `/forum/${id}` });
      changed++;
    });
  }
  const overdue = await db.selectFrom('forum_proposals').select('id').where('status', '=', 'review').where('answer_due_at', '<', now).where('overdue_noticed_at', 'is', null).execute();
  for (const { id } of overdue) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('forum_proposals')
        .set({ overdue_noticed_at: now })
        .where('id', '=', id)
        .where('status', '=', 'review')
        .where('answer_due_at', '<', now)
        .where('overdue_noticed_at', 'is', null)
        .returning(['title', 'org_id'])
        .executeTakeFirst();
      if (!claimed) return;
      const to = [...(await orgMemberRecipients(trx, [claimed.org_id])), ...(await operatorRecipients(trx))];
      await notify(trx, ctx, to, { kind: 'notice.forumOverdue', params: { title: claimed.title }, link: `/forum/${id}` });
      changed++;
    });
  }
  return changed;
}
