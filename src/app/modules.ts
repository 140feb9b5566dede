import type { FastifyInstance } from 'fastify';
import { accountPages } from '../modules/accounts/accounts.pages.tsx';
import { adminPages } from '../modules/admin/admin.pages.tsx';
import { briefingPages } from '../modules/briefings/index.ts';
import { demandPages } from '../modules/demands/index.ts';
import { dashboardSuggestionsSection, demandPartnersSection, demandSimilarSection, discoveryPages } from '../modules/discovery/index.ts';
import { demandMatchSection, matchPages } from '../modules/matches/index.ts';
import { notificationPages } from '../modules/notifications/index.ts';
import { homePages } from '../modules/home/home.pages.tsx';
import { openDataPages } from '../modules/opendata/index.ts';
import { orgsApi } from '../modules/orgs/orgs.api.ts';
import { orgPages } from '../modules/orgs/orgs.pages.tsx';
import { recognitionPages } from '../modules/recognition/index.ts';
import { reviewPages } from '../modules/reviews/index.ts';
import { statsPages } from '../modules/stats/index.ts';
import { subscriptionPages } from '../modules/subscriptions/index.ts';
import { sosPages } from '../modules/sos/index.ts';
import { proposalTaskSection, taskPages } from '../modules/tasks/index.ts';
import { forumPages } from '../modules/forum/index.ts';

/** Every module's routes, registered in this order. A new module is added here, nowhere else. */
export const modules: ((app: FastifyInstance) => Promise<void>)[] = [
  homePages,
  accountPages,
  orgPages,
  orgsApi,
  demandPages({ demand: [demandSimilarSection, demandPartnersSection, demandMatchSection], dashboard: [dashboardSuggestionsSection] }),
  matchPages,
  discoveryPages,
  notificationPages,
  subscriptionPages,
  statsPages,
  openDataPages,
  reviewPages,
  briefingPages,
  recognitionPages,
  taskPages,
  sosPages,
  forumPages({ proposal: [proposalTaskSection] }),
  adminPages,
];
