import type { FastifyInstance } from 'fastify';
import { ctxOf, idParam, seeOther } from '../../app/request-context.ts';
import { sendPage } from '../../app/ui/render.tsx';
import { sharedRender } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../../shared/actors.ts';
import { canOnDemand, type DashboardSection, type DemandPageSection } from '../demands/index.ts';
import { storedSimilar, suggestionsFor, suggestionsForMe } from './lists.service.ts';
import { similarDemands } from './similar.service.ts';

import { SimilarDemands } from './views/similar-view.tsx';
import { DashboardSuggestions, SuggestionsView } from './views/suggestions-view.tsx';
import { invitePartner, partnersOf } from './partners.service.ts';
import { PartnersLink } from './views/partners-link.tsx';
import { PartnersView } from './views/partners-view.tsx';

const DASHBOARD_SUGGESTIONS = 5;
const PAGE_SUGGESTIONS = 20;

/** On the demand's page, its organisation's way to the recommendations. */
export const demandPartnersSection: DemandPageSection = async (request, detail) =>
  canOnDemand(request.actor, 'demand.recommend', detail.demand) ? <PartnersLink ui={uiOf(request)} demandId={detail.demand.id} /> : null;

/** On a demand's page, demands like it; on a draft, a caution before a duplicate is published. */
export const demandSimilarSection: DemandPageSection = async (request, detail) => {
  const ctx = ctxOf(request);
  // A draft's caution is worked out as it is typed (only its author sees it); a published demand's
  // list is stored, so that neither a crawler nor a busy day pays for it on every visit.
  if (detail.demand.status === 'draft') return <SimilarDemands ui={uiOf(request)} similar={await similarDemands(ctx.db, detail)} draft now={ctx.now()} />;
  const { similar } = await sharedRender(request, `discovery.similar ${detail.demand.id}`, async (ui) => ({
    similar: <SimilarDemands ui={ui} similar={await storedSimilar(ctx.db, ctx.now(), detail, ctx.writeDb)} draft={false} now={ctx.now()} />,
  }));
  return similar;
};

/** On the member's dashboard, the demands each of their organisations could answer. */
export const dashboardSuggestionsSection: DashboardSection = async (request) => {
  const ctx = ctxOf(request);
  return <DashboardSuggestions ui={uiOf(request)} groups={await suggestionsForMe(ctx, DASHBOARD_SUGGESTIONS)} now={ctx.now()} />;
};

export async function discoveryPages(app: FastifyInstance): Promise<void> {
  app.get('/orgs/:id/suggestions', async (request, reply) => {
    requireUser(request.actor);
    const ctx = ctxOf(request);
    const { org, suggestions } = await suggestionsFor(ctx, idParam(request), PAGE_SUGGESTIONS);
    return sendPage(reply, <SuggestionsView ui={uiOf(request)} org={org} suggestions={suggestions} now={ctx.now()} />);
  });

  app.get('/demands/:id/partners', async (request, reply) => {
    requireUser(request.actor);
    const { demand, recommendations, invitations } = await partnersOf(ctxOf(request), idParam(request));
    const canInvite = canOnDemand(request.actor, 'demand.invite', demand);
    return sendPage(reply, <PartnersView ui={uiOf(request)} demand={demand} recommendations={recommendations} invitations={invitations} canInvite={canInvite} />);
  });

  app.post('/demands/:id/partners/:orgId/invite', async (request, reply) => {
    requireUser(request.actor);
    const id = idParam(request);
    await invitePartner(ctxOf(request), id, idParam(request, 'orgId'));
    return seeOther(reply, `/demands/${id}/partners`, 'partners.invitedFlash');
  });
}
