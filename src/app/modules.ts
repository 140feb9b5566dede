import type { FastifyInstance } from 'fastify';
import type { Feature } from '../config.ts';
import { accountPages } from '../modules/accounts/accounts.pages.tsx';
import { adminPages } from '../modules/admin/admin.pages.tsx';
import { apiPages, apiSelf, apiV1 } from '../modules/api/index.ts';
import { briefingPages, briefingsApi } from '../modules/briefings/index.ts';
import { demandPages, demandsApi, savedListQuery } from '../modules/demands/index.ts';
import { dashboardSuggestionsSection, demandPartnersSection, demandSimilarSection, discoveryPages } from '../modules/discovery/index.ts';
import { forumApi, forumPages } from '../modules/forum/index.ts';
import { homePages } from '../modules/home/home.pages.tsx';
import { demandMatchSection, matchesApi, matchPages } from '../modules/matches/index.ts';
import { notificationPages } from '../modules/notifications/index.ts';
import { openDataPages } from '../modules/opendata/index.ts';
import { orgsApi } from '../modules/orgs/orgs.api.ts';
import { orgPages } from '../modules/orgs/orgs.pages.tsx';
import { recognitionPages } from '../modules/recognition/index.ts';
import { reviewPages, reviewsApi } from '../modules/reviews/index.ts';
import { sosApi, sosPages } from '../modules/sos/index.ts';
import { statsPages } from '../modules/stats/index.ts';
import { subscriptionPages } from '../modules/subscriptions/index.ts';
import { proposalTaskSection, taskPages, tasksApi } from '../modules/tasks/index.ts';
import { webhookPages } from '../modules/webhooks/index.ts';

type Register = (app: FastifyInstance) => Promise<void>;

/**
 * Every module's routes, registered in this order, each with the features it belongs to (none: the
 * core, always on). A module is registered when any of its features is on (`MODULES`). A new module
 * is added here, nowhere else.
 */
const MODULES: [Register, Feature[]][] = [
  [homePages, []],
  [accountPages, []],
  [orgPages, []],
  [apiPages, []],
  [apiV1(apiSelf), []],
  [apiV1(orgsApi), []],
  [apiV1(demandsApi), ['demands']],
  [apiV1(matchesApi), ['demands']],
  [apiV1(briefingsApi), ['demands']],
  [apiV1(reviewsApi), ['demands', 'tasks']],
  [apiV1(tasksApi), ['tasks']],
  [apiV1(sosApi), ['sos']],
  [apiV1(forumApi), ['forum']],
  [demandPages({ demand: [demandSimilarSection, demandPartnersSection, demandMatchSection], dashboard: [dashboardSuggestionsSection] }), ['demands']],
  [matchPages, ['demands']],
  [discoveryPages, ['demands']],
  [notificationPages, []],
  [subscriptionPages, ['demands']],
  [statsPages, []],
  [openDataPages, []],
  [reviewPages, ['demands', 'tasks']],
  [briefingPages, ['demands']],
  [recognitionPages, ['demands']],
  [taskPages, ['tasks']],
  [sosPages, ['sos']],
  [forumPages({ proposal: [proposalTaskSection] }), ['forum']],
  [webhookPages(savedListQuery), []],
  [adminPages, []],
];

/** The modules an installation offering `features` registers, in order. */
export function modulesOf(features: ReadonlySet<Feature>): Register[] {
  return MODULES.filter(([, of]) => of.length === 0 || of.some((feature) => features.has(feature))).map(([register]) => register);
}
