import type { FastifyInstance } from 'fastify';
import { ctxOf, idParam, seeOther } from '../../app/request-context.ts';
import { sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../accounts/index.ts';
import { canOnDemand, type DemandPageSection } from '../demands/index.ts';
import { invitePartner, partnersOf } from './partners.service.ts';
import { PartnersLink } from './views/partners-link.tsx';
import { PartnersView } from './views/partners-view.tsx';

/** On the demand's page, its organisation's way to the recommendations. */
export const demandPartnersSection: DemandPageSection = async (request, detail) =>
  canOnDemand(request.actor, 'demand.recommend', detail.demand) ? <PartnersLink ui={uiOf(request)} demandId={detail.demand.id} /> : null;

export async function discoveryPages(app: FastifyInstance): Promise<void> {
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
