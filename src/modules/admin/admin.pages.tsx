import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ctxOf, idParam, queryText, safeLocalPath, seeOther } from '../../app/request-context.ts';
import { EMPTY_FORM, type FormState } from '../../app/ui/form.tsx';
import { handleForm, sendPage } from '../../app/ui/render.tsx';
import { sharedOperatorParts } from '../../app/ui/shared-part.tsx';
import { uiOf } from '../../app/ui/ui.ts';
import type { Ctx } from '../../shared/context.ts';
import { isCalendarDate } from '../../shared/dates.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { GLOBAL_ROLES, listUsers, setRole } from '../accounts/index.ts';
import { requireOperator } from '../../shared/actors.ts';
import { addTheme, archiveTheme, listThemes } from '../demands/index.ts';
import {
  addCapability,
  addDistrict,
  archiveCapability,
  listCapabilities,
  listRegions,
  rejectOrg,
  renameRegion,
  verificationQueue,
  verifyOrg,
} from '../orgs/index.ts';
import { getOutboxMail, listAudit, listOutbox } from './admin.service.ts';
import { addClosure, closuresPage, removeClosure } from './closures.service.ts';
import { AuditEntries, AuditView, ClosuresView, OutboxMailView, OutboxView, RegionsView, type TaxonomyPage, TaxonomyView, UsersView, VerificationQueue, VerificationQueueView } from './views/admin-views.tsx';

/** The operator console. Every service below checks the operator role itself; anyone else gets 404. */
export async function adminPages(app: FastifyInstance): Promise<void> {
  const showQueue = async (request: FastifyRequest, reject?: { orgId: number; form: FormState }) => {
    // The same for every operator, forms and all, but a refused rejection with what was typed.
    const { parts } = await sharedOperatorParts(request, async (ctx, ui) => ({ data: null, parts: { queue: <VerificationQueue ui={ui} queue={await verificationQueue(ctx)} reject={reject} /> } }), { shared: !reject, forms: true });
    return <VerificationQueueView ui={uiOf(request)}>{parts.queue}</VerificationQueueView>;
  };
  app.get('/admin', async (request, reply) => sendPage(reply, await showQueue(request)));
  app.post('/admin/orgs/:id/verify', async (request, reply) => {
    await verifyOrg(ctxOf(request), idParam(request));
    return seeOther(reply, '/admin', 'admin.verifiedDone');
  });
  app.post('/admin/orgs/:id/reject', (request, reply) =>
    handleForm(
      request,
      reply,
      () => rejectOrg(ctxOf(request), idParam(request), request.body),
      () => seeOther(reply, '/admin', 'admin.rejectedDone'),
      (form) => showQueue(request, { orgId: idParam(request), form }),
    ),
  );

  const taxonomies = [
    {
      page: { path: '/admin/capabilities', title: 'admin.capabilities', add: 'admin.capabilityAdd' },
      list: () => listCapabilities(app.database.db),
      add: addCapability,
      archive: archiveCapability,
      added: 'admin.capabilityAdded',
      archived: 'admin.capabilityArchived',
    },
    {
      page: { path: '/admin/themes', title: 'admin.themes', add: 'admin.themeAdd' },
      list: () => listThemes(app.database.db),
      add: addTheme,
      archive: archiveTheme,
      added: 'admin.themeAdded',
      archived: 'admin.themeArchived',
    },
  ] as const satisfies readonly {
    page: TaxonomyPage;
    list: () => Promise<{ id: number; name: string; name_en: string }[]>;
    add: (ctx: Ctx, raw: unknown) => Promise<void>;
    archive: (ctx: Ctx, id: number) => Promise<void>;
    added: MessageKey;
    archived: MessageKey;
  }[];
  for (const taxonomy of taxonomies) {
    const { path } = taxonomy.page;
    const show = async (request: FastifyRequest, form: FormState) => {
      requireOperator(ctxOf(request));
      return <TaxonomyView ui={uiOf(request)} page={taxonomy.page} items={await taxonomy.list()} form={form} />;
    };
    app.get(path, async (request, reply) => sendPage(reply, await show(request, EMPTY_FORM)));
    app.post(path, (request, reply) =>
      handleForm(
        request,
        reply,
        () => taxonomy.add(ctxOf(request), request.body),
        () => seeOther(reply, path, taxonomy.added),
        (form) => show(request, form),
      ),
    );
    app.post(`${path}/:id/archive`, async (request, reply) => {
      await taxonomy.archive(ctxOf(request), idParam(request));
      return seeOther(reply, path, taxonomy.archived);
    });
  }

  const showRegions = async (request: FastifyRequest, form: FormState) => {
    requireOperator(ctxOf(request));
    return <RegionsView ui={uiOf(request)} regions={await listRegions(app.database.db)} form={form} />;
  };
  app.get('/admin/regions', async (request, reply) => sendPage(reply, await showRegions(request, EMPTY_FORM)));
  app.post('/admin/regions', (request, reply) =>
    handleForm(
      request,
      reply,
      () => addDistrict(ctxOf(request), request.body),
      () => seeOther(reply, '/admin/regions', 'admin.regionAdded'),
      (form) => showRegions(request, form),
    ),
  );
  app.post('/admin/regions/:code', async (request, reply) => {
    const code = String((request.params as { code: string }).code).slice(0, 20);
    await renameRegion(ctxOf(request), code, request.body);
    return seeOther(reply, '/admin/regions', 'admin.regionRenamed');
  });

  app.get('/admin/users', async (request, reply) => {
    const role = queryText(request, 'role', 20);
    const filter = { q: queryText(request, 'q', 100)?.trim() || undefined, role: GLOBAL_ROLES.find((r) => r === role), after: queryText(request, 'after') };
    return sendPage(reply, <UsersView ui={uiOf(request)} list={await listUsers(ctxOf(request), filter)} filter={filter} />);
  });
  app.post('/admin/users/:id/role', async (request, reply) => {
    await setRole(ctxOf(request), idParam(request), request.body);
    // Back to the list as it was searched and paged, when the form says so.
    const back = safeLocalPath((request.body as { back?: unknown } | undefined)?.back);
    return seeOther(reply, back === '/admin/users' || back?.startsWith('/admin/users?') ? back : '/admin/users', 'admin.roleChanged');
  });

  app.get('/admin/outbox', async (request, reply) => {
    const after = queryText(request, 'after');
    return sendPage(reply, <OutboxView ui={uiOf(request)} mails={await listOutbox(ctxOf(request), after)} onLaterPage={!!after} />);
  });
  app.get('/admin/outbox/:id', async (request, reply) =>
    sendPage(reply, <OutboxMailView ui={uiOf(request)} mail={await getOutboxMail(ctxOf(request), idParam(request))} />),
  );
  const showClosures = async (request: FastifyRequest, form: FormState) => <ClosuresView ui={uiOf(request)} data={await closuresPage(ctxOf(request))} form={form} />;
  app.get('/admin/closures', async (request, reply) => sendPage(reply, await showClosures(request, EMPTY_FORM)));
  app.post('/admin/closures', (request, reply) =>
    handleForm(
      request,
      reply,
      () => addClosure(ctxOf(request), request.body),
      () => seeOther(reply, '/admin/closures', 'closure.added'),
      (form) => showClosures(request, form),
    ),
  );
  app.post('/admin/closures/:day/delete', async (request, reply) => {
    const day = (request.params as { day: string }).day;
    if (!isCalendarDate(day)) throw new NotFoundError();
    await removeClosure(ctxOf(request), day);
    return seeOther(reply, '/admin/closures', 'closure.removed');
  });
  app.get('/admin/audit', async (request, reply) => {
    const after = queryText(request, 'after');
    const { parts } = await sharedOperatorParts(request, async (ctx, ui) => ({ data: null, parts: { entries: <AuditEntries ui={ui} entries={await listAudit(ctx, after)} onLaterPage={!!after} /> } }));
    return sendPage(reply, <AuditView ui={uiOf(request)}>{parts.entries}</AuditView>);
  });
}
