import type { Generated } from 'kysely';

export const ACTIVITIES = ['publish', 'reply', 'conclude', 'present'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** Points an organisation earns per activity; the operator sets them. */
export interface ActivityWeightsTable {
  activity: Activity;
  points: number;
}

export const AWARD_CATEGORIES = ['person', 'org', 'campaign'] as const;
export type AwardCategory = (typeof AWARD_CATEGORIES)[number];

/** An award the operator records: 협업인재상 to a person of an organisation, a campaign prize… */
export interface AwardsTable {
  id: Generated<number>;
  title: string;
  category: AwardCategory;
  /** The person honoured, for a person's award. */
  recipient_name: string | null;
  org_id: number | null;
  reason: string;
  awarded_on: string;
  created_by: number | null;
  created_at: Date;
}

export interface RecognitionTables {
  activity_weights: ActivityWeightsTable;
  awards: AwardsTable;
}
