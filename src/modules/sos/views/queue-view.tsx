import type { ComponentChildren } from 'preact';
import { SelectField, SubmitButton } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import type { queue } from '../desk.service.ts';
import type { SosFigures } from '../figures.service.ts';
import { categoryOptions, SosFiguresStrip, StatusBadge } from './sos-parts.tsx';

/** The desk's queue page around its `QueueResults`, which every operator sees alike (shared). */
export function QueueView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('sos.queueTitle')} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: t('sos.queueTitle') }]}>
      <h1>{t('sos.queueTitle')}</h1>
      <p class="actions">
        <a class="krds-btn secondary" href="/admin/sos/settings">
          {t('sos.settingsTitle')}
        </a>
      </p>
      {children}
    </Layout>
  );
}

/** The desk's queue: the year's figures, filters, soonest solution due first with overdue ones marked, the pager. */
export function QueueResults({ ui, data, now, figures }: { ui: Ui; data: Awaited<ReturnType<typeof queue>>; now: Date; figures: { year: string; figures: SosFigures } }) {
  const { t, locale } = ui;
  const { query, page } = data;
  const filter = { status: query.status, category: query.category, urgency: query.urgency, assignee: query.assignee, overdue: query.overdue };
  const form = { values: filter, errors: {} };
  const any = (label: MessageKey) => ({ value: '', label: t(label) });
  return (
    <>
      <section aria-labelledby="figures-h">
        <h2 id="figures-h">{t('sos.figuresOfYear', { year: figures.year })}</h2>
        <SosFiguresStrip ui={ui} figures={figures.figures} />
      </section>
      <form method="get" action="/admin/sos" class="filter-form">
        <SelectField ui={ui} form={form} name="status" label={t('sos.statusLabel')} options={[any('sos.anyLive'), ...(['open', 'waiting', 'solved', 'closed'] as const).map((s) => ({ value: s, label: t(`sos.status.${s}` as MessageKey) }))]} />
        <SelectField ui={ui} form={form} name="category" label={t('sos.category')} options={[any('sos.anyCategory'), ...categoryOptions(ui)]} />
        <SelectField ui={ui} form={form} name="urgency" label={t('sos.urgency')} options={[any('sos.anyUrgency'), ...(['urgent', 'normal', 'low'] as const).map((u) => ({ value: u, label: t(`sos.urgency.${u}` as MessageKey) }))]} />
        <SelectField ui={ui} form={form} name="assignee" label={t('sos.assignee')} options={[any('sos.anyAssignee'), { value: 'me', label: t('sos.assignedToMe') }, { value: 'none', label: t('sos.unassigned') }]} />
        <SelectField ui={ui} form={form} name="overdue" label={t('sos.overdueLabel')} options={[any('sos.anyAssignee'), { value: '1', label: t('sos.overdueOnly') }]} />
        <SubmitButton label={t('sos.filter')} />
      </form>
      {page.items.length === 0 ? (
        <p class="empty">{t('sos.queueEmpty')}</p>
      ) : (
        <ScrollTable label={t('sos.queueTitle')}>
          <table class="tbl">
            <caption class="sr-only">{t('sos.queueTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sos.subject')}</th>
                <th scope="col">{t('sos.org')}</th>
                <th scope="col">{t('sos.statusLabel')}</th>
                <th scope="col">{t('sos.firstAnswer')}</th>
                <th scope="col">{t('sos.solution')}</th>
                <th scope="col">{t('sos.assignee')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((ticket) => (
                <tr key={ticket.id}>
                  <th scope="row">
                    <a href={`/sos/${ticket.id}`}>{ticket.title}</a>
                    <br />
                    <span class="meta">
                      {t(`sos.category.${ticket.category}` as MessageKey)} · {t(`sos.urgency.${ticket.urgency}` as MessageKey)}
                    </span>
                  </th>
                  <td>{ticket.org_name}</td>
                  <td>
                    <StatusBadge ui={ui} status={ticket.status} />
                  </td>
                  <td>
                    {ticket.first_responded_at ? t('sos.answeredShort') : formatDateTime(locale, ticket.first_response_due_at)}
                    {!ticket.first_responded_at && ticket.status === 'open' && ticket.first_response_due_at < now && <strong> {t('sos.breached')}</strong>}
                  </td>
                  <td>
                    {formatDateTime(locale, ticket.resolution_due_at)}
                    {!ticket.solved_at && ticket.status === 'open' && ticket.resolution_due_at < now && <strong> {t('sos.breached')}</strong>}
                  </td>
                  <td>{ticket.assignee_name ?? t('sos.unassigned')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pager ui={ui} firstHref={`/admin/sos${listQuery(filter)}`} nextHref={page.nextCursor ? `/admin/sos${listQuery(filter, page.nextCursor)}` : null} onLaterPage={Boolean(query.after)} />
    </>
  );
}
