import type { VNode } from 'preact';
import { EMPTY_FORM, ErrorSummary, Form, type FormState, PostButton, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { Markdown } from '../../../app/ui/markdown.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { AttachmentList, UploadForm } from '../../demands/index.ts';
import { regionName } from '../../orgs/index.ts';
import { SIDES } from '../forum.tables.ts';
import type { ProposalPage } from '../page.service.ts';
import { lastDayOf, StageBadge, SupportMeter, Timeline } from './forum-parts.tsx';
import { AppealState, PointContent, PointForm, PointItem, sideLabel } from './point-parts.tsx';
import { HideForm } from './moderation-views.tsx';
import { SimilarPanel } from './proposal-form-view.tsx';

export type ProposalForms = { point: FormState; check: FormState; coauthor: FormState; upload: FormState; merge: FormState; result: FormState; hide: FormState };
export const NO_PROPOSAL_FORMS: ProposalForms = { point: EMPTY_FORM, check: EMPTY_FORM, coauthor: EMPTY_FORM, upload: EMPTY_FORM, merge: EMPTY_FORM, result: EMPTY_FORM, hide: EMPTY_FORM };

function Facts({ ui, page }: { ui: Ui; page: ProposalPage }) {
  const { t, locale } = ui;
  const { proposal } = page;
  const named = page.coauthors.filter((c) => c.accepted_at).map((c) => c.name);
  return (
    <dl class="facts">
      <div>
        <dt>{t('forum.proposer')}</dt>
        <dd>{[page.author ?? t('forum.formerMember'), ...named].join(', ')}</dd>
      </div>
      <div>
        <dt>{t('forum.field.org')}</dt>
        <dd>{page.org.name}</dd>
      </div>
      <div>
        <dt>{t('forum.category')}</dt>
        <dd>{locale === 'en' ? page.category.name_en : page.category.name}</dd>
      </div>
      <div>
        <dt>{t('forum.field.region')}</dt>
        <dd>{page.region ? regionName(locale, page.region.name) : t('forum.regionAny')}</dd>
      </div>
      {proposal.published_at && (
        <div>
          <dt>{t('forum.publishedAt')}</dt>
          <dd>{formatDate(locale, proposal.published_at)}</dd>
        </div>
      )}
    </dl>
  );
}

/** What its authors do before publication: edit, attach, invite co-authors, submit; the operators' check. */
function BeforePublication({ ui, page, forms, now }: { ui: Ui; page: ProposalPage; forms: ProposalForms; now: Date }) {
  const { t, locale } = ui;
  const { proposal, may } = page;
  const id = proposal.id;
  return (
    <>
      {proposal.status === 'returned' && proposal.return_reason && (
        <div class="notice notice-warning">
          <p>{t('forum.returnedBecause')}</p>
          <p class="pre-line">{proposal.return_reason}</p>
        </div>
      )}
      {proposal.status === 'checking' && proposal.check_due_at && <p class="notice">{t('forum.checkingUntil', { at: formatDateTime(locale, proposal.check_due_at) })}</p>}
      {may.invited && (
        <section aria-labelledby="invited-h" class="panel">
          <h2 id="invited-h">{t('forum.invitedTitle')}</h2>
          <p class="actions">
            <PostButton ui={ui} action={`/forum/${id}/coauthor/accept`} label={t('forum.invitedAccept')} />
            <PostButton ui={ui} action={`/forum/${id}/coauthor/decline`} label={t('forum.invitedDecline')} variant="secondary" />
          </p>
        </section>
      )}
      {may.edit && (
        <section aria-labelledby="draft-h" class="panel">
          <h2 id="draft-h">{t('forum.draftTitle')}</h2>
          <p>{t('forum.draftLead')}</p>
          <p class="actions">
            <a class="krds-btn secondary" href={`/forum/${id}/edit`}>
              {t('forum.edit')}
            </a>
            {may.submit && <PostButton ui={ui} action={`/forum/${id}/submit`} label={t('forum.submit')} />}
          </p>
          <h3>{t('forum.files')}</h3>
          <UploadForm ui={ui} form={forms.upload} action={`/forum/${id}/files`} />
          {may.inviteCoauthor && (
            <>
              <h3 id="coauthor-h">{t('forum.coauthors')}</h3>
              {page.coauthors.length > 0 && (
                <ul class="plain-list">
                  {page.coauthors.map((c) => (
                    <li key={c.id}>
                      {c.name} · {t(c.accepted_at ? 'forum.coauthorAccepted' : 'forum.coauthorInvited')}
                    </li>
                  ))}
                </ul>
              )}
              <ErrorSummary ui={ui} form={forms.coauthor} labels={{ email: t('forum.coauthorEmail') }} />
              <Form ui={ui} action={`/forum/${id}/coauthors`}>
                <TextField ui={ui} form={forms.coauthor} name="email" type="email" label={t('forum.coauthorEmail')} hint={t('forum.coauthorHint')} required maxLength={254} />
                <SubmitButton label={t('forum.coauthorInvite')} />
              </Form>
            </>
          )}
        </section>
      )}
      {!proposal.published_at && (may.edit || may.check) && <SimilarPanel ui={ui} similar={page.similar} now={now} />}
      {may.check && (
        <section aria-labelledby="check-h" class="panel">
          <h2 id="check-h">{t('forum.checkTitle')}</h2>
          <p>{t('forum.checkLead')}</p>
          <p class="actions">
            <PostButton ui={ui} action={`/forum/${id}/publish`} label={t('forum.publish')} />
          </p>
          <ErrorSummary ui={ui} form={forms.check} labels={{ reason: t('forum.returnReason') }} />
          <Form ui={ui} action={`/forum/${id}/return`}>
            <TextArea ui={ui} form={forms.check} name="reason" label={t('forum.returnReason')} hint={t('forum.returnReasonHint')} required maxLength={1000} rows={3} />
            <SubmitButton label={t('forum.returnSubmit')} />
          </Form>
        </section>
      )}
    </>
  );
}

function SupportSection({ ui, page }: { ui: Ui; page: ProposalPage }) {
  const { t, locale } = ui;
  const { proposal, relation } = page;
  const id = proposal.id;
  return (
    <section aria-labelledby="support-h">
      <h2 id="support-h">{t('forum.supportTitle')}</h2>
      <SupportMeter ui={ui} id={id} count={proposal.support_count} needed={proposal.support_needed} />
      {proposal.reached_at && <p>{t('forum.reachedOn', { at: formatDate(locale, proposal.reached_at) })}</p>}
      {page.supportOpen && proposal.support_ends_at && <p>{t('forum.supportUntil', { at: lastDayOf(locale, proposal.support_ends_at) })}</p>}
      {page.stage === 'discussion' && proposal.discussion_ends_at && <p>{t('forum.supportFrom', { at: formatDate(locale, proposal.discussion_ends_at) })}</p>}
      <p class="actions">
        {page.supportOpen &&
          (ui.actor.kind === 'user' ? (
            relation.supported ? (
              <PostButton ui={ui} action={`/forum/${id}/unsupport`} label={t('forum.unsupport')} variant="secondary" />
            ) : (
              <PostButton ui={ui} action={`/forum/${id}/support`} label={t('forum.support')} />
            )
          ) : (
            <a class="krds-btn" href={`/login?next=${encodeURIComponent(`/forum/${id}`)}`}>
              {t('forum.signInToSupport')}
            </a>
          ))}
        {ui.actor.kind === 'user' && <PostButton ui={ui} action={`/forum/${id}/${relation.following ? 'unfollow' : 'follow'}`} label={t(relation.following ? 'forum.unfollow' : 'forum.follow')} variant="tertiary" />}
      </p>
      {relation.supported && <p class="meta">{t('forum.youSupported')}</p>}
    </section>
  );
}

/** The argument map: a heading per side with its count, the most helpful points, the way to all of them. */
function Deliberation({ ui, page, forms, parts }: { ui: Ui; page: ProposalPage; forms: ProposalForms; parts: ProposalParts }) {
  const { t, locale } = ui;
  const { proposal } = page;
  const id = proposal.id;
  const total = page.counts.for + page.counts.against + page.counts.conditional;
  return (
    <section aria-labelledby="points-h">
      <h2 id="points-h">{t('forum.pointsTitle', { count: formatNumber(locale, total) })}</h2>
      {page.may.summarise && (
        <p class="actions">
          <a class="krds-btn secondary" href={`/forum/${id}/summary`}>
            {t(proposal.summary ? 'forum.summaryEdit' : 'forum.summaryWrite')}
          </a>
        </p>
      )}
      {proposal.summary && (
        <section aria-labelledby="summary-h" class="panel">
          <h3 id="summary-h">{t('forum.summaryTitle')}</h3>
          <Markdown text={proposal.summary} />
          {proposal.summary_at && <p class="meta">{t('forum.summaryAt', { at: formatDate(locale, proposal.summary_at) })}</p>}
          {proposal.summary_sent_at && <p class="meta">{t('forum.summarySent', { org: page.org.name, at: formatDate(locale, proposal.summary_sent_at) })}</p>}
        </section>
      )}
      <div class="argument-map">
        {SIDES.map((side) => (
          <section key={side} aria-labelledby={`side-${side}-h`} class="argument-side">
            <h3 id={`side-${side}-h`}>
              {sideLabel(ui, side)} <span class="count">{t('forum.pointsCount', { count: formatNumber(locale, page.counts[side]) })}</span>
            </h3>
            {page.points[side].items.length === 0 ? (
              <p class="empty">{t('forum.noPoints')}</p>
            ) : (
              <ol class="plain-list">
                {page.points[side].items.map((point) => (
                  <PointItem key={point.id} ui={ui} point={point} marked={page.helpful.has(point.id)} open={page.deliberationOpen} appeal={page.appeals.get(point.id)} content={parts[`point-${point.id}`]} />
                ))}
              </ol>
            )}
            {page.counts[side] > page.points[side].items.length && (
              <p>
                <a href={`/forum/${id}/points?side=${side}`}>{t('forum.allPoints', { side: sideLabel(ui, side), count: formatNumber(locale, page.counts[side]) })}</a>
              </p>
            )}
          </section>
        ))}
      </div>
      {page.deliberationOpen &&
        (ui.actor.kind === 'user' ? (
          <PointForm ui={ui} form={forms.point} proposalId={id} />
        ) : (
          <p>
            <a href={`/login?next=${encodeURIComponent(`/forum/${id}`)}`}>{t('forum.signInToArgue')}</a>
          </p>
        ))}
    </section>
  );
}

function Answers({ ui, page, forms }: { ui: Ui; page: ProposalPage; forms: ProposalForms }) {
  const { t, locale } = ui;
  const { proposal } = page;
  const id = proposal.id;
  if (!page.answers.length && !page.may.answer && proposal.status !== 'review') return null;
  return (
    <section aria-labelledby="answer-h">
      <h2 id="answer-h">{t('forum.answerTitle')}</h2>
      {proposal.status === 'review' && proposal.answer_due_at && (
        <p class={page.overdue ? 'notice notice-warning' : 'notice'}>
          {t(page.overdue ? 'forum.answerOverdue' : 'forum.answerDue', { org: page.org.name, at: formatDateTime(locale, proposal.answer_due_at) })}
        </p>
      )}
      {page.may.answer && (
        <p class="actions">
          <a class="krds-btn" href={`/forum/${id}/answer`}>
            {t('forum.answerWrite')}
          </a>
        </p>
      )}
      {page.answers.map((answer) => (
        <article key={answer.id} class="panel" aria-labelledby={`answer-${answer.id}-h`}>
          <h3 id={`answer-${answer.id}-h`}>
            {t(`forum.decision.${answer.decision}` as MessageKey)} <span class={`krds-badge ${answer.on_time ? 'outline-gray' : 'bg-danger'}`}>{t(answer.on_time ? 'forum.onTime' : 'forum.late')}</span>
          </h3>
          <p class="meta">
            {answer.org} · {formatDateTime(locale, answer.created_at)}
          </p>
          {answer.new_due_at && <p>{t('forum.extendedTo', { at: formatDateTime(locale, answer.new_due_at) })}</p>}
          <h4>{t('forum.reasons')}</h4>
          <Markdown text={answer.reasons} />
          {answer.plan && (
            <>
              <h4>{t('forum.plan')}</h4>
              <Markdown text={answer.plan} />
            </>
          )}
          {answer.milestones.length > 0 && (
            <>
              <h4>{t('forum.milestones')}</h4>
              <ul class="plain-list">
                {answer.milestones.map((m) => (
                  <li key={m.id}>
                    {m.title} · {t('forum.milestoneDue', { due: formatDate(locale, new Date(`${m.due_on}T00:00:00+09:00`)) })} · {m.done_on ? t('forum.milestoneDone', { on: m.done_on }) : t('forum.milestoneOpen')}
                    {page.may.complete && <PostButton ui={ui} action={`/forum/${id}/milestones/${m.id}/${m.done_on ? 'undo' : 'done'}`} label={t(m.done_on ? 'forum.milestoneUndo' : 'forum.milestoneMarkDone')} variant="tertiary" />}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}
      {proposal.result && (
        <section aria-labelledby="result-h" class="panel">
          <h3 id="result-h">{t('forum.resultTitle')}</h3>
          <Markdown text={proposal.result} />
        </section>
      )}
      {page.may.complete && (
        <section aria-labelledby="complete-h" class="panel">
          <h3 id="complete-h">{t('forum.completeTitle')}</h3>
          <ErrorSummary ui={ui} form={forms.result} labels={{ result: t('forum.result') }} />
          <Form ui={ui} action={`/forum/${id}/complete`}>
            <TextArea ui={ui} form={forms.result} name="result" label={t('forum.result')} hint={t('forum.resultHint')} required maxLength={5000} rows={4} />
            <SubmitButton label={t('forum.completeSubmit')} />
          </Form>
        </section>
      )}
    </section>
  );
}

function Moderation({ ui, page, forms }: { ui: Ui; page: ProposalPage; forms: ProposalForms }) {
  const { t } = ui;
  const id = page.proposal.id;
  if (!page.may.moderate || page.proposal.status === 'merged') return null;
  return (
    <section aria-labelledby="moderate-h" class="panel">
      <h2 id="moderate-h">{t('forum.moderateTitle')}</h2>
      {!page.proposal.hidden_at && (
        <>
          <h3>{t('forum.hideTitle')}</h3>
          <HideForm ui={ui} subject={{ proposalId: id, pointId: null }} form={forms.hide} />
        </>
      )}
      <h3>{t('forum.mergeTitle')}</h3>
      <ErrorSummary ui={ui} form={forms.merge} labels={{ into: t('forum.mergeInto') }} />
      <Form ui={ui} action={`/forum/${id}/merge`}>
        <TextField ui={ui} form={forms.merge} name="into" label={t('forum.mergeInto')} hint={t('forum.mergeHint')} required inputMode="numeric" maxLength={9} />
        <SubmitButton label={t('forum.mergeSubmit')} />
      </Form>
    </section>
  );
}

/** The parts of a proposal's page every reader who may see its text sees alike, rendered once for all of them (`sharedRender`). */
export type ProposalParts = Record<string, VNode>;

/**
 * What `ProposalParts` holds: `head` (facts and timeline), `body` (the text, its files, the proposals
 * merged into it) and `point-{id}` for each point shown. Only from what every such reader sees alike.
 */
export function proposalParts(ui: Ui, page: ProposalPage): ProposalParts {
  const { t } = ui;
  const { proposal } = page;
  const points = Object.fromEntries(SIDES.flatMap((side) => page.points[side].items.map((point) => [`point-${point.id}`, <PointContent ui={ui} point={point} />])));
  return {
    head: (
      <>
        <Facts ui={ui} page={page} />
        <section aria-labelledby="timeline-h">
          <h2 id="timeline-h">{t('forum.timelineTitle')}</h2>
          <Timeline ui={ui} steps={page.steps} settings={page.settings} needed={proposal.support_needed} />
        </section>
      </>
    ),
    body: (
      <>
        <section aria-labelledby="body-h">
          <h2 id="body-h">{t('forum.bodyTitle')}</h2>
          <h3>{t('forum.field.problem')}</h3>
          <Markdown text={proposal.problem} />
          <h3>{t('forum.field.proposal')}</h3>
          <Markdown text={proposal.proposal} />
          <h3>{t('forum.field.effect')}</h3>
          <Markdown text={proposal.effect} />
          {page.files.length > 0 && <AttachmentList ui={ui} files={page.files} hrefOf={(f) => `/forum/${proposal.id}/files/${f.id}`} />}
        </section>
        {page.duplicates.length > 0 && (
          <section aria-labelledby="duplicates-h">
            <h2 id="duplicates-h">{t('forum.duplicatesTitle')}</h2>
            <ul class="plain-list">
              {page.duplicates.map((d) => (
                <li key={d.id}>
                  <a href={`/forum/${d.id}`}>{d.title}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </>
    ),
    ...points,
  };
}

export function ProposalView({ ui, page, parts, forms: given, sections, now }: { ui: Ui; page: ProposalPage; parts: ProposalParts; forms: ProposalForms; sections: VNode[]; now: Date }) {
  const { t } = ui;
  // One page, several forms: each form's fields (and its error summary's links) carry the form's name.
  const forms = Object.fromEntries(Object.entries(given).map(([name, form]) => [name, { ...form, idPrefix: `${name}-` }])) as ProposalForms;
  const { proposal } = page;
  // A hidden proposal's own words, its title too, are not shown to the public: only why it was hidden.
  const shownTitle = page.concealed ? t('forum.hiddenProposalTitle') : proposal.title;
  return (
    <Layout ui={ui} title={shownTitle} crumbs={[{ href: '/forum', label: t('forum.title') }, { label: shownTitle }]} {...(page.concealed ? {} : { description: proposal.problem.slice(0, 160) })}>
      <h1>{shownTitle}</h1>
      <p class="badges">
        <StageBadge ui={ui} stage={page.stage} overdue={page.overdue} />
      </p>
      {page.mergedInto && (
        <p class="notice">
          {t('forum.mergedInto')} <a href={`/forum/${page.mergedInto.id}`}>{page.mergedInto.title}</a>
        </p>
      )}
      {proposal.hidden_at && (
        <div class="notice notice-warning">
          <p>{t('forum.proposalHidden', { reason: proposal.hidden_reason ?? '' })}</p>
          {page.may.appeal && <AppealState ui={ui} appeal={page.appeals.get(0)} href={`/forum/${proposal.id}/appeal`} />}
        </div>
      )}
      {!page.concealed && (
        <>
          {parts.head}
          <BeforePublication ui={ui} page={page} forms={forms} now={now} />
          {parts.body}
          {proposal.published_at && <SupportSection ui={ui} page={page} />}
          {proposal.published_at && <Answers ui={ui} page={page} forms={forms} />}
          {sections}
          {proposal.published_at && <Deliberation ui={ui} page={page} forms={forms} parts={parts} />}
          {page.may.withdraw && (
            <section aria-labelledby="withdraw-h">
              <h2 id="withdraw-h">{t('forum.withdrawTitle')}</h2>
              <p>{t('forum.withdrawLead')}</p>
              <PostButton ui={ui} action={`/forum/${proposal.id}/withdraw`} label={t('forum.withdraw')} variant="secondary" />
            </section>
          )}
          {page.may.report && (
            <p>
              <a href={`/forum/${proposal.id}/report`}>{t('forum.reportProposal')}</a>
            </p>
          )}
        </>
      )}
      <Moderation ui={ui} page={page} forms={forms} />
    </Layout>
  );
}
