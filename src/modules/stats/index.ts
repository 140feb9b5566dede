/** What other modules may use of `stats`. */
export { statsPages } from './stats.pages.tsx';
export { type PeriodStats, periodStats } from './stats.service.ts';
