import { ErrorSummary, Form, type FormState, PostButton, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { CaseCard, type CaseSummary } from '../../matches/index.ts';
import { OrgName, sectorLabel } from '../../orgs/index.ts';
import { PeriodForm } from '../../stats/index.ts';
import type { listAwards, rankOrgs } from '../recognition.service.ts';
import { ACTIVITIES, AWARD_CATEGORIES } from '../recognition.tables.ts';

type Ranking = Awaited<ReturnType<typeof rankOrgs>>;
type Awards = Awaited<ReturnType<typeof listAwards>>;

const activityLabel = (ui: Ui, activity: string) => ui.t(`recognition.activity.${activity}` as MessageKey);

function AwardList({ ui, awards, deletable }: { ui: Ui; awards: Awards; deletable?: boolean }) {
  const { t } = ui;
  if (awards.length === 0) return <p class="empty">{t('recognition.awardsNone')}</p>;
  return (
    <ul class="plain-list">
      {awards.map((award) => (
        <li key={award.id}>
          <strong>{award.title}</strong> <span class="krds-badge outline-gray">{t(`recognition.category.${award.category}` as MessageKey)}</span>{' '}
          {[award.recipient_name, award.org_name].filter(Boolean).join(' · ')} <span class="meta">({award.awarded_on})</span>
          <p>{award.reason}</p>
          {deletable && <PostButton ui={ui} action={`/admin/recognition/awards/${award.id}/delete`} label={t('recognition.deleteAward', { title: award.title })} variant="tertiary" />}
        </li>
      ))}
    </ul>
  );
}

function RankingTable({ ui, data }: { ui: Ui; data: Ranking }) {
  const { t, locale } = ui;
  const n = (value: number) => formatNumber(locale, value);
  if (data.ranking.length === 0) return <p class="empty">{t('recognition.rankingNone')}</p>;
  return (
    <>
      <p class="meta">{t('recognition.activeCount', { count: n(data.active), shown: n(data.ranking.length) })}</p>
      <ScrollTable label={t('recognition.ranking')}>
        <table class="tbl col data">
          <caption class="sr-only">{t('recognition.ranking')}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('recognition.rank')}
              </th>
              <th scope="col">{t('recognition.org')}</th>
              {ACTIVITIES.map((a) => (
                <th key={a} scope="col" class="num">
                  {activityLabel(ui, a)}
                </th>
              ))}
              <th scope="col" class="num">
                {t('recognition.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.ranking.map((org, i) => (
              <tr key={org.orgId}>
                <td class="num">{i + 1}</td>
                <th scope="row">
                  <OrgName ui={ui} org={{ id: org.orgId, name: org.name, status: org.status }} /> <span class="meta">{sectorLabel(ui, org.sector)}</span>
                </th>
                {ACTIVITIES.map((a) => (
                  <td key={a} class="num">
                    {n(org.counts[a])}
                  </td>
                ))}
                <td class="num">{n(org.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

export function RecognitionView({ ui, data, awards, cases, form }: { ui: Ui; data: Ranking; awards: Awards; cases: CaseSummary[]; form: FormState }) {
  const { t } = ui;
  const weights = ACTIVITIES.map((a) => t('recognition.weightItem', { activity: activityLabel(ui, a), points: data.weights[a] })).join(', ');
  return (
    <Layout ui={ui} title={t('recognition.title')} crumbs={[{ label: t('recognition.title') }]} description={t('recognition.lead')}>
      <h1>{t('recognition.title')}</h1>
      <p class="lead">{t('recognition.lead')}</p>
      <section aria-labelledby="awards-h">
        <h2 id="awards-h">{t('recognition.awards')}</h2>
        <AwardList ui={ui} awards={awards} />
      </section>
      <section aria-labelledby="ranking-h">
        <h2 id="ranking-h">
          {t('recognition.ranking')} <span class="meta">({t('stats.periodShown', { from: data.period.from, to: data.period.to })})</span>
        </h2>
        <PeriodForm ui={ui} form={form} action="/recognition" />
        <p>{t('recognition.rankingNote', { weights })}</p>
        <RankingTable ui={ui} data={data} />
      </section>
      <section aria-labelledby="stories-h">
        <h2 id="stories-h">{t('recognition.stories')}</h2>
        <p>{t('recognition.storiesLead')}</p>
        <ul class="card-list">
          {cases.map((item) => (
            <CaseCard key={item.id} ui={ui} item={item} headingLevel={3} />
          ))}
        </ul>
        <p>
          <a href="/cases">{t('recognition.storiesMore')}</a>
        </p>
      </section>
    </Layout>
  );
}

/** Which form on the operator's page a 422 belongs to. */
export type RecognitionForm = 'weights' | 'award';

export function RecognitionAdminView({ ui, weights, awards, form, which }: { ui: Ui; weights: Ranking['weights']; awards: Awards; form: FormState; which: RecognitionForm | null }) {
  const { t } = ui;
  const weightsForm: FormState = which === 'weights' ? form : { values: Object.fromEntries(ACTIVITIES.map((a) => [a, String(weights[a])])), errors: {} };
  const awardForm: FormState = which === 'award' ? form : { values: { category: 'person' }, errors: {} };
  const awardLabels = {
    title: t('recognition.awardTitle'),
    category: t('recognition.category'),
    recipientName: t('recognition.recipientName'),
    orgName: t('recognition.orgName'),
    reason: t('recognition.reason'),
    awardedOn: t('recognition.awardedOn'),
  };
  return (
    <Layout ui={ui} title={t('recognition.adminTitle')} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: t('recognition.adminTitle') }]}>
      <h1>{t('recognition.adminTitle')}</h1>
      <section aria-labelledby="weights-h">
        <h2 id="weights-h">{t('recognition.weights')}</h2>
        <ErrorSummary ui={ui} form={{ ...weightsForm, idPrefix: 'weights-' }} labels={Object.fromEntries(ACTIVITIES.map((a) => [a, activityLabel(ui, a)]))} />
        <Form ui={ui} action="/admin/recognition/weights" class="filter-form">
          {ACTIVITIES.map((a) => (
            <TextField key={a} ui={ui} form={{ ...weightsForm, idPrefix: 'weights-' }} name={a} label={activityLabel(ui, a)} hint={t('recognition.weightsHint')} required inputMode="numeric" maxLength={4} />
          ))}
          <SubmitButton label={t('recognition.saveWeights')} />
        </Form>
      </section>
      <section aria-labelledby="award-h">
        <h2 id="award-h">{t('recognition.addAward')}</h2>
        <ErrorSummary ui={ui} form={awardForm} labels={awardLabels} />
        <Form ui={ui} action="/admin/recognition/awards">
          <TextField ui={ui} form={awardForm} name="title" label={awardLabels.title} hint={t('recognition.awardTitleHint')} required maxLength={100} />
          <SelectField ui={ui} form={awardForm} name="category" label={awardLabels.category} options={AWARD_CATEGORIES.map((c) => ({ value: c, label: t(`recognition.category.${c}` as MessageKey) }))} />
          <TextField ui={ui} form={awardForm} name="recipientName" label={awardLabels.recipientName} hint={t('recognition.recipientNameHint')} maxLength={100} />
          <TextField ui={ui} form={awardForm} name="orgName" label={awardLabels.orgName} hint={t('recognition.orgNameHint')} maxLength={200} />
          <TextArea ui={ui} form={awardForm} name="reason" label={awardLabels.reason} required maxLength={2000} rows={3} />
          <TextField ui={ui} form={awardForm} name="awardedOn" type="date" label={awardLabels.awardedOn} required />
          <SubmitButton label={t('recognition.addAward')} />
        </Form>
      </section>
      <section aria-labelledby="awards-h">
        <h2 id="awards-h">{t('recognition.awards')}</h2>
        <AwardList ui={ui} awards={awards} deletable />
      </section>
    </Layout>
  );
}
