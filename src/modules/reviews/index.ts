/** What other modules may use of `reviews`. */
export { reviewPages } from './reviews.pages.tsx';
export { featuredDemands } from './reviews.service.ts';
