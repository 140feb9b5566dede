import type { Generated } from 'kysely';

/** One KST month's cohort (demands first published in it) followed to `refreshed_at`: `CohortFigures`. */
export interface StatsMonthsTable {
  /** 'YYYY-MM'. */
  month: string;
  figures: unknown;
  /** Bit n set: organisation n replied to a demand of the cohort. */
  replier_orgs: Buffer;
  refreshed_at: Date;
}

/** A month whose row is out of date, marked by triggers on the demand log and on organisations. */
export interface StatsStaleMonthsTable {
  id: Generated<number>;
  month: string;
}

export interface StatsTables {
  stats_months: StatsMonthsTable;
  stats_stale_months: StatsStaleMonthsTable;
}
