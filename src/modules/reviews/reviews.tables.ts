import type { Generated } from 'kysely';

export type RoundStatus = 'draft' | 'open' | 'closed';

/** 전문가 심사: a round of expert review over candidate items. */
export interface ReviewRoundsTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  status: Generated<RoundStatus>;
  created_by: number | null;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
}

export interface ReviewCriteriaTable {
  id: Generated<number>;
  round_id: number;
  name: string;
  /** Relative weight, 1–100. */
  weight: number;
}

/** What is reviewed: a demand today; collaboration tasks later, through `subject_type`. */
export interface ReviewItemsTable {
  id: Generated<number>;
  round_id: number;
  subject_type: 'demand' | 'task';
  subject_id: number;
  /** Chosen as a featured item (주요 과제) of the round. */
  featured_at: Date | null;
}

export interface ReviewReviewersTable {
  round_id: number;
  reviewer_id: number;
}

/** One reviewer on one item: the conflict declaration, then the comment and the submission. */
export interface ReviewAssignmentsTable {
  item_id: number;
  reviewer_id: number;
  conflict: 'none' | 'declared' | null;
  conflict_reason: string | null;
  comment: Generated<string>;
  submitted_at: Date | null;
}

export interface ReviewScoresTable {
  item_id: number;
  reviewer_id: number;
  criterion_id: number;
  score: number;
}

export interface ReviewsTables {
  review_rounds: ReviewRoundsTable;
  review_criteria: ReviewCriteriaTable;
  review_items: ReviewItemsTable;
  review_reviewers: ReviewReviewersTable;
  review_assignments: ReviewAssignmentsTable;
  review_scores: ReviewScoresTable;
}
