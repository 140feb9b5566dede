/**
 * "What happens next, and when": a proposal's stages as a list of steps, each done (with its date),
 * current (with its due time), upcoming (with the duration the settings promise) or not reached.
 * Pure; the page renders it as an ordered list.
 */
import type { ProposalStatus } from './forum.tables.ts';
import { answerOverdue, stageAt } from './stages.ts';

export type StepKey = 'draft' | 'check' | 'discussion' | 'support' | 'review' | 'answer' | 'outcome' | 'completed';
export type StepState = 'done' | 'current' | 'upcoming' | 'missed';

export interface Step {
  key: StepKey;
  state: StepState;
  /** When it was done, or when the current step ends or is due. */
  at: Date | null;
  /** The current step is late (an answer past its due time). */
  late: boolean;
}

export interface TimelineFacts {
  status: ProposalStatus;
  created_at: Date;
  submitted_at: Date | null;
  check_due_at: Date | null;
  published_at: Date | null;
  discussion_ends_at: Date | null;
  support_ends_at: Date | null;
  reached_at: Date | null;
  answer_due_at: Date | null;
  answered_at: Date | null;
  completed_at: Date | null;
}

const ORDER: StepKey[] = ['draft', 'check', 'discussion', 'support', 'review', 'answer', 'outcome', 'completed'];

/** The step a stage is in. */
const CURRENT: Partial<Record<ProposalStatus, StepKey>> = {
  draft: 'draft',
  returned: 'draft',
  checking: 'check',
  discussion: 'discussion',
  support: 'support',
  review: 'answer',
  adopted: 'completed',
};

export function timeline(p: TimelineFacts, now: Date): Step[] {
  const stage = stageAt(p, now);
  const current = CURRENT[stage];
  const currentIndex = current ? ORDER.indexOf(current) : -1;
  const doneAt: Record<StepKey, Date | null> = {
    draft: p.submitted_at,
    check: p.published_at,
    discussion: p.discussion_ends_at && p.discussion_ends_at <= now ? p.discussion_ends_at : null,
    support: p.reached_at,
    review: p.reached_at,
    answer: p.answered_at,
    outcome: p.answered_at,
    completed: p.completed_at,
  };
  const dueAt: Partial<Record<StepKey, Date | null>> = { check: p.check_due_at, discussion: p.discussion_ends_at, support: p.support_ends_at, answer: p.answer_due_at };
  const steps = ORDER.map((key, i): Step => {
    if (current && i < currentIndex) return { key, state: 'done', at: doneAt[key], late: false };
    if (key === current) return { key, state: 'current', at: dueAt[key] ?? null, late: key === 'answer' && answerOverdue(p, now) };
    if (current) return { key, state: 'upcoming', at: null, late: false };
    // A stage that ended the way: done up to where it stopped, missed after.
    const done = doneAt[key] !== null && (key !== 'completed' || stage === 'completed');
    return { key, state: done ? 'done' : 'missed', at: doneAt[key], late: false };
  });
  // Without a discussion window (0 days), the step is not shown at all.
  return p.published_at && p.discussion_ends_at && p.discussion_ends_at <= p.published_at ? steps.filter((s) => s.key !== 'discussion') : steps;
}
