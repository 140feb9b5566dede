/**
 * A proposal's stages in time: when each window ends, when the answer is due, and what stage a
 * proposal is in at a given instant. Pure, so the pages, the services and the sweep agree.
 *
 * Windows (사전 검토 aside) are counted in calendar days and end at a KST midnight: a window of D
 * days starting at an instant runs to the end of the D-th day after the day it starts (a window
 * starting exactly at midnight gets D whole days). The check and the answer are promised by the
 * administration, so they count in Korean legal business time (민원처리법 시행령 제19조 via
 * `deadlineOf`: up to five days in working hours, six or more in working days).
 */
import { addBusinessHours, type Calendar, deadlineOf } from '../../shared/business-time.ts';
import { addDays, kstDate, kstMidnight } from '../../shared/dates.ts';
import type { ForumSettingsTable, ProposalStatus } from './forum.tables.ts';

export type ForumSettings = Omit<ForumSettingsTable, 'id'>;

export const DEFAULT_SETTINGS: ForumSettings = { check_hours: 16, discussion_days: 7, support_needed: 100, support_days: 30, answer_days: 30, report_hours: 8 };

/** The KST midnight ending a window of `days` calendar days that starts at `from`. */
export function windowEnd(from: Date, days: number): Date {
  return kstMidnight(addDays(kstDate(new Date(from.getTime() - 1)), days + 1));
}

/** 사전 검토's due time for a proposal submitted at `at`. */
export function checkDue(at: Date, settings: ForumSettings, calendar: Calendar): Date {
  return addBusinessHours(at, settings.check_hours, calendar);
}

/** The windows a proposal published at `at` gets: discussion (none with 0 days), then supports. */
export function publicationWindows(at: Date, settings: ForumSettings) {
  const discussionEnds = settings.discussion_days > 0 ? windowEnd(at, settings.discussion_days) : at;
  return { published_at: at, discussion_ends_at: discussionEnds, support_ends_at: windowEnd(discussionEnds, settings.support_days), support_needed: settings.support_needed };
}

/** The answer's due time once the supports came in at `at` (민원처리법 시행령 제19조). */
export function answerDue(at: Date, settings: ForumSettings, calendar: Calendar): Date {
  return deadlineOf(at, settings.answer_days, calendar);
}

export interface StageFacts {
  status: ProposalStatus;
  discussion_ends_at: Date | null;
  support_ends_at: Date | null;
  answer_due_at: Date | null;
  /** Hidden by moderation: it takes no more supports or points. */
  hidden_at?: Date | null;
}

/**
 * The stage at `now`: the stored status, moved on by the windows that have passed since the sweep
 * last ran (discussion → support → expired), so no page shows a closed window as open.
 */
export function stageAt(p: StageFacts, now: Date): ProposalStatus {
  if ((p.status === 'discussion' || p.status === 'support') && p.support_ends_at && now >= p.support_ends_at) return 'expired';
  if (p.status === 'discussion' && p.discussion_ends_at && now >= p.discussion_ends_at) return 'support';
  return p.status;
}

/** Supports are taken (and withdrawn) from the end of the discussion until the support window closes or an answer comes. */
export function supportOpen(p: StageFacts, now: Date): boolean {
  const stage = stageAt(p, now);
  return !p.hidden_at && (stage === 'support' || stage === 'review') && p.support_ends_at !== null && now < p.support_ends_at;
}

/** Points are made while the proposal is public and unanswered. */
export function deliberationOpen(p: StageFacts, now: Date): boolean {
  const stage = stageAt(p, now);
  return !p.hidden_at && (stage === 'discussion' || stage === 'support' || stage === 'review');
}

/** The answer is overdue: the supports came and the due time passed without a decision. */
export function answerOverdue(p: StageFacts, now: Date): boolean {
  return p.status === 'review' && p.answer_due_at !== null && now > p.answer_due_at;
}
