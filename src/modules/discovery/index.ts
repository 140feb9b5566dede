/** What other modules may use of `discovery`. */
export { demandPartnersSection, discoveryPages } from './discovery.pages.tsx';
