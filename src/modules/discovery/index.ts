/** What other modules may use of `discovery`. */
export { dashboardSuggestionsSection, demandPartnersSection, demandSimilarSection, discoveryPages } from './discovery.pages.tsx';
export { backfillSimilar, refreshList } from './lists.service.ts';
export { REFRESH_JOB as DISCOVERY_REFRESH_JOB } from './stored-lists.ts';
