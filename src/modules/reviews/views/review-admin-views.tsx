import { CheckboxGroup, ErrorSummary, Form, type FormState, PostButton, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import type { DemandSummary } from '../../demands/index.ts';
import type { TaskSummary } from '../../tasks/index.ts';
import { CANDIDATES_SHOWN, type listRounds, type reviewerCandidates, type roundForOperator } from '../reviews.service.ts';
import { SubjectLink } from './subject-link.tsx';

type Round = Awaited<ReturnType<typeof roundForOperator>>;

const adminCrumbs = (ui: Ui) => [
  { href: '/admin', label: ui.t('admin.title') },
  { href: '/admin/reviews', label: ui.t('review.adminTitle') },
];

function StatusBadge({ ui, status }: { ui: Ui; status: string }) {
  return <span class={`krds-badge ${status === 'open' ? 'bg-primary' : 'outline-gray'}`}>{ui.t(`review.status.${status}` as MessageKey)}</span>;
}

export function RoundsView({ ui, rounds, form }: { ui: Ui; rounds: Awaited<ReturnType<typeof listRounds>>; form: FormState }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('review.adminTitle')} crumbs={[adminCrumbs(ui)[0]!, { label: t('review.adminTitle') }]}>
      <h1>{t('review.adminTitle')}</h1>
      <p class="lead">{t('review.adminLead')}</p>
      <section aria-labelledby="rounds-h">
        <h2 id="rounds-h">{t('review.rounds')}</h2>
        {rounds.length === 0 ? (
          <p class="empty">{t('review.noRounds')}</p>
        ) : (
          <ul class="plain-list">
            {rounds.map((round) => (
              <li key={round.id}>
                <a href={`/admin/reviews/${round.id}`}>{round.title}</a> <StatusBadge ui={ui} status={round.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="create-h">
        <h2 id="create-h">{t('review.create')}</h2>
        <ErrorSummary ui={ui} form={form} labels={{ title: t('review.roundTitle'), description: t('review.description') }} />
        <Form ui={ui} action="/admin/reviews">
          <TextField ui={ui} form={form} name="title" label={t('review.roundTitle')} hint={t('review.roundTitleHint')} required maxLength={200} />
          <TextArea ui={ui} form={form} name="description" label={t('review.description')} maxLength={3000} rows={3} />
          <SubmitButton label={t('review.create')} />
        </Form>
      </section>
    </Layout>
  );
}

/** Which form on the round's page a 422 belongs to, so its messages appear beside its fields. */
export type RoundForm = 'criterion' | 'items' | 'reviewer' | 'open' | 'featured';

interface RoundAdminProps {
  ui: Ui;
  data: Round;
  candidates: { demands: DemandSummary[]; tasks: TaskSummary[] };
  reviewers: Awaited<ReturnType<typeof reviewerCandidates>>;
  q: string;
  form: FormState;
  which: RoundForm | null;
}

const formFor = (props: RoundAdminProps, which: RoundForm): FormState => (props.which === which ? props.form : { values: {}, errors: {} });

function Criteria(props: RoundAdminProps) {
  const { ui, data } = props;
  const { t } = ui;
  const draft = data.round.status === 'draft';
  const total = data.criteria.reduce((sum, c) => sum + c.weight, 0);
  const form = formFor(props, 'criterion');
  return (
    <section aria-labelledby="criteria-h">
      <h2 id="criteria-h">{t('review.criteria')}</h2>
      <ul class="plain-list">
        {data.criteria.map((c) => (
          <li key={c.id}>
            {c.name} — {t('review.weightShare', { weight: c.weight, share: formatNumber(ui.locale, Math.round((c.weight / total) * 1000) / 10) })}{' '}
            {draft && <PostButton ui={ui} action={`/admin/reviews/${data.round.id}/criteria/${c.id}/delete`} label={t('review.remove', { name: c.name })} variant="tertiary" />}
          </li>
        ))}
      </ul>
      {draft && (
        <Form ui={ui} action={`/admin/reviews/${data.round.id}/criteria`} class="filter-form">
          <TextField ui={ui} form={{ ...form, idPrefix: 'criterion-' }} name="name" label={t('review.criterionName')} hint={t('review.criterionNameHint')} required maxLength={100} />
          <TextField ui={ui} form={{ ...form, idPrefix: 'criterion-' }} name="weight" label={t('review.weight')} hint={t('review.weightHint')} required inputMode="numeric" maxLength={3} />
          <SubmitButton label={t('review.addCriterion')} />
        </Form>
      )}
    </section>
  );
}

function Items(props: RoundAdminProps) {
  const { ui, data, candidates, q } = props;
  const { t } = ui;
  const draft = data.round.status === 'draft';
  return (
    <section aria-labelledby="items-h">
      <h2 id="items-h">{t('review.items')}</h2>
      {data.items.length === 0 ? (
        <p class="empty">{t('review.noItems')}</p>
      ) : (
        <ul class="plain-list">
          {data.items.map((item) => (
            <li key={item.id}>
              <SubjectLink ui={ui} item={item} />{' '}
              {draft && <PostButton ui={ui} action={`/admin/reviews/${data.round.id}/items/${item.id}/delete`} label={t('review.remove', { name: item.subject?.title ?? String(item.id) })} variant="tertiary" />}
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <>
          <h3>{t('review.candidates')}</h3>
          <form method="get" action={`/admin/reviews/${data.round.id}`} class="filter-form">
            <TextField ui={ui} form={{ values: { q }, errors: {}, idPrefix: 'candidates-' }} name="q" type="search" label={t('review.candidateSearch')} maxLength={100} />
            <SubmitButton label={t('review.find')} />
          </form>
          {Math.max(candidates.demands.length, candidates.tasks.length) >= CANDIDATES_SHOWN && <p class="meta">{t('review.candidatesMore', { shown: CANDIDATES_SHOWN })}</p>}
          {candidates.demands.length + candidates.tasks.length === 0 ? (
            <p class="empty">{t('review.noCandidates')}</p>
          ) : (
            <Form ui={ui} action={`/admin/reviews/${data.round.id}/items`}>
              {candidates.demands.length > 0 && (
                <CheckboxGroup
                  ui={ui}
                  form={{ ...formFor(props, 'items'), idPrefix: 'items-' }}
                  name="demands"
                  label={t('review.candidates')}
                  options={candidates.demands.map((d) => ({ value: String(d.id), label: `${d.title} (${d.org_name})` }))}
                />
              )}
              {candidates.tasks.length > 0 && (
                <CheckboxGroup
                  ui={ui}
                  form={{ ...formFor(props, 'items'), idPrefix: 'items-' }}
                  name="tasks"
                  label={t('review.taskCandidates')}
                  options={candidates.tasks.map((task) => ({ value: String(task.id), label: `${task.title} (${task.lead_name})` }))}
                />
              )}
              <SubmitButton label={t('review.addItems')} />
            </Form>
          )}
        </>
      )}
    </section>
  );
}

function Reviewers(props: RoundAdminProps) {
  const { ui, data, reviewers } = props;
  const { t } = ui;
  const draft = data.round.status === 'draft';
  return (
    <section aria-labelledby="reviewers-h">
      <h2 id="reviewers-h">{t('review.reviewers')}</h2>
      {data.reviewers.length === 0 ? (
        <p class="empty">{t('review.noReviewers')}</p>
      ) : (
        <ul class="plain-list">
          {data.reviewers.map((r) => (
            <li key={r.id}>
              {r.name} <span class="meta">· {t('review.progress', { submitted: r.submitted, assigned: r.assigned, conflicts: r.conflicts })}</span>{' '}
              {draft && <PostButton ui={ui} action={`/admin/reviews/${data.round.id}/reviewers/${r.id}/delete`} label={t('review.remove', { name: r.name })} variant="tertiary" />}
            </li>
          ))}
        </ul>
      )}
      {draft &&
        (reviewers.length === 0 ? (
          <p class="hint">{t('review.noReviewerCandidates')}</p>
        ) : (
          <Form ui={ui} action={`/admin/reviews/${data.round.id}/reviewers`} class="filter-form">
            <SelectField
              ui={ui}
              form={{ ...formFor(props, 'reviewer'), idPrefix: 'reviewer-' }}
              name="reviewer"
              label={t('review.reviewer')}
              hint={t('review.reviewerHint')}
              options={reviewers.map((r) => ({ value: String(r.id), label: `${r.name} (${r.email})` }))}
            />
            <SubmitButton label={t('review.addReviewer')} />
          </Form>
        ))}
    </section>
  );
}

function Ranking(props: RoundAdminProps) {
  const { ui, data } = props;
  const { t, locale } = ui;
  const n = (value: number | null) => (value === null ? t('review.notScored') : formatNumber(locale, value));
  const name = (id: number) => data.reviewers.find((r) => r.id === id)?.name ?? String(id);
  const form = formFor(props, 'featured');
  const featured = new Set(form.values.items ? [form.values.items].flat() : data.items.filter((i) => i.featured_at).map((i) => String(i.id)));
  return (
    <section aria-labelledby="ranking-h">
      <h2 id="ranking-h">{t('review.ranking')}</h2>
      <p>{t('review.rankingLead')}</p>
      <Form ui={ui} action={`/admin/reviews/${data.round.id}/featured`}>
        <ScrollTable label={t('review.ranking')}>
          <table class="tbl col data">
            <caption class="sr-only">{t('review.ranking')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.rank')}</th>
                <th scope="col">{t('review.items')}</th>
                <th scope="col" class="num">
                  {t('review.mean')}
                </th>
                <th scope="col" class="num">
                  {t('review.spread')}
                </th>
                <th scope="col" class="num">
                  {t('review.submittedCount')}
                </th>
                <th scope="col" class="num">
                  {t('review.conflicts')}
                </th>
                <th scope="col">{t('review.feature')}</th>
              </tr>
            </thead>
            <tbody>
              {data.ranking.map((r, i) => {
                const title = r.item.subject?.title ?? t('review.demandGone');
                return (
                  <tr key={r.itemId}>
                    <td class="num">{i + 1}</td>
                    <th scope="row">
                      {title}
                      {r.outliers.length > 0 && <p class="notice-inline">{t('review.outlier', { reviewers: r.outliers.map(name).join(', ') })}</p>}
                    </th>
                    <td class="num">{n(r.mean)}</td>
                    <td class="num">{n(r.spread)}</td>
                    <td class="num">{r.submitted}</td>
                    <td class="num">{r.conflicts}</td>
                    <td>
                      {r.item.subject_type === 'task' ? (
                        // A task's outcome is its kind (key or agency-managed), decided with a reason on its page.
                        <a href={`/tasks/${r.item.subject_id}#select-h`}>
                          <span class="sr-only">{title} </span>
                          {t('review.decideTaskKind')}
                        </a>
                      ) : (
                        <div class="krds-form-check">
                          <input type="checkbox" id={`feature-${r.itemId}`} name="items" value={String(r.itemId)} checked={featured.has(String(r.itemId))} />
                          <label for={`feature-${r.itemId}`}>
                            <span class="sr-only">{title} </span>
                            {t('review.feature')}
                          </label>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
        <SubmitButton label={t('review.saveFeatured')} />
      </Form>
    </section>
  );
}

export function RoundAdminView(props: RoundAdminProps) {
  const { ui, data, form, which } = props;
  const { t } = ui;
  const status = data.round.status;
  const labels = { name: t('review.criterionName'), weight: t('review.weight'), demands: t('review.candidates'), tasks: t('review.taskCandidates'), reviewer: t('review.reviewer') };
  // Starting the round (or a change it no longer allows) has no field to point at: the reasons as a list.
  const withoutFields = which === 'open' || 'round' in form.errors;
  return (
    <Layout ui={ui} title={data.round.title} crumbs={[...adminCrumbs(ui), { label: data.round.title }]}>
      <h1>{data.round.title}</h1>
      <p>
        <StatusBadge ui={ui} status={status} />
      </p>
      {data.round.description && <p class="lead">{data.round.description}</p>}
      {withoutFields ? (
        <div class="notice notice-warning" role="alert">
          <ul>
            {Object.values(form.errors).map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorSummary ui={ui} form={{ ...form, idPrefix: which ? `${which}-` : undefined }} labels={labels} />
      )}
      <Criteria {...props} />
      <Items {...props} />
      <Reviewers {...props} />
      {status === 'draft' && <PostButton ui={ui} action={`/admin/reviews/${data.round.id}/open`} label={t('review.open')} />}
      {status !== 'draft' && <Ranking {...props} />}
      {status === 'open' && <PostButton ui={ui} action={`/admin/reviews/${data.round.id}/close`} label={t('review.close')} variant="secondary" />}
    </Layout>
  );
}

