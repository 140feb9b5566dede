import type { FastifyInstance } from 'fastify';
import { ctxOf, idParam, seeOther } from '../../app/request-context.ts';
import { sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../accounts/index.ts';
import { canOnDemand, type DemandPageSection, demandFor } from '../demands/index.ts';
import { invitationsOf, invitePartner, recommendPartners } from './partners.service.ts';
import { PartnersLink } from './views/partners-link.tsx';
import { PartnersView } from './views/partners-view.tsx';

/** On the demand's page, its organisation's way to the recommendations. */
export const demandPartnersSection: DemandPageSection = async (request, detail) =>
  canOnDemand(request.actor, 'demand.recommend', detail.demand) ? <PartnersLink ui={uiOf(request)} demandId={detail.demand.id} /> : null;

export async function discoveryPages(app: FastifyInstance): Promise<void> {
  app.get('/demands/:id/partners', async (request, reply) => {
    requireUser(request.actor);
    const ctx = ctxOf(request);
    const id = idParam(request);
    const demand = await demandFor(ctx, ctx.db, id, 'demand.recommend');
    const [recommendations, invitations] = await Promise.all([recommendPartners(ctx, id), invitationsOf(ctx, id)]);
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
