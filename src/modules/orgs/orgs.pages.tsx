import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf, idParam, NO_SIGN_IN, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { sharedPublicParts } from '../../app/ui/shared-part.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../../shared/actors.ts';
import * as orgs from './orgs.service.ts';
import { listCapabilities, listRegions } from './taxonomy.service.ts';
import { DirectoryResults, DirectoryView } from './views/directory-view.tsx';
import { InvitationView, MembersView } from './views/members-view.tsx';
import { OrgFormView, OrgProfileView } from './views/org-views.tsx';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';

export async function orgPages(app: FastifyInstance): Promise<void> {
  const db = app.database.db;
  const showOrgForm = async (request: FastifyRequest, form: FormState, org?: { id: number; name: string }) => {
    const [regions, capabilities] = await Promise.all([listRegions(db), listCapabilities(db)]);
    return <OrgFormView ui={uiOf(request)} form={form} regions={regions} capabilities={capabilities} org={org} />;
  };

  app.get('/orgs', PUBLIC_PAGE, async (request, reply) => {
    const { parts } = await sharedPublicParts(request, async (reader, ui) => {
      const [directory, regions, capabilities] = await Promise.all([orgs.browseDirectory(reader, request.query), listRegions(db), listCapabilities(db)]);
      return { data: null, parts: { results: <DirectoryResults ui={ui} directory={directory} regions={regions} capabilities={capabilities} /> } };
    });
    return sendPage(reply, <DirectoryView ui={uiOf(request)}>{parts.results}</DirectoryView>);
  });

  app.get('/orgs/new', async (request, reply) => {
    requireUser(request.actor);
    return sendPage(reply, await showOrgForm(request, { values: { region: 'nationwide' }, errors: {} }));
  });
  app.post('/orgs/new', (request, reply) =>
    handleForm(
      request,
      reply,
      () => orgs.createOrg(ctxOf(request), request.body),
      (id) => seeOther(reply, `/orgs/${id}`, 'org.created'),
      (form) => showOrgForm(request, form),
    ),
  );

  const showProfile = async (request: FastifyRequest, revoke?: FormState) =>
    <OrgProfileView ui={uiOf(request)} profile={await orgs.getOrgProfile(ctxOf(request), idParam(request))} revoke={revoke} />;
  app.get('/orgs/:id', PUBLIC_PAGE, async (request, reply) => sendPage(reply, await showProfile(request)));
  app.post('/orgs/:id/revoke', (request, reply) =>
    handleForm(
      request,
      reply,
      () => orgs.rejectOrg(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/orgs/${idParam(request)}`, 'admin.revokedDone'),
      (form) => showProfile(request, form),
    ),
  );

  app.get('/orgs/:id/edit', async (request, reply) => {
    const { org, values } = await orgs.getOrgForEdit(ctxOf(request), idParam(request));
    return sendPage(reply, await showOrgForm(request, { values, errors: {} }, org));
  });
  app.post('/orgs/:id/edit', async (request, reply) => {
    const id = idParam(request);
    // updateOrg checks access itself; the organisation is read again only to show the form once more.
    return handleForm(
      request,
      reply,
      () => orgs.updateOrg(ctxOf(request), id, request.body),
      () => seeOther(reply, `/orgs/${id}`, 'org.updated'),
      async (form) => showOrgForm(request, form, (await orgs.getOrgForEdit(ctxOf(request), id)).org),
    );
  });

  app.post('/orgs/:id/request-verification', async (request, reply) => {
    const id = idParam(request);
    await orgs.requestVerification(ctxOf(request), id);
    return seeOther(reply, `/orgs/${id}`, 'org.verificationRequested');
  });

  app.post('/orgs/:id/join', async (request, reply) => {
    const id = idParam(request);
    await orgs.requestToJoin(ctxOf(request), id);
    return seeOther(reply, `/orgs/${id}`, 'org.joinRequested');
  });

  const showMembers = async (request: FastifyRequest, invite: FormState) =>
    <MembersView ui={uiOf(request)} page={await orgs.getMembersPage(ctxOf(request), idParam(request))} invite={invite} />;
  app.get('/orgs/:id/members', async (request, reply) => sendPage(reply, await showMembers(request, EMPTY_FORM)));
  app.post('/orgs/:id/invitations', (request, reply) =>
    handleForm(
      request,
      reply,
      () => orgs.inviteMember(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, `/orgs/${idParam(request)}/members`, 'org.invited'),
      (form) => showMembers(request, form),
    ),
  );
  for (const decision of ['approve', 'decline'] as const) {
    app.post(`/orgs/:id/members/:userId/${decision}`, async (request, reply) => {
      const id = idParam(request);
      await orgs.decideJoinRequest(ctxOf(request), id, idParam(request, 'userId'), decision === 'approve');
      return seeOther(reply, `/orgs/${id}/members`, decision === 'approve' ? 'org.approved' : 'org.declined');
    });
  }
  app.post('/orgs/:id/members/:userId/role', async (request, reply) => {
    const id = idParam(request);
    await orgs.setMemberRole(ctxOf(request), id, idParam(request, 'userId'), request.body);
    return seeOther(reply, `/orgs/${id}/members`, 'org.roleChanged');
  });

  const tokenParam = (request: FastifyRequest) => ((request.params as { token: string }).token ?? '').slice(0, 100);
  app.get('/invitations/:token', NO_SIGN_IN, async (request, reply) => {
    const token = tokenParam(request);
    const invitation = await orgs.getInvitation(ctxOf(request), token);
    return sendPage(reply, <InvitationView ui={uiOf(request)} orgName={invitation.org_name} token={token} form={EMPTY_FORM} />);
  });
  app.post('/invitations/:token', async (request, reply) => {
    const token = tokenParam(request);
    return handleForm(
      request,
      reply,
      () => orgs.acceptInvitation(ctxOf(request), token),
      ({ orgId }) => seeOther(reply, `/orgs/${orgId}`, 'org.invitationAccepted'),
      async (form) => {
        const invitation = await orgs.getInvitation(ctxOf(request), token);
        return <InvitationView ui={uiOf(request)} orgName={invitation.org_name} token={token} form={form} />;
      },
    );
  });
}
