import { ErrorSummary, Form, type FormState, RadioGroup, SubmitButton, TextArea } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { DemandCard } from '../../demands/index.ts';
import { weightedScore } from '../ranking.ts';
import type { itemForReviewer, myRounds, roundForReviewer } from '../reviews.service.ts';

const crumbs = (ui: Ui) => [{ href: '/reviews', label: ui.t('review.myTitle') }];

type Assignment = { conflict: 'none' | 'declared' | null; submitted_at: Date | null };

function stateOf(mine: Assignment): MessageKey {
  if (mine.conflict === 'declared') return 'review.state.conflict';
  if (mine.submitted_at) return 'review.state.submitted';
  return mine.conflict === 'none' ? 'review.state.scoring' : 'review.state.pending';
}

export function MyRoundsView({ ui, rounds }: { ui: Ui; rounds: Awaited<ReturnType<typeof myRounds>> }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('review.myTitle')} crumbs={[{ label: t('review.myTitle') }]}>
      <h1>{t('review.myTitle')}</h1>
      <p class="lead">{t('review.myLead')}</p>
      {rounds.length === 0 ? (
        <p class="empty">{t('review.myNone')}</p>
      ) : (
        <ul class="plain-list">
          {rounds.map((round) => (
            <li key={round.id}>
              <a href={`/reviews/${round.id}`}>{round.title}</a>{' '}
              <span class="meta">
                · {t(`review.status.${round.status}` as MessageKey)} · {t('review.toDo', { count: round.to_do ?? 0 })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ReviewerRoundView({ ui, data }: { ui: Ui; data: Awaited<ReturnType<typeof roundForReviewer>> }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={data.round.title} crumbs={[...crumbs(ui), { label: data.round.title }]}>
      <h1>{data.round.title}</h1>
      {data.round.description && <p class="lead">{data.round.description}</p>}
      <ul class="plain-list">
        {data.items.map((item) => (
          <li key={item.id}>
            <a href={`/reviews/${data.round.id}/items/${item.id}`}>{item.subject?.title ?? t('review.demandGone')}</a>{' '}
            <span class="meta">· {t(stateOf(item.mine!))}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

type Item = Awaited<ReturnType<typeof itemForReviewer>>;

function ConflictForm({ ui, path, form, again }: { ui: Ui; path: string; form: FormState; again: boolean }) {
  const { t } = ui;
  return (
    <section aria-labelledby="conflict-h">
      <h2 id="conflict-h">{t(again ? 'review.changeConflict' : 'review.conflictTitle')}</h2>
      <Form ui={ui} action={`${path}/conflict`}>
        <RadioGroup
          ui={ui}
          form={form}
          name="conflict"
          label={t('review.conflictLegend')}
          options={[
            { value: 'none', label: t('review.conflictNone') },
            { value: 'declared', label: t('review.conflictDeclared') },
          ]}
        />
        <TextArea ui={ui} form={form} name="reason" label={t('review.conflictReasonLabel')} hint={t('review.conflictReasonHint')} maxLength={1000} rows={2} />
        <SubmitButton label={t('review.conflictTitle')} />
      </Form>
    </section>
  );
}

function ScoreForm({ ui, path, data, form }: { ui: Ui; path: string; data: Item; form: FormState }) {
  const { t } = ui;
  const scores = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t('review.score', { n }) }));
  return (
    <section aria-labelledby="score-h">
      <h2 id="score-h">{t('review.scoreTitle')}</h2>
      <Form ui={ui} action={`${path}/scores`}>
        {data.criteria.map((c) => (
          <RadioGroup key={c.id} ui={ui} form={form} name={`c${c.id}`} label={`${c.name} (${t('review.weight')} ${c.weight})`} hint={t('review.scoreHint')} options={scores} />
        ))}
        <TextArea ui={ui} form={form} name="comment" label={t('review.comment')} hint={t('review.commentHint')} required maxLength={3000} rows={4} />
        <SubmitButton label={t('review.submit')} />
      </Form>
    </section>
  );
}

function Submitted({ ui, data }: { ui: Ui; data: Item }) {
  const { t, locale } = ui;
  const score = (scores: Map<number, number>) => formatNumber(locale, Math.round(weightedScore(data.criteria, scores) * 100) / 100);
  return (
    <>
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t('review.myScores')}</h2>
        <ul class="plain-list">
          {data.criteria.map((c) => (
            <li key={c.id}>
              {c.name}: {t('review.score', { n: data.scores.get(c.id) ?? 0 })}
            </li>
          ))}
        </ul>
        <p>{t('review.weighted', { score: score(data.scores) })}</p>
        <p class="comment">{data.mine.comment}</p>
      </section>
      <section aria-labelledby="panel-h">
        <h2 id="panel-h">{t('review.panel')}</h2>
        {data.panel?.length ? (
          <ul class="plain-list">
            {data.panel.map((sheet, i) => (
              <li key={sheet.reviewerId}>
                <strong>{t('review.panelReviewer', { n: i + 1 })}</strong> — {t('review.weighted', { score: score(sheet.scores) })} (
                {data.criteria.map((c) => `${c.name} ${sheet.scores.get(c.id)}`).join(', ')})<p class="comment">{sheet.comment}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t('review.panelNone')}</p>
        )}
      </section>
    </>
  );
}

export function ReviewItemView({ ui, roundId, itemId, data, form, now }: { ui: Ui; roundId: number; itemId: number; data: Item; form: FormState; now: Date }) {
  const { t } = ui;
  const path = `/reviews/${roundId}/items/${itemId}`;
  const { mine } = data;
  const open = mine.status === 'open' && !mine.submitted_at;
  const title = data.demand?.title ?? data.task?.title ?? t('review.demandGone');
  const labels = Object.fromEntries([...data.criteria.map((c) => [`c${c.id}`, c.name]), ['comment', t('review.comment')], ['conflict', t('review.conflictLegend')], ['reason', t('review.conflictReasonLabel')]]);
  return (
    <Layout ui={ui} title={title} crumbs={[...crumbs(ui), { href: `/reviews/${roundId}`, label: mine.title }, { label: title }]}>
      <h1>{title}</h1>
      <p class="meta">{t(stateOf(mine))}</p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      {data.demand && (
        <ul class="card-list">
          <DemandCard ui={ui} demand={data.demand} now={now} headingLevel={2} />
        </ul>
      )}
      {data.task && (
        <section class="card" aria-labelledby="task-h">
          <h2 id="task-h" class="card-title">
            <a href={`/tasks/${data.task.id}`}>{data.task.title}</a>
          </h2>
          <p class="meta">{t('review.taskLead', { lead: data.task.lead_name, year: data.task.year })}</p>
          <h3>{t('task.problem')}</h3>
          <p class="pre-line">{data.task.problem}</p>
          <h3>{t('task.benefit')}</h3>
          <p class="pre-line">{data.task.benefit}</p>
        </section>
      )}
      {mine.conflict === 'declared' && <p class="notice notice-warning">{t('review.conflictRecorded', { reason: mine.conflict_reason ?? '' })}</p>}
      {open && mine.conflict !== 'none' && <ConflictForm ui={ui} path={path} form={form} again={mine.conflict === 'declared'} />}
      {open && mine.conflict === 'none' && <ScoreForm ui={ui} path={path} data={data} form={form} />}
      {mine.submitted_at && <Submitted ui={ui} data={data} />}
      <p>
        <a href={`/reviews/${roundId}`}>{t('review.back')}</a>
      </p>
    </Layout>
  );
}
