import { ErrorSummary, Form, type FormState, RadioGroup, SelectField, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { listTargets, myTickets } from '../sos.service.ts';
import { categoryOptions, DueTimes, StatusBadge, urgencyOptions } from './sos-parts.tsx';

/** The targets as a table: a row per category, a column per urgency, "first answer · solution" in each cell. */
function TargetsTable({ ui, targets }: { ui: Ui; targets: Awaited<ReturnType<typeof listTargets>> }) {
  const { t } = ui;
  const urgencies = ['urgent', 'normal', 'low'] as const;
  return (
    <ScrollTable label={t('sos.targets')}>
      <table class="tbl">
        <caption class="sr-only">{t('sos.targets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sos.category')}</th>
            {urgencies.map((u) => (
              <th key={u} scope="col">
                {t(`sos.urgency.${u}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categoryOptions(ui).map((category) => (
            <tr key={category.value}>
              <th scope="row">{category.label}</th>
              {urgencies.map((u) => {
                const target = targets.find((x) => x.category === category.value && x.urgency === u)!;
                return <td key={u}>{t('sos.targetsTable', { hours: target.first_response_hours, days: target.resolution_days })}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function SosHomeView({ ui, tickets, targets, now, onLaterPage }: { ui: Ui; tickets: Awaited<ReturnType<typeof myTickets>>; targets: Awaited<ReturnType<typeof listTargets>>; now: Date; onLaterPage: boolean }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('sos.title')} crumbs={[{ label: t('sos.title') }]} description={t('sos.lead')}>
      <h1>{t('sos.title')}</h1>
      <p class="lead">{t('sos.lead')}</p>
      <p class="actions">
        <a class="krds-btn" href="/sos/new">
          {t('sos.new')}
        </a>
      </p>
      <section aria-labelledby="targets-h">
        <h2 id="targets-h">{t('sos.targets')}</h2>
        <p>{t('sos.targetsLead')}</p>
        <TargetsTable ui={ui} targets={targets} />
      </section>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t('sos.mine')}</h2>
        {tickets.items.length === 0 ? (
          <p class="empty">{t('sos.noneMine')}</p>
        ) : (
          <ul class="card-list">
            {tickets.items.map((ticket) => (
              <li key={ticket.id} class="card">
                <h3 class="card-title">
                  <a href={`/sos/${ticket.id}`}>{ticket.title}</a>
                </h3>
                <p class="badges">
                  <StatusBadge ui={ui} status={ticket.status} /> <span class="krds-badge outline-gray">{t(`sos.category.${ticket.category}` as MessageKey)}</span>
                </p>
                <DueTimes ui={ui} ticket={ticket} now={now} />
              </li>
            ))}
          </ul>
        )}
        <Pager ui={ui} firstHref="/sos#mine-h" nextHref={tickets.nextCursor ? `/sos${listQuery({}, tickets.nextCursor)}#mine-h` : null} onLaterPage={onLaterPage} />
      </section>
    </Layout>
  );
}

export interface SosFormData {
  orgs: { id: number; name: string }[];
  tasks: { id: number; title: string }[];
  targets: Awaited<ReturnType<typeof listTargets>>;
}

export function SosFormView({ ui, form, data, similar }: { ui: Ui; form: FormState; data: SosFormData; similar: { id: number; title: string }[] }) {
  const { t } = ui;
  const title = t('sos.new');
  const labels = { org: t('sos.org'), task: t('sos.task'), category: t('sos.category'), urgency: t('sos.urgency'), title: t('sos.subject'), description: t('sos.description') };
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/sos', label: t('sos.title') }, { label: title }]}>
      <h1>{title}</h1>
      {data.orgs.length === 0 ? (
        <p class="notice notice-warning">{t('sos.needVerifiedOrg')}</p>
      ) : (
        <>
          <p class="lead">{t('sos.newLead')}</p>
          <ErrorSummary ui={ui} form={form} labels={labels} />
          {similar.length > 0 && (
            <section aria-labelledby="similar-h" class="panel" tabindex={-1}>
              <h2 id="similar-h">{t('sos.similarTitle')}</h2>
              <ul class="row-list">
                {similar.map((e) => (
                  <li key={e.id}>
                    <a href={`/sos/answers/${e.id}`}>{e.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Form ui={ui} action="/sos/new">
            <SelectField ui={ui} form={form} name="org" label={labels.org} required options={data.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
            <SelectField ui={ui} form={form} name="task" label={labels.task} hint={t('sos.taskHint')} options={[{ value: '', label: t('sos.noTask') }, ...data.tasks.map((task) => ({ value: String(task.id), label: task.title }))]} />
            <SelectField ui={ui} form={form} name="category" label={labels.category} required options={categoryOptions(ui)} />
            <RadioGroup ui={ui} form={form} name="urgency" label={labels.urgency} hint={t('sos.urgencyHint')} required options={urgencyOptions(ui)} />
            <TextField ui={ui} form={form} name="title" label={labels.title} required maxLength={150} />
            <TextArea ui={ui} form={form} name="description" label={labels.description} hint={t('sos.descriptionHint')} required maxLength={5000} rows={8} />
            <div class="form-actions">
              <button type="submit" class="krds-btn">
                {t('sos.send')}
              </button>
              {/* Without JavaScript too: the same form, sent to look for answers first, comes back as typed. */}
              <button type="submit" class="krds-btn secondary" formaction="/sos/new/similar">
                {t('sos.similarFirst')}
              </button>
            </div>
          </Form>
          <p>
            <a href="/sos/answers">{t('sos.entriesTitle')}</a>
          </p>
          <TargetsTable ui={ui} targets={data.targets} />
        </>
      )}
    </Layout>
  );
}
