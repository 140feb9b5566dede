/** What other modules may use of `reviews`. */
export { reviewsApi } from './reviews.api.ts';
export { reviewPages } from './reviews.pages.tsx';
export { featuredDemands } from './reviews.service.ts';
