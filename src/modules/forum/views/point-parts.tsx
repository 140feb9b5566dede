import type { VNode } from 'preact';
import { ErrorSummary, Form, type FormState, RadioGroup, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Markdown } from '../../../app/ui/markdown.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { SIDES } from '../forum.tables.ts';
import type { PointRow } from '../points.service.ts';

/**
 * A point's words (Markdown), source, author and time; a hidden point's only why it was hidden. The
 * same for every reader, so a proposal's page renders it once for all of them (`sharedRender`).
 */
export function PointContent({ ui, point }: { ui: Ui; point: PointRow }) {
  const { t, locale } = ui;
  if (point.hidden_at) return <p class="meta">{t('forum.pointHidden', { reason: point.hidden_reason ?? '' })}</p>;
  return (
    <>
      <p class="meta">
        <span class="point-number">#{point.id}</span> {point.author ?? t('forum.formerMember')} · {formatDateTime(locale, point.created_at)}
      </p>
      <Markdown text={point.body} />
      {point.source_url && (
        <p class="meta">
          {t('forum.source')}:{' '}
          <a href={point.source_url} rel="nofollow ugc noopener">
            {point.source_url}
          </a>
        </p>
      )}
    </>
  );
}

/**
 * One point: its content (`PointContent`, or given already rendered), how many found it helpful,
 * with the mark to give or take back and (`withReplies`) the way to its replies; a reply has
 * neither. The author of a hidden point is shown how to appeal.
 */
export function PointItem({ ui, point, marked, open, withReplies = true, appeal, content }: { ui: Ui; point: PointRow; marked: boolean; open: boolean; withReplies?: boolean; appeal?: Appeal | undefined; content?: VNode | undefined }) {
  const { t, locale } = ui;
  const own = ui.actor.kind === 'user' && ui.actor.id === point.author_id;
  // A point hidden since `content` was rendered shows only why (the reader's own row is the judge).
  const shown = content && !point.hidden_at ? content : <PointContent ui={ui} point={point} />;
  if (point.hidden_at) {
    return (
      <li id={`point-${point.id}`} class="point">
        {shown}
        {own && <AppealState ui={ui} appeal={appeal} href={`/forum/${point.proposal_id}/appeal?point=${point.id}`} />}
      </li>
    );
  }
  return (
    <li id={`point-${point.id}`} class="point">
      {shown}
      {point.side !== null && (
        <p class="actions">
          <span>{t('forum.helpfulCount', { count: formatNumber(locale, point.helpful_count) })}</span>{' '}
          {ui.actor.kind === 'user' && !own && (
            <form method="post" action={`/forum/points/${point.id}/helpful`} class="inline-form">
              <input type="hidden" name="_csrf" value={ui.csrfToken} />
              <input type="hidden" name="helpful" value={marked ? 'no' : 'yes'} />
              <button type="submit" class="krds-btn small tertiary" aria-pressed={marked ? 'true' : 'false'}>
                {t(marked ? 'forum.helpfulUndo' : 'forum.helpful')}
                <span class="sr-only"> {t('forum.pointRef', { id: point.id })}</span>
              </button>
            </form>
          )}{' '}
          {ui.actor.kind === 'user' && !own && (
            <>
              <a href={`/forum/${point.proposal_id}/report?point=${point.id}`}>
                {t('forum.report')}
                <span class="sr-only"> {t('forum.pointRef', { id: point.id })}</span>
              </a>{' '}
            </>
          )}
          {withReplies && (
            <a href={`/forum/points/${point.id}`}>
              {open ? t('forum.repliesOpen', { count: formatNumber(locale, point.replies_count) }) : t('forum.replies', { count: formatNumber(locale, point.replies_count) })}
              <span class="sr-only"> {t('forum.pointRef', { id: point.id })}</span>
            </a>
          )}
        </p>
      )}
    </li>
  );
}

export interface Appeal {
  status: 'open' | 'restored' | 'kept';
  note: string | null;
}

/** For the author of something hidden: the way to appeal, or how their appeal stands and the operator's note. */
export function AppealState({ ui, appeal, href }: { ui: Ui; appeal: Appeal | undefined; href: string }) {
  const { t } = ui;
  if (!appeal || appeal.status === 'restored')
    return (
      <p>
        <a href={href}>{t('forum.appealTitle')}</a>
      </p>
    );
  if (appeal.status === 'open') return <p class="meta">{t('forum.appealPending')}</p>;
  return (
    <div class="meta">
      <p>{t('forum.appealKeptNote')}</p>
      {appeal.note && <p class="pre-line">{appeal.note}</p>}
    </div>
  );
}

export const sideLabel = (ui: Ui, side: string) => ui.t(`forum.side.${side}` as MessageKey);

/** The form for a new point: its side, its words, an optional source. */
export function PointForm({ ui, form, proposalId }: { ui: Ui; form: FormState; proposalId: number }) {
  const { t } = ui;
  const state = { idPrefix: 'point-', ...form };
  const labels = { side: t('forum.sideLabel'), body: t('forum.pointBody'), source: t('forum.source') };
  return (
    <section aria-labelledby="point-form-h" class="panel">
      <h3 id="point-form-h">{t('forum.addPoint')}</h3>
      <ErrorSummary ui={ui} form={state} labels={labels} />
      <Form ui={ui} action={`/forum/${proposalId}/points`}>
        <RadioGroup ui={ui} form={state} name="side" label={labels.side} required options={SIDES.map((s) => ({ value: s, label: t(`forum.sideLong.${s}` as MessageKey) }))} />
        <TextArea ui={ui} form={state} name="body" label={labels.body} hint={t('forum.pointBodyHint')} required maxLength={2000} rows={4} />
        <TextField ui={ui} form={state} name="source" type="url" label={labels.source} hint={t('forum.sourceHint')} maxLength={500} />
        <SubmitButton label={t('forum.addPointSubmit')} />
      </Form>
    </section>
  );
}
