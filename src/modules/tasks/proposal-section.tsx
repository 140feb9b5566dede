import { ctxOf } from '../../app/request-context.ts';
import { uiOf } from '../../app/ui/ui.ts';
import { sharedWork, verifiedMembershipOf } from '../../shared/context.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { ProposalPageSection } from '../forum/index.ts';
import { taskPage } from './task-page.service.ts';
import { progressSentence } from './views/task-parts.tsx';

/**
 * On an adopted proposal's page: the collaboration task it became, with its progress from evidence
 * (or that it waits for selection, while the task is not yet public); or, for the responsible body,
 * the way to make it one.
 */
export const proposalTaskSection: ProposalPageSection = async (request, page) => {
  const ctx = ctxOf(request);
  const ui = uiOf(request);
  const { t } = ui;
  // A task is made only from an adopted proposal, so only an answered one may have become one. The
  // same for every reader: shared for a moment (`sharedWork`), as the proposal's own parts are.
  const linked = page.proposal.answered_at
    ? await sharedWork(ctx, `tasks.ofProposal ${page.proposal.id}`, () => ctx.db.selectFrom('tasks').select('id').where('proposal_id', '=', page.proposal.id).executeTakeFirst())
    : undefined;
  let body = null;
  if (linked) {
    try {
      const task = await taskPage(ctx, linked.id);
      body = (
        <p>
          <a href={`/tasks/${linked.id}`}>{task.task.title}</a> — {progressSentence(ui, task.progress)}
        </p>
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      body = <p>{t('task.fromProposalWaiting')}</p>;
    }
  } else if (page.proposal.status === 'adopted' && verifiedMembershipOf(ctx.actor, page.proposal.org_id)) {
    body = (
      <>
        <p>{t('task.fromProposalLead')}</p>
        <p class="actions">
          <a class="krds-btn secondary" href={`/tasks/new?proposal=${page.proposal.id}`}>
            {t('task.fromProposalNew')}
          </a>
        </p>
      </>
    );
  }
  if (!body) return null;
  return (
    <section aria-labelledby="proposal-task-h">
      <h2 id="proposal-task-h">{t('task.fromProposalTitle')}</h2>
      {body}
    </section>
  );
};
