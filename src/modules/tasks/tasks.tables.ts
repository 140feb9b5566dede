import type { Generated } from 'kysely';

export const CADENCES = ['monthly', 'quarterly'] as const;
export type Cadence = (typeof CADENCES)[number];

/** A year's programme (협업과제 연간 추진): when tasks may be registered and how often they report. */
export interface TaskProgrammesTable {
  year: number;
  intake_opens_on: string;
  intake_closes_on: string;
  /** 중점 협업과제: monthly by default. */
  key_cadence: Generated<Cadence>;
  /** 기관관리 협업과제: quarterly by default. */
  managed_cadence: Generated<Cadence>;
  /** A period's report is due this many days after the period ends. */
  report_grace_days: Generated<number>;
  created_by: number | null;
  created_at: Date;
}

export const TASK_STATUSES = ['draft', 'registered', 'withdrawn', 'completed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 중점 (key, run by a TF) or 기관관리 (agency-managed, still monitored); null until selection. */
export const TASK_KINDS = ['key', 'managed'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** 협업과제. */
export interface TasksTable {
  id: Generated<number>;
  year: number;
  title: string;
  problem: string;
  /** 국민 체감 효과: the benefit citizens will feel. */
  benefit: string;
  lead_org_id: number;
  /** The concluded match it grew out of, if any. */
  match_id: number | null;
  /** The adopted citizen proposal (국민포럼) it grew out of, if any; one task per proposal. */
  proposal_id: Generated<number | null>;
  target_regions: Generated<string[]>;
  starts_on: string;
  ends_on: string;
  status: Generated<TaskStatus>;
  kind: TaskKind | null;
  kind_reason: string | null;
  selected_at: Date | null;
  selected_by: number | null;
  /** The charter version in force; 0 until the TF forms. */
  charter_version: Generated<number>;
  /** 성과: public, in Markdown. */
  results: Generated<string>;
  /** The earliest period without a report, and its due day (kept on selection and on each report). */
  next_report_period: string | null;
  next_report_due_on: string | null;
  /** The RAG status of the newest report. */
  latest_rag: Rag | null;
  /** The earliest due day of a milestone not done: before today, the task is slipping. */
  first_open_milestone_on: string | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface TaskThemesTable {
  task_id: number;
  theme_id: number;
}

export type TaskOrgRole = 'lead' | 'partner';
export type TaskOrgStatus = 'invited' | 'accepted' | 'declined';

/** The organisations of a task: its lead, and partners who accept or decline their invitation. */
export interface TaskOrgsTable {
  task_id: number;
  org_id: number;
  role: TaskOrgRole;
  status: TaskOrgStatus;
  contribution: Generated<string>;
  decline_reason: string | null;
  invited_at: Date;
  answered_at: Date | null;
  answered_by: number | null;
}

/** A goal's indicator (성과지표): from a baseline to a target by a day. */
export interface TaskIndicatorsTable {
  id: Generated<number>;
  task_id: number;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  due_on: string;
  position: number;
}

export interface TaskMilestonesTable {
  id: Generated<number>;
  task_id: number;
  title: string;
  due_on: string;
  owner_org_id: number;
  done_on: string | null;
  position: number;
}

/** A version of the TF's charter (goals and plan) as it stood; agreements name the version they agree to. */
export interface TaskChartersTable {
  task_id: number;
  version: number;
  indicators: unknown;
  milestones: unknown;
  created_by: number | null;
  created_at: Date;
}

export interface TaskCharterAgreementsTable {
  task_id: number;
  version: number;
  org_id: number;
  agreed_by: number | null;
  agreed_at: Date;
}

/** A TF member: a person of one of the task's organisations, or the ministry's liaison (an operator). */
export interface TfMembersTable {
  task_id: number;
  user_id: number;
  org_id: number | null;
  role: 'member' | 'liaison';
  added_by: number | null;
  added_at: Date;
}

export interface TfMeetingsTable {
  id: Generated<number>;
  task_id: number;
  held_on: string;
  title: string;
  agenda: string;
  decisions: Generated<string>;
  recorded_by: number | null;
  created_at: Date;
}

export interface TfActionItemsTable {
  id: Generated<number>;
  meeting_id: number;
  task_id: number;
  title: string;
  owner_org_id: number;
  due_on: string;
  done_at: Date | null;
}

export interface TfMessagesTable {
  id: Generated<number>;
  task_id: number;
  org_id: number | null;
  author_id: number | null;
  body: string;
  created_at: Date;
}

export const RAG = ['green', 'amber', 'red'] as const;
export type Rag = (typeof RAG)[number];

/** A progress report for one period ('2026-11' monthly, '2026-Q4' quarterly). */
export interface TaskReportsTable {
  id: Generated<number>;
  task_id: number;
  period: string;
  due_on: string;
  rag: Rag;
  summary: string;
  /** The TF chose to show the summary on the public task page. */
  summary_public: Generated<boolean>;
  difficulties: Generated<string>;
  /** What the TF asks of the ministry. */
  asks: Generated<string>;
  milestones_done: Generated<number>;
  submitted_by: number | null;
  submitted_at: Date;
}

export interface TaskReportValuesTable {
  report_id: number;
  indicator_id: number;
  value: number;
}

export interface TaskReportNoticesTable {
  task_id: number;
  period: string;
  kind: 'due' | 'late';
  sent_at: Date;
}

export const STAFFING_DECISIONS = ['approved', 'partly', 'declined'] as const;
export type StaffingStatus = 'pending' | (typeof STAFFING_DECISIONS)[number];

/** 협업정원: positions a task asks for, decided by an operator. */
export interface TaskStaffingRequestsTable {
  id: Generated<number>;
  task_id: number;
  positions: number;
  role: string;
  from_org_id: number;
  months: number;
  justification: string;
  status: Generated<StaffingStatus>;
  granted_positions: number | null;
  decision_reason: string | null;
  requested_by: number | null;
  created_at: Date;
  decided_by: number | null;
  decided_at: Date | null;
}

export interface TaskStaffingIndicatorsTable {
  request_id: number;
  indicator_id: number;
}

export interface TasksTables {
  task_programmes: TaskProgrammesTable;
  tasks: TasksTable;
  task_themes: TaskThemesTable;
  task_orgs: TaskOrgsTable;
  task_indicators: TaskIndicatorsTable;
  task_milestones: TaskMilestonesTable;
  task_charters: TaskChartersTable;
  task_charter_agreements: TaskCharterAgreementsTable;
  tf_members: TfMembersTable;
  tf_meetings: TfMeetingsTable;
  tf_action_items: TfActionItemsTable;
  tf_messages: TfMessagesTable;
  task_reports: TaskReportsTable;
  task_report_values: TaskReportValuesTable;
  task_report_notices: TaskReportNoticesTable;
  task_staffing_requests: TaskStaffingRequestsTable;
  task_staffing_indicators: TaskStaffingIndicatorsTable;
}
