import type { Migration } from 'kysely/migration';
import * as core from './0001-core.ts';
import * as accounts from './0002-accounts.ts';
import * as orgs from './0003-orgs.ts';
import * as orgsNewestIndex from './0004-orgs-newest-index.ts';
import * as demands from './0005-demands.ts';
import * as matches from './0006-matches.ts';
import * as notifications from './0007-notifications.ts';
import * as demandsActiveIndex from './0008-demands-active-index.ts';
import * as discovery from './0009-discovery.ts';
import * as orgWants from './0010-org-wants.ts';
import * as subscriptions from './0011-subscriptions.ts';
import * as reviews from './0012-reviews.ts';
import * as briefings from './0013-briefings.ts';
import * as recognition from './0014-recognition.ts';
import * as oneClock from './0015-one-clock.ts';
import * as uniqueRules from './0016-unique-rules.ts';
import * as briefingSequence from './0017-briefing-sequence.ts';
import * as discoveryLists from './0018-discovery-lists.ts';
import * as verificationRequested from './0019-verification-requested.ts';
import * as searchKoreanWords from './0020-search-korean-words.ts';
import * as formDrafts from './0021-form-drafts.ts';
import * as tasks from './0022-tasks.ts';
import * as businessClosures from './0023-business-closures.ts';
import * as sos from './0024-sos.ts';
import * as forum from './0025-forum.ts';
import * as taskProposals from './0026-task-proposals.ts';
import * as forumCountsNews from './0027-forum-counts-news.ts';
import * as apiTokens from './0028-api-tokens.ts';
import * as oidcIdentities from './0029-oidc-identities.ts';
import * as webhooks from './0030-webhooks.ts';
import * as statsRollups from './0031-stats-rollups.ts';
import * as repliesByDemand from './0032-replies-by-demand.ts';
import * as verificationQueueOrder from './0033-verification-queue-order.ts';
import * as usersStaff from './0034-users-staff.ts';
import * as sessionChanges from './0035-session-changes.ts';
import * as auditLogByAction from './0036-audit-log-by-action.ts';

/** Forward-only, applied in this order; a new migration is appended here, never inserted. */
export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-accounts': accounts,
  '0003-orgs': orgs,
  '0004-orgs-newest-index': orgsNewestIndex,
  '0005-demands': demands,
  '0006-matches': matches,
  '0007-notifications': notifications,
  '0008-demands-active-index': demandsActiveIndex,
  '0009-discovery': discovery,
  '0010-org-wants': orgWants,
  '0011-subscriptions': subscriptions,
  '0012-reviews': reviews,
  '0013-briefings': briefings,
  '0014-recognition': recognition,
  '0015-one-clock': oneClock,
  '0016-unique-rules': uniqueRules,
  '0017-briefing-sequence': briefingSequence,
  '0018-discovery-lists': discoveryLists,
  '0019-verification-requested': verificationRequested,
  '0020-search-korean-words': searchKoreanWords,
  '0021-form-drafts': formDrafts,
  '0022-tasks': tasks,
  '0023-business-closures': businessClosures,
  '0024-sos': sos,
  '0025-forum': forum,
  '0026-task-proposals': taskProposals,
  '0027-forum-counts-news': forumCountsNews,
  '0028-api-tokens': apiTokens,
  '0029-oidc-identities': oidcIdentities,
  '0030-webhooks': webhooks,
  '0031-stats-rollups': statsRollups,
  '0032-replies-by-demand': repliesByDemand,
  '0033-verification-queue-order': verificationQueueOrder,
  '0034-users-staff': usersStaff,
  '0035-session-changes': sessionChanges,
  '0036-audit-log-by-action': auditLogByAction,
};
