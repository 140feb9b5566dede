import type { Generated, JSONColumnType } from 'kysely';

/** A unit of background work, claimed with FOR UPDATE SKIP LOCKED so N workers never run one twice. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: JSONColumnType<Record<string, unknown>>;
  run_at: Date;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  last_error: string | null;
  /** At most one unfinished job per key: recurring work is scheduled idempotently. */
  singleton_key: string | null;
  done_at: Date | null;
  /** Set when the last attempt failed; the job is then kept for inspection only. */
  failed_at: Date | null;
  created_at: Date;
}

export interface JobsTables {
  jobs: JobsTable;
}
