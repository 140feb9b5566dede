/** What other modules may use of `subscriptions`. */
export { sendDueDigests } from './digest.ts';
export { matchPublishedDemand } from './matching.ts';
export { subscriptionPages } from './subscriptions.pages.tsx';
