import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf, idParam, queryText, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { formsOfPage, handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import * as reviews from './reviews.service.ts';
import { type RoundForm, RoundAdminView, RoundsView } from './views/review-admin-views.tsx';
import { MyRoundsView, ReviewerRoundView, ReviewItemView } from './views/reviewer-views.tsx';

async function showRound(request: FastifyRequest, form: FormState = EMPTY_FORM, which: RoundForm | null = null) {
  const ctx = ctxOf(request);
  const id = idParam(request);
  const q = queryText(request, 'q', 100) ?? '';
  const [data, candidates, reviewers] = await Promise.all([reviews.roundForOperator(ctx, id), reviews.itemCandidates(ctx, id, q), reviews.reviewerCandidates(ctx, id)]);
  return <RoundAdminView ui={uiOf(request)} data={data} candidates={candidates} reviewers={reviewers} q={q} form={form} which={which} />;
}

async function showItem(request: FastifyRequest, form: FormState = EMPTY_FORM) {
  const ctx = ctxOf(request);
  const roundId = idParam(request, 'roundId');
  const itemId = idParam(request, 'itemId');
  const data = await reviews.itemForReviewer(ctx, roundId, itemId);
  return <ReviewItemView ui={uiOf(request)} roundId={roundId} itemId={itemId} data={data} form={form} now={ctx.now()} />;
}

export async function reviewPages(app: FastifyInstance): Promise<void> {
  // The operator's side: rounds, their setup, the ranking and the featured choice.
  app.get('/admin/reviews', async (request, reply) =>
    sendPage(reply, <RoundsView ui={uiOf(request)} rounds={await reviews.listRounds(ctxOf(request))} form={EMPTY_FORM} />),
  );
  app.post('/admin/reviews', (request, reply) =>
    handleForm(
      request,
      reply,
      () => reviews.createRound(ctxOf(request), request.body),
      (id) => seeOther(reply, `/admin/reviews/${id}`, 'review.created'),
      async (form) => <RoundsView ui={uiOf(request)} rounds={await reviews.listRounds(ctxOf(request))} form={form} />,
    ),
  );
  app.get('/admin/reviews/:id', async (request, reply) => sendPage(reply, await showRound(request)));

  const roundAction = formsOfPage<RoundForm>(app, '/admin/reviews/:id', (r) => `/admin/reviews/${idParam(r)}`, showRound);
  roundAction('/criteria', (r) => reviews.addCriterion(ctxOf(r), idParam(r), r.body), 'review.criterionAdded', 'criterion');
  roundAction('/criteria/:criterionId/delete', (r) => reviews.removeCriterion(ctxOf(r), idParam(r), idParam(r, 'criterionId')), 'review.removed', 'open');
  roundAction('/items', (r) => reviews.addItems(ctxOf(r), idParam(r), r.body), 'review.itemsAdded', 'items');
  roundAction('/items/:itemId/delete', (r) => reviews.removeItem(ctxOf(r), idParam(r), idParam(r, 'itemId')), 'review.removed', 'open');
  roundAction('/reviewers', (r) => reviews.addReviewer(ctxOf(r), idParam(r), r.body), 'review.reviewerAdded', 'reviewer');
  roundAction('/reviewers/:userId/delete', (r) => reviews.removeReviewer(ctxOf(r), idParam(r), idParam(r, 'userId')), 'review.removed', 'open');
  roundAction('/open', (r) => reviews.openRound(ctxOf(r), idParam(r)), 'review.opened', 'open');
  roundAction('/close', (r) => reviews.closeRound(ctxOf(r), idParam(r)), 'review.closed', 'open');
  roundAction('/featured', (r) => reviews.setFeatured(ctxOf(r), idParam(r), r.body), 'review.featuredSaved', 'featured');

  // The reviewer's side: their rounds, each item's declaration and scores.
  app.get('/reviews', async (request, reply) => sendPage(reply, <MyRoundsView ui={uiOf(request)} rounds={await reviews.myRounds(ctxOf(request))} />));
  app.get('/reviews/:roundId', async (request, reply) =>
    sendPage(reply, <ReviewerRoundView ui={uiOf(request)} data={await reviews.roundForReviewer(ctxOf(request), idParam(request, 'roundId'))} />),
  );
  app.get('/reviews/:roundId/items/:itemId', async (request, reply) => sendPage(reply, await showItem(request)));
  const itemAction = formsOfPage<never>(app, '/reviews/:roundId/items/:itemId', (r) => `/reviews/${idParam(r, 'roundId')}/items/${idParam(r, 'itemId')}`, showItem);
  itemAction('/conflict', (r) => reviews.declareConflict(ctxOf(r), idParam(r, 'roundId'), idParam(r, 'itemId'), r.body), 'review.conflictSaved');
  itemAction('/scores', (r) => reviews.submitScores(ctxOf(r), idParam(r, 'roundId'), idParam(r, 'itemId'), r.body as Record<string, unknown>), 'review.submitted');
}
