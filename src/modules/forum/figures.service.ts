/**
 * 국민포럼 figures: how many proposals were published, reached their supports and were answered, how
 * many answers came on time (every answer of the proposal, an extension included, given by the due
 * time then in force), the median days from reaching the supports to the decision, and how many
 * answers are overdue now. Counts and durations only, no one's name. One query for the period.
 */
import { sql } from 'kysely';
import type { Db } from '../../shared/context.ts';
import { addDays, kstMidnight } from '../../shared/dates.ts';

export interface ForumFigures {
  published: number;
  reached: number;
  /** Reached proposals whose answer was due by now, or came. */
  answerDue: number;
  answered: number;
  answeredOnTime: number;
  /** Calendar days from reaching the supports to the decision, median; null when none was decided. */
  medianDaysToAnswer: number | null;
  overdueNow: number;
}

const DAY_SECONDS = 86_400;

/** The figures of proposals published from `from` to `to` (KST days, both included), as of `now`. */
export async function forumFigures(db: Db, from: string, to: string, now: Date): Promise<ForumFigures> {
  const row = await db
    .selectFrom('forum_proposals as p')
    .where('p.published_at', '>=', kstMidnight(from))
    .where('p.published_at', '<', kstMidnight(addDays(to, 1)))
    .select((eb) => [
      eb.fn.countAll<number>().as('published'),
      sql<number>`count(*) FILTER (WHERE p.reached_at IS NOT NULL)`.as('reached'),
      sql<number>`count(*) FILTER (WHERE p.reached_at IS NOT NULL AND (p.answered_at IS NOT NULL OR p.answer_due_at <= ${now}))`.as('answer_due'),
      sql<number>`count(*) FILTER (WHERE p.reached_at IS NOT NULL AND p.answered_at IS NOT NULL)`.as('answered'),
      sql<number>`count(*) FILTER (WHERE p.reached_at IS NOT NULL AND p.answered_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM forum_answers a WHERE a.proposal_id = p.id AND NOT a.on_time))`.as('on_time'),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.answered_at - p.reached_at))
        FILTER (WHERE p.reached_at IS NOT NULL AND p.answered_at IS NOT NULL)`.as('median_seconds'),
      sql<number>`count(*) FILTER (WHERE p.status = 'review' AND p.answer_due_at < ${now})`.as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  const median = row.median_seconds === null ? null : Math.round((Number(row.median_seconds) / DAY_SECONDS) * 10) / 10;
  return {
    published: Number(row.published),
    reached: Number(row.reached),
    answerDue: Number(row.answer_due),
    answered: Number(row.answered),
    answeredOnTime: Number(row.on_time),
    medianDaysToAnswer: median,
    overdueNow: Number(row.overdue),
  };
}

/**
 * Public proposals with their stage, supports, points per side and their answer's timeliness: the
 * open data file's rows, `limit` of them after proposal `afterId` in id order (a page of the file).
 */
export function openProposalRows(db: Db, afterId = 0, limit = 1_000_000) {
  return db
    .selectFrom('forum_proposals as p')
    .innerJoin('orgs', 'orgs.id', 'p.org_id')
    .innerJoin('forum_categories as c', 'c.id', 'p.category_id')
    .select([
      'p.id',
      'p.title',
      'p.status',
      'p.region_code',
      'p.published_at',
      'p.support_count',
      'p.support_needed',
      'p.reached_at',
      'p.answer_due_at',
      'p.answered_at',
      'orgs.name as org',
      'c.name as category',
      'p.points_for',
      'p.points_against',
      'p.points_conditional',
      sql<string | null>`(SELECT a.decision FROM forum_answers a WHERE a.proposal_id = p.id AND a.decision <> 'further' ORDER BY a.id DESC LIMIT 1)`.as('decision'),
      sql<boolean | null>`CASE WHEN p.answered_at IS NULL THEN NULL ELSE NOT EXISTS (SELECT 1 FROM forum_answers a WHERE a.proposal_id = p.id AND NOT a.on_time) END`.as('on_time'),
    ])
    .where('p.published_at', 'is not', null)
    .where('p.hidden_at', 'is', null)
    .where('p.id', '>', afterId)
    .orderBy('p.id')
    .limit(limit)
    .execute();
}
