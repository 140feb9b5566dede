import { sql } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { pruneExpiredSessions } from '../modules/accounts/index.ts';
import { dropRejectedOrgFromAgendas, sendBriefingReminders } from '../modules/briefings/index.ts';
import { withdrawRejectedOrg } from '../modules/matches/index.ts';
import { ORG_REJECTED_JOB } from '../modules/orgs/index.ts';
import { announcePublishedDemand, sweepDeadlines } from '../modules/demands/index.ts';
import { ANONYMOUS, type Ctx } from '../shared/context.ts';
import { attachmentStorage } from '../shared/storage.ts';
import { backfillSimilar, DISCOVERY_REFRESH_JOB, refreshList } from '../modules/discovery/index.ts';
import { createMailTransport, mailSendHandler } from '../modules/notifications/index.ts';
import { pruneRateEvents } from '../shared/rate-limit.ts';
import { pruneFormDrafts } from '../shared/form-drafts.ts';
import { pruneFormSubmissions } from '../shared/unique.ts';
import { matchPublishedDemand, sendDueDigests } from '../modules/subscriptions/index.ts';
import { refreshRunningTasks, sendReportNotices, TASKS_REFRESH_JOB } from '../modules/tasks/index.ts';
import { sendSlaNotices } from '../modules/sos/index.ts';
import { FORUM_ANSWERED_JOB, FORUM_STAGES_JOB, sendAnswerNotices, sendNewsDigests, sweepStages } from '../modules/forum/index.ts';
import path from 'node:path';
import { backupDatabase, pruneBackups } from '../ops/backup.ts';
import { deliver, WEBHOOK_DELIVER_JOB } from '../modules/webhooks/index.ts';
import { refreshMarkedMonths, STATS_ROLLUP_EVERY_MS, STATS_ROLLUP_JOB } from '../modules/stats/index.ts';
import { pruneFinishedJobs } from './queue.ts';
import type { JobHandler } from './worker.ts';

const HOUR = 3600 * 1000;

/** Housekeeping. PGlite has no autovacuum, so the embedded database is vacuumed here. */
function maintenanceHandler(database: Database, now: () => Date): JobHandler {
  return {
    everyMs: 6 * HOUR,
    // Nothing to prune on a new database; at once, its VACUUM held a first start's pages ~0.4 s.
    firstRunAfterMs: HOUR,
    async run() {
      await pruneExpiredSessions(database.db, now());
      await pruneRateEvents(database.db, now());
      await pruneFormSubmissions(database.db, now());
      await pruneFormDrafts(database.db, now());
      await pruneFinishedJobs(database.db, now());
      if (database.kind === 'pglite') await sql`VACUUM ANALYZE`.execute(database.db);
    },
  };
}

/** The embedded database backs itself up daily while the server runs (it cannot be opened by a second process). */
function backupHandler(database: Database, dataDir: string, now: () => Date): JobHandler {
  const dir = path.join(dataDir, 'backups');
  return {
    everyMs: 24 * HOUR,
    // At once, a first start's backup held the embedded database ~1.4 s while its first pages waited.
    firstRunAfterMs: HOUR,
    async run() {
      await backupDatabase(database, dir, now());
      pruneBackups(dir, 7);
    },
  };
}

/** Deadline reminders and closing of demands nobody answered; hourly, so a day's deadline is met within the hour. */
function deadlinesHandler(db: Database['db'], baseUrl: string, now: () => Date): JobHandler {
  return {
    everyMs: HOUR,
    async run() {
      await sweepDeadlines({ db, now, baseUrl, actor: ANONYMOUS });
    },
  };
}

/** A newly published demand is matched against everyone's subscriptions and webhooks. */
function demandPublishedHandler(db: Database['db'], baseUrl: string, now: () => Date, discovery: () => Ctx): JobHandler {
  return {
    async run(job) {
      await matchPublishedDemand(db, now(), Number(job.payload.demandId));
      await announcePublishedDemand(db, now(), baseUrl, Number(job.payload.demandId));
      // Its similar demands are ready before anyone opens its page.
      await refreshList(discovery(), 'similar', Number(job.payload.demandId));
    },
  };
}

/** Stored lists past their freshness are worked out again; demands without one get one, newest first. */
function discoveryHandlers(discovery: () => Ctx): Record<string, JobHandler> {
  return {
    [DISCOVERY_REFRESH_JOB]: {
      async run(job) {
        await refreshList(discovery(), job.payload.kind === 'suggestions' ? 'suggestions' : 'similar', Number(job.payload.subjectId));
      },
    },
    'discovery.backfill': {
      everyMs: 10 * 60 * 1000,
      async run() {
        await backfillSimilar(discovery());
      },
    },
  };
}

/** Digests are looked at every five minutes: "immediately" means within five, a day's or week's go out when it ends. */
function digestHandler(db: Database['db'], config: Config, now: () => Date): JobHandler {
  return {
    everyMs: 5 * 60 * 1000,
    async run() {
      await sendDueDigests(db, now(), { baseUrl: config.baseUrl, secret: config.sessionSecret, quietHours: config.quietHours });
    },
  };
}

/** The day-before reminders of briefings; every ten minutes, outside quiet hours. */
function briefingRemindersHandler(db: Database['db'], config: Config, now: () => Date): JobHandler {
  return {
    everyMs: 10 * 60 * 1000,
    async run() {
      await sendBriefingReminders(db, now(), { baseUrl: config.baseUrl, quietHours: config.quietHours });
    },
  };
}

/** Collaboration task reports: reminders before a due day, a notice to the ministry after it; hourly, outside quiet hours. */
function taskReportNoticesHandler(db: Database['db'], config: Config, now: () => Date): JobHandler {
  return {
    everyMs: HOUR,
    async run() {
      await sendReportNotices(db, now(), { baseUrl: config.baseUrl, quietHours: config.quietHours });
    },
  };
}

/** 협업SOS targets: warnings at 75 % and escalations at breach; every five minutes, outside quiet hours. */
function sosSlaHandler(db: Database['db'], config: Config, now: () => Date): JobHandler {
  return {
    everyMs: 5 * 60 * 1000,
    async run() {
      await sendSlaNotices(db, now(), { baseUrl: config.baseUrl, quietHours: config.quietHours });
    },
  };
}

/** 국민포럼: windows that passed move proposals on, overdue answers are told; every five minutes, outside quiet hours. */
function forumStagesHandler(db: Database['db'], config: Config, now: () => Date): JobHandler {
  return {
    everyMs: 5 * 60 * 1000,
    async run() {
      await sweepStages(db, now(), { baseUrl: config.baseUrl, quietHours: config.quietHours });
    },
  };
}

/** Yesterday's forum news to those who chose a daily digest; every ten minutes, outside quiet hours. */
function forumDigestHandler(db: Database['db'], config: Config, now: () => Date): JobHandler {
  return {
    everyMs: 10 * 60 * 1000,
    async run() {
      await sendNewsDigests(db, now(), { baseUrl: config.baseUrl, quietHours: config.quietHours });
    },
  };
}

/** An answer to a proposal, told to its authors, followers and supporters in batches (each once). */
function forumAnsweredHandler(db: Database['db'], baseUrl: string, now: () => Date): JobHandler {
  return {
    async run(job) {
      await sendAnswerNotices(db, now, baseUrl, Number(job.payload.answerId));
    },
  };
}

/** Every running task's kept due days again, after a programme's or the calendar's change. */
function tasksRefreshHandler(db: Database['db']): JobHandler {
  return {
    async run() {
      await refreshRunningTasks(db);
    },
  };
}

/**
 * A refused organisation's live demands and replies are withdrawn with notice and its upcoming agenda
 * places given up, in one transaction: the job is retried whole if any of it fails.
 */
function orgRejectedHandler(db: Database['db'], baseUrl: string, now: () => Date): JobHandler {
  return {
    async run(job) {
      const orgId = Number(job.payload.orgId);
      await db.transaction().execute(async (trx) => {
        await withdrawRejectedOrg({ actor: ANONYMOUS, now, baseUrl }, trx, orgId);
        await dropRejectedOrgFromAgendas(trx, now(), orgId);
      });
    },
  };
}

/** Statistics: months whose demands' log moved are worked out again for the monthly rollups. */
function statsRollupHandler(db: Database['db'], now: () => Date): JobHandler {
  return {
    everyMs: STATS_ROLLUP_EVERY_MS,
    async run() {
      await refreshMarkedMonths(db, now());
    },
  };
}

/** One webhook delivery; a failure is retried by the queue with backoff, the last one marks it failed. */
function webhookDeliverHandler(db: Database['db'], allowPrivate: boolean, now: () => Date): JobHandler {
  return {
    async run(job) {
      await deliver(db, now(), Number(job.payload.deliveryId), { number: job.attempts, last: job.attempts >= job.max_attempts }, allowPrivate);
    },
  };
}

export function jobHandlers(config: Config, database: Database, now: () => Date): Record<string, JobHandler> {
  // Work done for everyone (public similar demands, an organisation's suggestions) acts as nobody.
  const files = attachmentStorage(config.dataDir);
  const discovery = (): Ctx => ({ actor: ANONYMOUS, db: database.db, now, baseUrl: config.baseUrl, files });
  return {
    'demand.published': demandPublishedHandler(database.db, config.baseUrl, now, discovery),
    ...discoveryHandlers(discovery),
    'subscriptions.digest': digestHandler(database.db, config, now),
    'demands.deadlines': deadlinesHandler(database.db, config.baseUrl, now),
    'briefings.reminders': briefingRemindersHandler(database.db, config, now),
    'tasks.reportNotices': taskReportNoticesHandler(database.db, config, now),
    [TASKS_REFRESH_JOB]: tasksRefreshHandler(database.db),
    'sos.sla': sosSlaHandler(database.db, config, now),
    [FORUM_STAGES_JOB]: forumStagesHandler(database.db, config, now),
    [FORUM_ANSWERED_JOB]: forumAnsweredHandler(database.db, config.baseUrl, now),
    'forum.digest': forumDigestHandler(database.db, config, now),
    [ORG_REJECTED_JOB]: orgRejectedHandler(database.db, config.baseUrl, now),
    [WEBHOOK_DELIVER_JOB]: webhookDeliverHandler(database.db, config.webhookPrivateTargets, now),
    [STATS_ROLLUP_JOB]: statsRollupHandler(database.db, now),
    'mail.send': mailSendHandler(database.db, createMailTransport(config.smtpUrl), config.mailFrom, now),
    maintenance: maintenanceHandler(database, now),
    ...(database.kind === 'pglite' ? { backup: backupHandler(database, config.dataDir, now) } : {}),
  };
}
