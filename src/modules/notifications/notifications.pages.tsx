import type { FastifyInstance } from 'fastify';
import { ACTS_WHEN_OPENED, ctxOf, idParam, queryText, safeLocalPath, seeOther } from '../../app/request-context.ts';
import { PostButton } from '../../app/ui/form.tsx';
import { Layout } from '../../app/ui/layout.tsx';
import { Pager } from '../../app/ui/pager.tsx';
import { sendPage } from '../../app/ui/render.tsx';
import { type Ui, uiOf } from '../../app/ui/ui.ts';
import { requireUser } from '../../shared/actors.ts';
import { NoticeItem } from './notice-item.tsx';
import { noticeStream } from './notice-stream.tsx';
import { listNotices, markAllRead, openNotice } from './notices.ts';

type Notices = Awaited<ReturnType<typeof listNotices>>;

function NoticesView({ ui, notices, paged }: { ui: Ui; notices: Notices; paged: boolean }) {
  const { t } = ui;
  // The first page follows new notices live (public/live.js): the list and its markers are always there.
  const live = paged ? {} : { id: 'notice-list', 'data-after': String(notices.items[0]?.id ?? 0) };
  return (
    <Layout ui={ui} title={t('notice.title')} crumbs={[{ label: t('notice.title') }]}>
      <h1>{t('notice.title')}</h1>
      <p>
        <a href="/subscriptions">{t('subscription.manageLink')}</a>
      </p>
      <div id="read-all" hidden={ui.unread === 0}>
        <PostButton ui={ui} action="/notifications/read-all" label={t('notice.readAll')} variant="secondary" />
      </div>
      {notices.items.length === 0 && (
        <p class="empty" id="notice-empty">
          {t('notice.none')}
        </p>
      )}
      <ul class="notice-list" {...live}>
        {notices.items.map((n) => (
          <NoticeItem key={n.id} t={t} locale={ui.locale} notice={n} />
        ))}
      </ul>
      <Pager ui={ui} firstHref="/notifications" nextHref={notices.nextBefore ? `/notifications?before=${notices.nextBefore}` : null} onLaterPage={paged} />
    </Layout>
  );
}

export async function notificationPages(app: FastifyInstance): Promise<void> {
  noticeStream(app);
  app.get('/notifications', async (request, reply) => {
    const actor = requireUser(request.actor);
    const raw = queryText(request, 'before');
    const before = raw && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined;
    const notices = await listNotices(ctxOf(request), actor.id, before);
    return sendPage(reply, <NoticesView ui={uiOf(request)} notices={notices} paged={before !== undefined} />);
  });
  // Opening a notification marks it read on the way: a harmless change, so a plain link does it.
  app.get('/notifications/:id', ACTS_WHEN_OPENED, async (request, reply) => {
    const actor = requireUser(request.actor);
    // The link was written by our own code, but a redirect is only ever to a path of this site.
    return reply.redirect(safeLocalPath(await openNotice(ctxOf(request), actor.id, idParam(request))) ?? '/notifications', 303);
  });
  app.post('/notifications/read-all', async (request, reply) => {
    const actor = requireUser(request.actor);
    await markAllRead(ctxOf(request), actor.id);
    return seeOther(reply, '/notifications', 'notice.allRead');
  });
}
