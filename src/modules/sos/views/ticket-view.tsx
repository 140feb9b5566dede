import { EMPTY_FORM, ErrorSummary, Form, type FormState, PostButton, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import { AttachmentList, UploadForm } from '../../demands/index.ts';
import { can } from '../sos.policy.ts';
import type { TicketPage } from '../sos.service.ts';
import { DueTimes, StatusBadge } from './sos-parts.tsx';

export type TicketForms = { reply: FormState; desk: FormState; solution: FormState; assign: FormState; guest: FormState; rating: FormState; upload: FormState };
export const NO_TICKET_FORMS: TicketForms = { reply: EMPTY_FORM, desk: EMPTY_FORM, solution: EMPTY_FORM, assign: EMPTY_FORM, guest: EMPTY_FORM, rating: EMPTY_FORM, upload: EMPTY_FORM };

function Thread({ ui, page }: { ui: Ui; page: TicketPage }) {
  const { t, locale } = ui;
  return (
    <section aria-labelledby="thread-h">
      <h2 id="thread-h">{t('sos.thread')}</h2>
      <div class="message">
        <p class="meta">{t('sos.asked', { at: formatDateTime(locale, page.ticket.created_at), org: page.org.name })}</p>
        <p class="pre-line">{page.ticket.description}</p>
      </div>
      <ol class="messages">
        {page.messages.map((m) => (
          <li key={m.id} id={`message-${m.id}`} class="message">
            <p class="meta">
              <span class={`krds-badge ${m.kind === 'note' ? 'outline-warning' : 'outline-gray'}`}>{t(`sos.kind.${m.kind}` as MessageKey)}</span> {m.author_name ?? ''} · {formatDateTime(locale, m.created_at)}
            </p>
            <p class="pre-line">{m.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What the requester's side, a guest and the requester alone may do, by the ticket's state. */
function RequesterForms({ ui, page, forms }: { ui: Ui; page: TicketPage; forms: TicketForms }) {
  const { t } = ui;
  const id = page.ticket.id;
  const replyAction = can(ui.actor, 'sos.reply', page.facts) ? 'reply' : can(ui.actor, 'sos.guestReply', page.facts) ? 'guest-reply' : null;
  return (
    <>
      {page.ticket.status === 'solved' && can(ui.actor, 'sos.close', page.facts) && (
        <section aria-labelledby="settle-h" class="panel">
          <h2 id="settle-h">{t('sos.settleTitle')}</h2>
          <p>{t('sos.settleLead')}</p>
          <p class="actions">
            <PostButton ui={ui} action={`/sos/${id}/confirm`} label={t('sos.confirm')} />
            <PostButton ui={ui} action={`/sos/${id}/reopen`} label={t('sos.reopen')} variant="secondary" />
          </p>
        </section>
      )}
      {page.ticket.status === 'closed' && page.ticket.satisfaction === null && can(ui.actor, 'sos.close', page.facts) && (
        <section aria-labelledby="rate-h" class="panel">
          <h2 id="rate-h">{t('sos.rateTitle')}</h2>
          <ErrorSummary ui={ui} form={forms.rating} labels={{ satisfaction: t('sos.rating'), comment: t('sos.ratingComment') }} />
          <Form ui={ui} action={`/sos/${id}/rate`}>
            <RadioGroup ui={ui} form={forms.rating} name="satisfaction" label={t('sos.rating')} required options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: t(`sos.rate.${n}` as MessageKey) }))} />
            <TextArea ui={ui} form={forms.rating} name="comment" label={t('sos.ratingComment')} maxLength={2000} rows={3} />
            <SubmitButton label={t('sos.rateSend')} />
          </Form>
        </section>
      )}
      {page.ticket.satisfaction !== null && <p>{t('sos.rated', { n: page.ticket.satisfaction })}</p>}
      {replyAction && (
        <section aria-labelledby="reply-h">
          <h2 id="reply-h">{t(page.ticket.status === 'waiting' && replyAction === 'reply' ? 'sos.replyAsked' : 'sos.replyTitle')}</h2>
          <ErrorSummary ui={ui} form={forms.reply} labels={{ body: t('sos.message') }} />
          <Form ui={ui} action={`/sos/${id}/${replyAction}`}>
            <TextArea ui={ui} form={forms.reply} name="body" label={t('sos.message')} required maxLength={5000} rows={5} />
            <SubmitButton label={t('sos.sendMessage')} />
          </Form>
        </section>
      )}
    </>
  );
}

/** The desk's forms share field names (`body`), so each takes its own id prefix: a label finds its own field. */
const prefixed = (form: FormState, idPrefix: string): FormState => ({ ...form, idPrefix });

function DeskForms({ ui, page, forms: given }: { ui: Ui; page: TicketPage; forms: TicketForms }) {
  const { t } = ui;
  const forms = { ...given, assign: prefixed(given.assign, 'assign-'), desk: prefixed(given.desk, 'desk-'), solution: prefixed(given.solution, 'solution-'), guest: prefixed(given.guest, 'guest-') };
  const id = page.ticket.id;
  if (!can(ui.actor, 'sos.desk', page.facts)) return null;
  const publishable = (page.ticket.status === 'solved' || page.ticket.status === 'closed') && !page.entry;
  if (page.ticket.status === 'closed') {
    return publishable ? (
      <p class="actions">
        <a class="krds-btn secondary" href={`/sos/${id}/publish`}>
          {t('sos.entryPublish')}
        </a>
      </p>
    ) : null;
  }
  return (
    <section aria-labelledby="desk-h" class="panel">
      <h2 id="desk-h">{t('sos.deskTitle')}</h2>
      {publishable && (
        <p class="actions">
          <a class="krds-btn secondary" href={`/sos/${id}/publish`}>
            {t('sos.entryPublish')}
          </a>
        </p>
      )}
      <Form ui={ui} action={`/sos/${id}/assign`} class="filter-form">
        <ErrorSummary ui={ui} form={forms.assign} labels={{ assignee: t('sos.assignee') }} />
        <SelectField ui={ui} form={forms.assign.errors.assignee ? forms.assign : { values: { assignee: String(page.ticket.assignee_id ?? '') }, errors: {}, idPrefix: 'assign-' }} name="assignee" label={t('sos.assignee')} options={[{ value: '', label: t('sos.unassigned') }, ...page.operators.map((o) => ({ value: String(o.id), label: o.name }))]} />
        <SubmitButton label={t('sos.assign')} />
      </Form>
      <h3>{t('sos.deskReply')}</h3>
      <ErrorSummary ui={ui} form={forms.desk} labels={{ kind: t('sos.replyKind'), body: t('sos.message') }} />
      <Form ui={ui} action={`/sos/${id}/desk`}>
        <RadioGroup ui={ui} form={Object.keys(forms.desk.values).length ? forms.desk : { values: { kind: 'answer' }, errors: {}, idPrefix: 'desk-' }} name="kind" label={t('sos.replyKind')} required options={(['answer', 'info_request', 'note'] as const).map((k) => ({ value: k, label: t(`sos.kindLong.${k}` as MessageKey) }))} />
        <TextArea ui={ui} form={forms.desk} name="body" label={t('sos.message')} required maxLength={5000} rows={5} />
        <SubmitButton label={t('sos.sendMessage')} />
      </Form>
      <h3>{t('sos.solutionTitle')}</h3>
      <ErrorSummary ui={ui} form={forms.solution} labels={{ resolution: t('sos.resolution'), body: t('sos.solutionBody') }} />
      <Form ui={ui} action={`/sos/${id}/solution`}>
        <SelectField ui={ui} form={forms.solution} name="resolution" label={t('sos.resolution')} required options={(['answered', 'mediated', 'referred', 'system', 'declined'] as const).map((r) => ({ value: r, label: t(`sos.resolution.${r}` as MessageKey) }))} />
        <TextArea ui={ui} form={forms.solution} name="body" label={t('sos.solutionBody')} required maxLength={5000} rows={5} />
        <SubmitButton label={t('sos.propose')} />
      </Form>
      <h3>{t('sos.guests')}</h3>
      {page.guests.length > 0 && <p>{page.guests.map((g) => g.name).join(', ')}</p>}
      <ErrorSummary ui={ui} form={forms.guest} labels={{ email: t('sos.guestEmail') }} />
      <Form ui={ui} action={`/sos/${id}/guests`}>
        <TextField ui={ui} form={forms.guest} name="email" type="email" label={t('sos.guestEmail')} hint={t('sos.guestHint')} required maxLength={254} />
        <SubmitButton label={t('sos.invite')} />
      </Form>
    </section>
  );
}

export function TicketView({ ui, page, forms, now }: { ui: Ui; page: TicketPage; forms: TicketForms; now: Date }) {
  const { t } = ui;
  const { ticket } = page;
  return (
    <Layout ui={ui} title={ticket.title} crumbs={[{ href: '/sos', label: t('sos.title') }, { label: ticket.title }]}>
      <h1>{ticket.title}</h1>
      <p class="badges">
        <StatusBadge ui={ui} status={ticket.status} /> <span class="krds-badge outline-gray">{t(`sos.category.${ticket.category}` as MessageKey)}</span>{' '}
        <span class="krds-badge outline-secondary">{t(`sos.urgency.${ticket.urgency}` as MessageKey)}</span>
      </p>
      <DueTimes ui={ui} ticket={ticket} now={now} />
      {ticket.status === 'waiting' && <p class="notice notice-warning">{t('sos.pausedNote')}</p>}
      <dl class="facts">
        {page.task && (
          <div>
            <dt>{t('sos.task')}</dt>
            <dd>
              <a href={`/tasks/${page.task.id}`}>{page.task.title}</a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('sos.assignee')}</dt>
          <dd>{page.assignee?.name ?? t('sos.unassigned')}</dd>
        </div>
        {ticket.resolution_category && (
          <div>
            <dt>{t('sos.resolution')}</dt>
            <dd>{t(`sos.resolution.${ticket.resolution_category}` as MessageKey)}</dd>
          </div>
        )}
      </dl>
      <Thread ui={ui} page={page} />
      <section aria-labelledby="files-h">
        <h2 id="files-h">{t('sos.files')}</h2>
        {page.files.length === 0 ? <p class="empty">{t('sos.noFiles')}</p> : <AttachmentList ui={ui} files={page.files} hrefOf={(f) => `/sos/${ticket.id}/files/${f.id}`} />}
        {ticket.status !== 'closed' && (can(ui.actor, 'sos.reply', page.facts) || can(ui.actor, 'sos.guestReply', page.facts) || can(ui.actor, 'sos.desk', page.facts)) && (
          <UploadForm ui={ui} form={forms.upload} action={`/sos/${ticket.id}/files`} />
        )}
      </section>
      <RequesterForms ui={ui} page={page} forms={forms} />
      <DeskForms ui={ui} page={page} forms={forms} />
    </Layout>
  );
}
