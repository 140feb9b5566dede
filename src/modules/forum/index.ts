/** What other modules may use of `forum`. */
export { FORUM_ANSWERED_JOB, sendAnswerNotices } from './answers.service.ts';
export { forumPages } from './forum.pages.tsx';
export { FORUM_STAGES_JOB, sweepStages } from './sweep.ts';
