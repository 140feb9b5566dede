import type { ComponentChildren } from 'preact';
import { verifiedMembershipOf } from '../../../shared/context.ts';
import { kstMidnight } from '../../../shared/dates.ts';
import { CheckboxGroup, ErrorSummary, Form, type FormState, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, formatDateTime } from '../../../shared/i18n/index.ts';
import { OrgName, SectorBadge, sectorLabel } from '../../orgs/index.ts';
import type { CaseDetail, CaseSummary, getConcludeForm } from '../cases.service.ts';
import type { Page } from '../../../db/pagination.ts';
import { CaseLabelBadge } from './reply-parts.tsx';

type ConcludeData = Awaited<ReturnType<typeof getConcludeForm>>;

export function ConcludeFormView({ ui, form, data }: { ui: Ui; form: FormState; data: ConcludeData }) {
  const { t } = ui;
  const { demand } = data;
  const title = t('match.recordTitle');
  const labels = { partners: t('match.partners'), summary: t('match.summary'), leadContribution: t('match.leadContribution'), startedOn: t('match.startedOn') };
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/demands', label: t('demand.listTitle') }, { href: `/demands/${demand.id}`, label: demand.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('match.recordLead')}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      {data.partners.length === 0 ? (
        <p class="empty">{t('match.noCandidates')}</p>
      ) : (
        <Form ui={ui} action={`/demands/${demand.id}/conclude`}>
          <CheckboxGroup
            ui={ui}
            form={form}
            name="partners"
            label={labels.partners}
            hint={t('match.partnersHint')}
            options={data.partners.map((p) => ({ value: String(p.org_id), label: `${p.org_name} (${sectorLabel(ui, p.org_sector)})` }))}
          />
          <TextArea ui={ui} form={form} name="summary" label={labels.summary} hint={t('match.summaryHint')} required maxLength={3000} />
          <TextArea ui={ui} form={form} name="leadContribution" label={labels.leadContribution} required maxLength={1000} rows={3} />
          <TextField ui={ui} form={form} name="startedOn" type="date" label={labels.startedOn} required />
          <SubmitButton label={t('match.recordSubmit')} />
        </Form>
      )}
    </Layout>
  );
}

export interface CaseForms {
  confirm: FormState;
  update: FormState;
}

/** 성사 사례: who works together, what each brings, and how it is going. */
export function CaseView({ ui, data, forms }: { ui: Ui; data: CaseDetail; forms: CaseForms }) {
  const { t } = ui;
  const { match, partners } = data;
  const title = t('case.title', { title: match.demand_title });
  return (
    <Layout ui={ui} title={title} description={match.summary.slice(0, 200)} crumbs={[{ href: '/cases', label: t('case.listTitle') }, { label: match.demand_title }]}>
      <h1>{title}</h1>
      <p class="badges">
        <CaseLabelBadge ui={ui} label={data.label} />{' '}
        {match.concluded_at ? (
          <span class="krds-badge bg-success">{t('case.concludedOn', { date: formatDate(ui.locale, match.concluded_at) })}</span>
        ) : (
          <span class="krds-badge outline-gray">{t('match.awaiting')}</span>
        )}
      </p>
      <p class="lead pre-line">{match.summary}</p>
      {match.concluded_at && verifiedMembershipOf(ui.actor, match.lead_org_id) && (
        <p class="actions">
          {/* The next step of a concluded collaboration: a collaboration task (협업과제), prefilled from this case. */}
          <a class="krds-btn secondary" href={`/tasks/new?match=${match.id}`}>
            {t('case.toTask')}
          </a>
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>{t('match.startedOn')}</dt>
          <dd>{formatDate(ui.locale, kstMidnight(match.started_on))}</dd>
        </div>
        <div>
          <dt>{t('case.demand')}</dt>
          <dd>
            <a href={`/demands/${match.demand_id}`}>{match.demand_title}</a>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="orgs-h">
        <h2 id="orgs-h">{t('case.orgs', { count: partners.length + 1 })}</h2>
        <ul class="card-list">
          <li class="card">
            <h3 class="card-title">
              <OrgName ui={ui} org={{ id: match.lead_org_id, name: match.lead_org_name, status: match.lead_org_status }} />
            </h3>
            <p class="badges">
              <SectorBadge ui={ui} sector={match.lead_org_sector} /> <span class="krds-badge outline-gray">{t('case.lead')}</span>
            </p>
            <p class="pre-line">{match.lead_contribution}</p>
          </li>
          {partners.map((p) => (
            <li key={p.org_id} class="card">
              <h3 class="card-title">
                <OrgName ui={ui} org={{ id: p.org_id, name: p.name, status: p.status }} />
              </h3>
              <p class="badges">
                <SectorBadge ui={ui} sector={p.sector} />{' '}
                <span class="krds-badge outline-gray">{p.confirmed_at ? t('match.confirmed') : t('match.notConfirmed')}</span>
              </p>
              {p.contribution && <p class="pre-line">{p.contribution}</p>}
            </li>
          ))}
        </ul>
      </section>
      {data.toConfirm.map((orgId) => {
        const partner = partners.find((p) => p.org_id === orgId)!;
        const form = { ...forms.confirm, idPrefix: `confirm-${orgId}-` };
        return (
          <section key={orgId} class="panel" aria-labelledby={`confirm-${orgId}-h`}>
            <h2 id={`confirm-${orgId}-h`}>{t('match.confirmTitle', { org: partner.name })}</h2>
            <p>{t('match.confirmLead')}</p>
            <Form ui={ui} action={`/cases/${match.id}/confirm/${orgId}`}>
              <ErrorSummary ui={ui} form={form} labels={{ contribution: t('match.contribution') }} />
              <TextArea ui={ui} form={form} name="contribution" label={t('match.contribution')} hint={t('match.contributionHint')} required maxLength={1000} rows={3} />
              <SubmitButton label={t('match.confirm')} />
            </Form>
          </section>
        );
      })}
      {match.concluded_at && (
        <section aria-labelledby="updates-h">
          <h2 id="updates-h">{t('case.updates')}</h2>
          {data.updates.length === 0 ? (
            <p class="empty">{t('case.noUpdates')}</p>
          ) : (
            <ol class="messages">
              {data.updates.map((u) => (
                <li key={u.id} class="message">
                  <p class="meta">
                    <strong>{u.org_name}</strong> · {formatDateTime(ui.locale, u.created_at)}
                  </p>
                  <p class="pre-line">{u.body}</p>
                </li>
              ))}
            </ol>
          )}
          {data.isPartyMember && (
            <Form ui={ui} action={`/cases/${match.id}/updates`}>
              <TextArea ui={ui} form={{ ...forms.update, idPrefix: 'update-' }} name="body" label={t('case.updateBody')} hint={t('case.updateHint')} required maxLength={3000} rows={3} />
              <SubmitButton label={t('case.updateSubmit')} />
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}

export function CaseCard({ ui, item, headingLevel = 2 }: { ui: Ui; item: CaseSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="card">
      <Heading class="card-title">
        <a href={`/cases/${item.id}`}>{item.demand_title}</a>
      </Heading>
      <p class="badges">
        <CaseLabelBadge ui={ui} label={item.label} />
      </p>
      <p class="meta">
        {item.orgs.map((o) => o.name).join(' · ')} · {formatDate(ui.locale, item.concluded_at)}
      </p>
      <p class="summary">{item.summary.slice(0, 200)}</p>
    </li>
  );
}

/** The list of concluded collaborations around its shared part (`CaseResults`). */
export function CasesView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('case.listTitle')} description={t('case.listLead')} crumbs={[{ label: t('case.listTitle') }]}>
      <h1>{t('case.listTitle')}</h1>
      <p class="lead">{t('case.listLead')}</p>
      {children}
    </Layout>
  );
}

/** A page of cases and its pager: the same for every reader. */
export function CaseResults({ ui, page, after }: { ui: Ui; page: Page<CaseSummary>; after: string | undefined }) {
  const { t } = ui;
  return (
    <>
      {page.items.length === 0 ? (
        <p class="empty">{t('case.none')}</p>
      ) : (
        <ul class="card-list">
          {page.items.map((item) => (
            <CaseCard key={item.id} ui={ui} item={item} />
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref={'/cases'} nextHref={page.nextCursor ? `/cases?after=${encodeURIComponent(page.nextCursor)}` : null} onLaterPage={!!after} />
    </>
  );
}
