/** What other modules may use of `tasks`. */
export { openTaskRows, publicFigures } from './lists.service.ts';
export { sendReportNotices } from './reports.service.ts';
export { refreshRunningTasks, TASKS_REFRESH_JOB } from './schedule.ts';
export { reviewableTasks, type TaskSummary, taskSummariesOf } from './selection.service.ts';
export { tasksApi } from './tasks.api.ts';
export { taskPages } from './tasks.pages.tsx';
export { proposalTaskSection } from './proposal-section.tsx';
