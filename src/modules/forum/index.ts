/** What other modules may use of `forum`. */
export { adoptedProposal, FORUM_ANSWERED_JOB, sendAnswerNotices } from './answers.service.ts';
export { forumPages, type ProposalPageSection } from './forum.pages.tsx';
export type { ProposalPage } from './page.service.ts';
export { FORUM_STAGES_JOB, sweepStages } from './sweep.ts';
export { type ForumFigures, forumFigures, openProposalRows } from './figures.service.ts';
export { ForumFiguresStrip } from './views/forum-parts.tsx';
export { sendNewsDigests } from './news.service.ts';
export { forumApi } from './forum.api.ts';
