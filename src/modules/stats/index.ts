/** What other modules may use of `stats`. */
export { statsPages } from './stats.pages.tsx';
export { type Period, parsePeriod, periodBounds } from './period.ts';
export { type PeriodStats, periodStats } from './stats.service.ts';
export { loadForPeriod, PeriodForm } from './views/period-form.tsx';
export { refreshMarkedMonths, STATS_ROLLUP_EVERY_MS, STATS_ROLLUP_JOB } from './rollups.ts';
