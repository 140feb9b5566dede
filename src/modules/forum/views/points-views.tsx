import { ErrorSummary, Form, type FormState, SubmitButton, TextArea } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { Page } from '../../../db/pagination.ts';
import { formatNumber } from '../../../shared/i18n/index.ts';
import type { Side } from '../forum.tables.ts';
import type { PointRow, pointPage } from '../points.service.ts';
import { PointItem, sideLabel } from './point-parts.tsx';

/** All points of one side, most helpful first, a page at a time. */
export function SidePointsView({
  ui,
  proposal,
  side,
  count,
  page,
  marked,
  open,
  after,
}: {
  ui: Ui;
  proposal: { id: number; title: string };
  side: Side;
  count: number;
  page: Page<PointRow>;
  marked: Set<number>;
  open: boolean;
  after: string | undefined;
}) {
  const { t, locale } = ui;
  const title = t('forum.sidePageTitle', { side: sideLabel(ui, side), count: formatNumber(locale, count) });
  const base = `/forum/${proposal.id}/points?side=${side}`;
  return (
    <Layout ui={ui} title={`${title} — ${proposal.title}`} crumbs={[{ href: '/forum', label: t('forum.title') }, { href: `/forum/${proposal.id}`, label: proposal.title }, { label: title }]}>
      <h1>{title}</h1>
      <p>
        <a href={`/forum/${proposal.id}#points-h`}>{t('forum.backToProposal', { title: proposal.title })}</a>
      </p>
      {page.items.length === 0 ? (
        <p class="empty">{t('forum.noPoints')}</p>
      ) : (
        <ol class="plain-list">
          {page.items.map((point) => (
            <PointItem key={point.id} ui={ui} point={point} marked={marked.has(point.id)} open={open} />
          ))}
        </ol>
      )}
      <Pager ui={ui} firstHref={base} nextHref={page.nextCursor ? `${base}&after=${page.nextCursor}` : null} onLaterPage={Boolean(after)} />
    </Layout>
  );
}

/** A point with its replies and the form to reply. */
export function PointView({ ui, data, form, after }: { ui: Ui; data: Awaited<ReturnType<typeof pointPage>>; form: FormState; after: string | undefined }) {
  const { t, locale } = ui;
  const { point, proposal } = data;
  const title = t('forum.pointPageTitle', { id: point.id });
  const base = `/forum/points/${point.id}`;
  return (
    <Layout ui={ui} title={`${title} — ${proposal.title}`} crumbs={[{ href: '/forum', label: t('forum.title') }, { href: `/forum/${proposal.id}`, label: proposal.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="badges">
        <span class="krds-badge outline-primary">{sideLabel(ui, point.side ?? 'for')}</span>
      </p>
      <ol class="plain-list">
        <PointItem ui={ui} point={point} marked={data.markedHelpful} open={data.open} withReplies={false} />
      </ol>
      <section aria-labelledby="replies-h">
        <h2 id="replies-h">{t('forum.repliesTitle', { count: formatNumber(locale, point.replies_count) })}</h2>
        {data.replies.items.length === 0 ? (
          <p class="empty">{t('forum.noReplies')}</p>
        ) : (
          <ol class="plain-list">
            {data.replies.items.map((reply) => (
              <PointItem key={reply.id} ui={ui} point={reply} marked={false} open={data.open} withReplies={false} />
            ))}
          </ol>
        )}
        <Pager ui={ui} firstHref={base} nextHref={data.replies.nextCursor ? `${base}?after=${data.replies.nextCursor}` : null} onLaterPage={Boolean(after)} />
      </section>
      {data.open && !point.hidden_at && ui.actor.kind === 'user' && (
        <section aria-labelledby="reply-form-h" class="panel">
          <h2 id="reply-form-h">{t('forum.replyTitle')}</h2>
          <ErrorSummary ui={ui} form={form} labels={{ body: t('forum.replyBody') }} />
          <Form ui={ui} action={`${base}/replies`}>
            <TextArea ui={ui} form={form} name="body" label={t('forum.replyBody')} required maxLength={1000} rows={3} />
            <SubmitButton label={t('forum.replySubmit')} />
          </Form>
        </section>
      )}
      <p>
        <a href={`/forum/${proposal.id}#point-${point.id}`}>{t('forum.backToProposal', { title: proposal.title })}</a>
      </p>
    </Layout>
  );
}
