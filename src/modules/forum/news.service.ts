/**
 * News of proposals a citizen wrote, follows or supports (the supports came, a summary, an answer, the
 * outcome, expiry): always in the app, and by mail as each chose — at once, in one digest for the day,
 * or not at all. What asks something of them (a returned proposal, a co-author's invitation, a hiding)
 * is not news: it is mailed at once whatever they chose.
 */
import { requireUser } from '../../shared/actors.ts';
import type { Ctx, Db } from '../../shared/context.ts';
import { addDays, inQuietHours, kstDate, kstMidnight, type QuietHours } from '../../shared/dates.ts';
import { parseInput } from '../../shared/forms.ts';
import { type Locale, type MessageKey, translator } from '../../shared/i18n/index.ts';
import { type Notice, notify, notifyInApp, queueMail, type Recipient } from '../notifications/index.ts';
import { NewsInput } from './forum.schemas.ts';
import type { NewsMode } from './forum.tables.ts';

/** The kinds of notice that are news (and go into a digest). */
const NEWS_KINDS = ['notice.forumReached', 'notice.forumSummarised', 'notice.forumAnswer.accept', 'notice.forumAnswer.partial', 'notice.forumAnswer.reject', 'notice.forumAnswer.further', 'notice.forumCompleted', 'notice.forumExpired'] as const satisfies readonly MessageKey[];
export type NewsKind = (typeof NEWS_KINDS)[number];

/** Tells `recipients` news (once each, never the one who caused it): mail only to those who want each piece at once. */
export async function notifyNews(db: Db, ctx: Pick<Ctx, 'now' | 'baseUrl' | 'actor'>, recipients: Recipient[], notice: Notice & { kind: NewsKind }): Promise<void> {
  const actorId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const unique = [...new Map(recipients.filter((r) => r.id !== actorId).map((r) => [r.id, r])).values()];
  if (!unique.length) return;
  const quiet = new Set(
    (
      await db
        .selectFrom('forum_mail_settings')
        .select('user_id')
        .where(
          'user_id',
          'in',
          unique.map((r) => r.id),
        )
        .where('mode', '<>', 'each')
        .execute()
    ).map((row) => row.user_id),
  );
  await notify(
    db,
    ctx,
    unique.filter((r) => !quiet.has(r.id)),
    notice,
  );
  for (const recipient of unique.filter((r) => quiet.has(r.id))) await notifyInApp(db, ctx.now(), recipient.id, notice);
}

/** The actor's choice (each by default). */
export async function newsMode(ctx: Ctx): Promise<NewsMode> {
  const actor = requireUser(ctx.actor);
  const row = await ctx.db.selectFrom('forum_mail_settings').select('mode').where('user_id', '=', actor.id).executeTakeFirst();
  return row?.mode ?? 'each';
}

export async function saveNewsMode(ctx: Ctx, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const { mode } = parseInput(NewsInput, raw);
  await ctx.db
    .insertInto('forum_mail_settings')
    .values({ user_id: actor.id, mode, updated_at: ctx.now() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ mode, updated_at: ctx.now() }))
    .execute();
}

/** People served per run; the next run carries on. */
const PEOPLE_PER_RUN = 200;

/**
 * Yesterday's news (KST) in one mail to each citizen who chose the daily digest and had any, once:
 * the digest's row (person, day) is claimed in the transaction that queues the mail. Nothing is sent
 * in quiet hours. Returns how many were mailed.
 */
export async function sendNewsDigests(db: Db, now: Date, options: { baseUrl: string; quietHours: QuietHours | null }): Promise<number> {
  if (inQuietHours(now, options.quietHours)) return 0;
  const today = kstDate(now);
  const day = addDays(today, -1);
  const people = await db
    .selectFrom('forum_mail_settings as s')
    .innerJoin('users', 'users.id', 's.user_id')
    .select(['users.id', 'users.email', 'users.locale'])
    .where('s.mode', '=', 'daily')
    .where('users.deleted_at', 'is', null)
    .where('users.email', 'is not', null)
    .where(({ exists, not, selectFrom }) => not(exists(selectFrom('forum_digests').select('user_id').whereRef('forum_digests.user_id', '=', 'users.id').where('forum_digests.day', '=', day))))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('notifications')
          .select('id')
          .whereRef('notifications.user_id', '=', 'users.id')
          .where('notifications.kind', 'in', NEWS_KINDS)
          .where('notifications.created_at', '>=', kstMidnight(day))
          .where('notifications.created_at', '<', kstMidnight(today)),
      ),
    )
    .limit(PEOPLE_PER_RUN)
    .execute();
  let sent = 0;
  for (const person of people) {
    await db.transaction().execute(async (trx) => {
      const news = await trx
        .selectFrom('notifications')
        .select(['kind', 'params', 'link'])
        .where('user_id', '=', person.id)
        .where('kind', 'in', NEWS_KINDS)
        .where('created_at', '>=', kstMidnight(day))
        .where('created_at', '<', kstMidnight(today))
        .orderBy('id')
        .execute();
      const claimed = await trx.insertInto('forum_digests').values({ user_id: person.id, day, notices: news.length, sent_at: now }).onConflict((oc) => oc.doNothing()).returning('user_id').executeTakeFirst();
      if (!claimed || !news.length) return;
      const t = translator((person.locale === 'en' ? 'en' : 'ko') satisfies Locale);
      const lines = news.map((n) => `- ${t(n.kind as MessageKey, n.params)}\n  ${options.baseUrl}${n.link}`);
      await queueMail(trx, now, {
        to: person.email!,
        subject: `[${t('site.name')}] ${t('forum.digestSubject', { count: news.length, day })}`,
        text: `${t('forum.digestLead', { day })}\n\n${lines.join('\n')}\n\n${t('forum.digestChange', { link: `${options.baseUrl}/forum/mine#news-h` })}`,
      });
      sent++;
    });
  }
  return sent;
}
