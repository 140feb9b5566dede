/** What other modules may use of `tasks`. */
export { sendReportNotices } from './reports.service.ts';
export { reviewableTasks, type TaskSummary, taskSummariesOf } from './selection.service.ts';
export { taskPages } from './tasks.pages.tsx';
