import type { JobsTables } from '../jobs/jobs.tables.ts';
import type { AccountsTables } from '../modules/accounts/accounts.tables.ts';
import type { DemandsTables } from '../modules/demands/demands.tables.ts';
import type { ForumTables } from '../modules/forum/forum.tables.ts';
import type { DiscoveryTables } from '../modules/discovery/discovery.tables.ts';
import type { MatchesTables } from '../modules/matches/matches.tables.ts';
import type { NotificationsTables } from '../modules/notifications/notifications.tables.ts';
import type { OrgsTables } from '../modules/orgs/orgs.tables.ts';
import type { BriefingsTables } from '../modules/briefings/briefings.tables.ts';
import type { RecognitionTables } from '../modules/recognition/recognition.tables.ts';
import type { ReviewsTables } from '../modules/reviews/reviews.tables.ts';
import type { SosTables } from '../modules/sos/sos.tables.ts';
import type { TasksTables } from '../modules/tasks/tasks.tables.ts';
import type { SubscriptionsTables } from '../modules/subscriptions/subscriptions.tables.ts';
import type { SharedTables } from '../shared/shared.tables.ts';
import type { ApiTables } from '../modules/api/api.tables.ts';
import type { WebhooksTables } from '../modules/webhooks/webhooks.tables.ts';
import type { StatsTables } from '../modules/stats/stats.tables.ts';

/** The whole database: each module contributes its own slice. */
export type DB = SharedTables & JobsTables & AccountsTables & OrgsTables & NotificationsTables & DemandsTables & MatchesTables & DiscoveryTables & SubscriptionsTables & ReviewsTables & BriefingsTables & RecognitionTables & TasksTables & SosTables & ForumTables & ApiTables & WebhooksTables & StatsTables;
