import type { Generated, GeneratedAlways } from 'kysely';

/**
 * A proposal's stage (단계): draft (작성) → checking (사전 검토; returned to the author with a reason,
 * or published) → discussion (공개 토론) → support (공감 모으기; expired when the supports needed do
 * not come in time) → review (검토: the supports came, the responsible body's answer is due) →
 * adopted (추진·반영) or not_adopted (불수용) → completed (완료). Withdrawn by its author before review;
 * merged into an earlier proposal saying the same.
 */
export const PROPOSAL_STATUSES = ['draft', 'checking', 'returned', 'discussion', 'support', 'expired', 'review', 'adopted', 'not_adopted', 'completed', 'withdrawn', 'merged'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Points of the deliberation: 찬성, 반대, 조건부 찬성 ("yes, if …"). */
export const SIDES = ['for', 'against', 'conditional'] as const;
export type Side = (typeof SIDES)[number];

/** The responsible body's decision: 수용, 일부 수용, 불수용, 추가 검토 (an extension with its reason). */
export const DECISIONS = ['accept', 'partial', 'reject', 'further'] as const;
export type Decision = (typeof DECISIONS)[number];

export const REPORT_REASONS = ['spam', 'personal', 'abuse', 'off_topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface ForumSettingsTable {
  id: Generated<boolean>;
  /** 사전 검토's target, in working hours. */
  check_hours: number;
  /** 공개 토론 before supports open, in calendar days (0: supports open at once). */
  discussion_days: number;
  /** Supports needed (N) within `support_days` calendar days (D). */
  support_needed: number;
  support_days: number;
  /** The answer's deadline, in days as 민원처리법 시행령 제19조 counts them. */
  answer_days: number;
  /** A report's target, in working hours. */
  report_hours: number;
}

export interface ForumCategoriesTable {
  id: Generated<number>;
  name: string;
  name_en: string;
  sort: Generated<number>;
  archived_at: Date | null;
}

export interface ForumProposalsTable {
  id: Generated<number>;
  author_id: number | null;
  /** The responsible ministry or body. */
  org_id: number;
  category_id: number;
  region_code: string | null;
  title: string;
  problem: string;
  proposal: string;
  effect: string;
  status: Generated<ProposalStatus>;
  search_vector: string;
  submitted_at: Date | null;
  check_due_at: Date | null;
  return_reason: string | null;
  published_at: Date | null;
  discussion_ends_at: Date | null;
  support_ends_at: Date | null;
  /** The threshold the proposal was published under. */
  support_needed: number | null;
  support_count: Generated<number>;
  /** Points per side (replies not counted), kept with each new point. */
  points_for: Generated<number>;
  points_against: Generated<number>;
  points_conditional: Generated<number>;
  /** Their sum, computed by the database. */
  points_count: GeneratedAlways<number>;
  reached_at: Date | null;
  answer_due_at: Date | null;
  answered_at: Date | null;
  overdue_noticed_at: Date | null;
  /** 논점 정리: the summary of the arguments, citing points as #id. */
  summary: string | null;
  summary_by: number | null;
  summary_at: Date | null;
  summary_sent_at: Date | null;
  completed_at: Date | null;
  result: string | null;
  closed_at: Date | null;
  merged_into_id: number | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ForumCoauthorsTable {
  proposal_id: number;
  user_id: number;
  accepted_at: Date | null;
  invited_at: Date;
}

export interface ForumSupportsTable {
  proposal_id: number;
  user_id: number;
  created_at: Date;
}

export interface ForumFollowsTable {
  proposal_id: number;
  user_id: number;
}

export interface ForumPointsTable {
  id: Generated<number>;
  proposal_id: number;
  /** A reply's point; replies have no side and no replies of their own. */
  parent_id: number | null;
  author_id: number | null;
  side: Side | null;
  body: string;
  source_url: string | null;
  helpful_count: Generated<number>;
  replies_count: Generated<number>;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
}

export interface ForumHelpfulTable {
  point_id: number;
  user_id: number;
}

export interface ForumAnswersTable {
  id: Generated<number>;
  proposal_id: number;
  org_id: number;
  author_id: number | null;
  decision: Decision;
  reasons: string;
  plan: Generated<string>;
  /** For 추가 검토: the due time it moved, and to when. */
  previous_due_at: Date | null;
  new_due_at: Date | null;
  /** Given by the due time in force when it was given. */
  on_time: boolean;
  /** The notice of it went to everyone concerned up to this user id (batches, in id order). */
  notified_through: Generated<number>;
  created_at: Date;
}

export interface ForumMilestonesTable {
  id: Generated<number>;
  answer_id: number;
  title: string;
  /** KST calendar days. */
  due_on: string;
  done_on: string | null;
}

export interface ForumReportsTable {
  id: Generated<number>;
  proposal_id: number;
  point_id: number | null;
  reporter_id: number | null;
  reason: ReportReason;
  detail: Generated<string>;
  status: Generated<'open' | 'upheld' | 'dismissed'>;
  due_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface ForumAppealsTable {
  id: Generated<number>;
  proposal_id: number;
  point_id: number | null;
  author_id: number | null;
  body: string;
  status: Generated<'open' | 'restored' | 'kept'>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Date;
}

/** How news of proposals reaches a citizen by mail (in-app always): at once, in a daily digest, or not. */
export type NewsMode = 'each' | 'daily' | 'off';

export interface ForumMailSettingsTable {
  user_id: number;
  mode: NewsMode;
  updated_at: Date;
}

export interface ForumDigestsTable {
  user_id: number;
  /** The KST day whose news it carried. */
  day: string;
  notices: number;
  sent_at: Date;
}

export interface ForumTables {
  forum_settings: ForumSettingsTable;
  forum_categories: ForumCategoriesTable;
  forum_proposals: ForumProposalsTable;
  forum_coauthors: ForumCoauthorsTable;
  forum_supports: ForumSupportsTable;
  forum_follows: ForumFollowsTable;
  forum_points: ForumPointsTable;
  forum_helpful: ForumHelpfulTable;
  forum_answers: ForumAnswersTable;
  forum_milestones: ForumMilestonesTable;
  forum_reports: ForumReportsTable;
  forum_appeals: ForumAppealsTable;
  forum_mail_settings: ForumMailSettingsTable;
  forum_digests: ForumDigestsTable;
}
