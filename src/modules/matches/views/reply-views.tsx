import { kstMidnight } from '../../../shared/dates.ts';
import { CheckboxGroup, ErrorSummary, Form, FormKey, type FormState, PostButton, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, formatDateTime } from '../../../shared/i18n/index.ts';
import { AttachmentList, UploadField } from '../../demands/index.ts';
import { type Capability, capabilityOptions } from '../../orgs/index.ts';
import { canOnReply } from '../matches.policy.ts';
import type { Thread } from '../replies.service.ts';
import { CapabilityBadges, ReplyStatusBadge } from './reply-parts.tsx';

interface ReplyFormProps {
  ui: Ui;
  form: FormState;
  demand: { id: number; title: string; summary: string };
  capabilities: Capability[];
  /** The actor's organisations that may reply (creation only). */
  orgs: { id: number; name: string }[];
  replyId?: number;
}

export function ReplyFormView({ ui, form, demand, capabilities, orgs, replyId }: ReplyFormProps) {
  const { t } = ui;
  const title = replyId ? t('reply.editTitle') : t('reply.newTitle');
  const labels = { org: t('reply.org'), statement: t('reply.statement'), capabilities: t('reply.capabilities'), privateNote: t('reply.privateNote') };
  return (
    <Layout
      ui={ui}
      title={title}
      crumbs={[{ href: '/demands', label: t('demand.listTitle') }, { href: `/demands/${demand.id}`, label: demand.title }, { label: title }]}
    >
      <h1>{title}</h1>
      <p class="lead">
        <a href={`/demands/${demand.id}`}>{demand.title}</a>: {demand.summary}
      </p>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={replyId ? `/replies/${replyId}/edit` : `/demands/${demand.id}/reply`}>
        {!replyId && (
          <SelectField ui={ui} form={form} name="org" label={labels.org} required options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        )}
        <TextArea ui={ui} form={form} name="statement" label={labels.statement} hint={t('reply.statementHint')} required maxLength={3000} />
        <CheckboxGroup ui={ui} form={form} name="capabilities" label={labels.capabilities} hint={t('reply.capabilitiesHint')} options={capabilityOptions(ui, capabilities)} />
        <TextArea ui={ui} form={form} name="privateNote" label={labels.privateNote} hint={t('reply.privateNoteHint')} maxLength={3000} rows={3} />
        <SubmitButton label={replyId ? t('demand.save') : t('reply.submit')} />
      </Form>
    </Layout>
  );
}

export interface ThreadForms {
  message: FormState;
  meeting: FormState;
  decline: FormState;
  hide: FormState;
}

/** 협의: the private page of one (demand, replying organisation) pair. */
export function ThreadView({ ui, thread, forms, onEarlierPage }: { ui: Ui; thread: Thread; forms: ThreadForms; onEarlierPage: boolean }) {
  const { t, actor } = ui;
  const { reply } = thread;
  const title = t('thread.title', { org: reply.org_name });
  const canPost = canOnReply(actor, 'reply.post', reply);
  const canDecide = canOnReply(actor, 'reply.decide', reply);
  const messageForm = { ...forms.message, idPrefix: 'msg-' };
  const meetingForm = { ...forms.meeting, idPrefix: 'meet-' };
  return (
    <Layout
      ui={ui}
      title={`${title} | ${reply.demand_title}`}
      crumbs={[{ href: '/demands', label: t('demand.listTitle') }, { href: `/demands/${reply.demand_id}`, label: reply.demand_title }, { label: title }]}
    >
      <h1>{title}</h1>
      <p class="lead">
        <a href={`/demands/${reply.demand_id}`}>{reply.demand_title}</a> · {t('thread.between', { a: reply.demand_org_name, b: reply.org_name })}
      </p>
      <section class="panel" aria-labelledby="reply-h">
        <h2 id="reply-h">{t('thread.reply')}</h2>
        <p class="badges">
          <ReplyStatusBadge ui={ui} status={reply.status} />
        </p>
        <CapabilityBadges ui={ui} capabilities={thread.capabilities} />
        <p class="pre-line">{reply.statement}</p>
        {reply.private_note && (
          <>
            <h3>{t('reply.privateNote')}</h3>
            <p class="pre-line">{reply.private_note}</p>
          </>
        )}
        {reply.decline_reason && <p>{t('thread.declineReason', { reason: reply.decline_reason })}</p>}
        <p class="actions">
          {canOnReply(actor, 'reply.edit', reply) && (
            <a class="krds-btn small secondary" href={`/replies/${reply.id}/edit`}>
              {t('demand.edit')}
            </a>
          )}
          {canOnReply(actor, 'reply.withdraw', reply) && <PostButton ui={ui} action={`/replies/${reply.id}/withdraw`} label={t('reply.withdraw')} variant="tertiary" />}
          {canDecide && reply.status === 'active' && <PostButton ui={ui} action={`/replies/${reply.id}/shortlist`} label={t('reply.shortlist')} variant="secondary" />}
          {canDecide && reply.status !== 'invited' && <PostButton ui={ui} action={`/replies/${reply.id}/invite`} label={t('reply.invite')} />}
        </p>
        {canDecide && (
          <details class="decline" open={Object.keys(forms.decline.errors).length > 0}>
            <summary>{t('reply.decline')}</summary>
            <Form ui={ui} action={`/replies/${reply.id}/decline`}>
              <TextArea ui={ui} form={{ ...forms.decline, idPrefix: 'decline-' }} name="reason" label={t('reply.declineReason')} hint={t('reply.declineHint')} required maxLength={1000} rows={3} />
              <SubmitButton label={t('reply.declineSubmit')} />
            </Form>
          </details>
        )}
      </section>

      <section aria-labelledby="messages-h">
        <h2 id="messages-h">{t('thread.messages')}</h2>
        {thread.earlier && (
          <p>
            <a href={`/replies/${reply.id}?before=${encodeURIComponent(thread.earlier)}#messages-h`}>{t('thread.earlier')}</a>
          </p>
        )}
        {thread.messages.length === 0 ? (
          <p class="empty">{t('thread.noMessages')}</p>
        ) : (
          <ol class="messages">
            {thread.messages.map((m) => (
              <li key={m.id} id={`m${m.id}`} class="message">
                <p class="meta">
                  <strong>{m.org_name}</strong> · {m.author_name ?? t('account.deletedUser')} · {formatDateTime(ui.locale, m.created_at)}
                </p>
                <p class="pre-line">{m.body}</p>
                <AttachmentList ui={ui} files={m.files} hrefOf={(f) => `/replies/${reply.id}/files/${f.id}`} />
              </li>
            ))}
          </ol>
        )}
        {onEarlierPage && (
          <p>
            <a href={`/replies/${reply.id}#messages-h`}>{t('thread.latest')}</a>
          </p>
        )}
        {canPost && (
          <form method="post" action={`/replies/${reply.id}/messages`} enctype="multipart/form-data" noValidate class="message-form">
            <input type="hidden" name="_csrf" value={ui.csrfToken} />
            <FormKey />
            <ErrorSummary ui={ui} form={messageForm} labels={{ body: t('thread.message'), file: t('upload.label') }} />
            <TextArea ui={ui} form={messageForm} name="body" label={t('thread.message')} required maxLength={5000} rows={4} />
            <UploadField ui={ui} form={messageForm} optional />
            <SubmitButton label={t('thread.send')} />
          </form>
        )}
      </section>

      <section aria-labelledby="meetings-h">
        <h2 id="meetings-h">{t('meeting.title')}</h2>
        {thread.meetings.length === 0 ? (
          <p class="empty">{t('meeting.none')}</p>
        ) : (
          <ul class="card-list">
            {thread.meetings.map((m) => (
              <li key={m.id} class="card">
                <h3 class="card-title">
                  {formatDate(ui.locale, kstMidnight(m.held_on))} · {t(m.mode === 'online' ? 'meeting.online' : 'meeting.offline')}
                </h3>
                <p class="meta">{t('meeting.attendeesList', { names: m.attendees })}</p>
                <p class="pre-line">{m.notes}</p>
              </li>
            ))}
          </ul>
        )}
        {canPost && (
          <details class="meeting-form" open={Object.keys(forms.meeting.errors).length > 0}>
            <summary>{t('meeting.record')}</summary>
            <Form ui={ui} action={`/replies/${reply.id}/meetings`}>
              <ErrorSummary ui={ui} form={meetingForm} labels={{ heldOn: t('meeting.heldOn'), mode: t('meeting.mode'), attendees: t('meeting.attendees'), notes: t('meeting.notes') }} />
              <TextField ui={ui} form={meetingForm} name="heldOn" type="date" label={t('meeting.heldOn')} hint={t('meeting.heldOnHint')} required />
              <SelectField
                ui={ui}
                form={meetingForm}
                name="mode"
                label={t('meeting.mode')}
                required
                options={[
                  { value: 'offline', label: t('meeting.offline') },
                  { value: 'online', label: t('meeting.online') },
                ]}
              />
              <TextField ui={ui} form={meetingForm} name="attendees" label={t('meeting.attendees')} hint={t('meeting.attendeesHint')} required maxLength={500} />
              <TextArea ui={ui} form={meetingForm} name="notes" label={t('meeting.notes')} required maxLength={5000} rows={4} />
              <SubmitButton label={t('meeting.save')} />
            </Form>
          </details>
        )}
      </section>

      {canOnReply(actor, 'reply.hide', reply) && (
        <section class="panel" aria-labelledby="moderate-h">
          <h2 id="moderate-h">{t('moderation.title')}</h2>
          {reply.hidden_at ? (
            <>
              <p>{t('reply.hiddenNotice', { reason: reply.hidden_reason ?? '' })}</p>
              <PostButton ui={ui} action={`/replies/${reply.id}/unhide`} label={t('moderation.unhide')} variant="secondary" />
            </>
          ) : (
            <Form ui={ui} action={`/replies/${reply.id}/hide`}>
              <TextArea ui={ui} form={{ ...forms.hide, idPrefix: 'hide-' }} name="reason" label={t('moderation.reason')} required maxLength={1000} rows={2} />
              <SubmitButton label={t('moderation.hide')} />
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}
