/** What other modules may use of `discovery`. */
export { dashboardSuggestionsSection, demandPartnersSection, demandSimilarSection, discoveryPages } from './discovery.pages.tsx';
