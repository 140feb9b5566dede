import { EMPTY_FORM, ErrorSummary, Form, type FormState, PostButton, rowCount, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import { AttachmentList, UploadForm } from '../../demands/index.ts';
import { DueTimes, StatusBadge } from '../../sos/index.ts';
import { MAX_ACTIONS } from '../tasks.schemas.ts';
import { can } from '../tasks.policy.ts';
import type { Workspace } from '../tf.service.ts';
import { day } from './task-parts.tsx';

export type TfForms = { member: FormState; meeting: FormState; message: FormState; upload: FormState; charter: FormState };
export const NO_TF_FORMS: TfForms = { member: EMPTY_FORM, meeting: EMPTY_FORM, message: EMPTY_FORM, upload: EMPTY_FORM, charter: EMPTY_FORM };

interface CharterEntry {
  name?: string;
  unit?: string;
  baseline?: number;
  target?: number;
  due_on: string;
  title?: string;
  owner?: string;
}

function Charter({ ui, ws, form }: { ui: Ui; ws: Workspace; form: FormState }) {
  const { t } = ui;
  const { charter } = ws;
  const seat = ws.facts.seat;
  const mineAgreed = seat?.org_id != null && charter.agreed.some((a) => a.org_id === seat.org_id);
  return (
    <section aria-labelledby="charter-h">
      <h2 id="charter-h">{t('tf.charter', { version: charter.version })}</h2>
      <p>{t('tf.charterLead')}</p>
      <p class={charter.agreedByAll ? 'notice notice-success' : 'notice notice-warning'}>
        {charter.agreedByAll ? t('tf.charterAgreed') : t('tf.charterPending', { orgs: charter.pending.map((o) => o.name).join(', ') })}
      </p>
      {charter.agreed.length > 0 && (
        <ul class="row-list">
          {charter.agreed.map((a) => (
            <li key={a.org_id}>{t('tf.agreedBy', { org: a.org_name, person: a.agreed_by_name ?? '', at: formatDateTime(ui.locale, a.agreed_at) })}</li>
          ))}
        </ul>
      )}
      <ErrorSummary ui={ui} form={form} labels={{ charter: t('tf.agree') }} />
      {seat?.role === 'member' && !mineAgreed && ws.task.status === 'registered' && <PostButton ui={ui} action={`/tasks/${ws.task.id}/tf/agree`} label={t('tf.agree')} />}
      {charter.versions.length > 0 && (
        <details>
          <summary>{t('tf.charterHistory')}</summary>
          {charter.versions.map((v) => (
            <div key={v.version}>
              <h3>{t('tf.charterVersion', { version: v.version, at: formatDateTime(ui.locale, v.created_at) })}</h3>
              <ul>
                {(v.indicators as CharterEntry[]).map((i, n) => (
                  <li key={`i${n}`}>{t('tf.charterIndicator', { name: i.name ?? '', baseline: String(i.baseline), target: String(i.target), unit: i.unit ?? '', due: day(ui, i.due_on) })}</li>
                ))}
                {(v.milestones as CharterEntry[]).map((m, n) => (
                  <li key={`m${n}`}>{t('tf.charterMilestone', { title: m.title ?? '', owner: m.owner ?? '', due: day(ui, m.due_on) })}</li>
                ))}
              </ul>
              <p class="meta">
                {t('tf.charterAgreements', {
                  orgs:
                    ws.charter.agreements
                      .filter((a) => a.version === v.version)
                      .map((a) => a.org_name)
                      .join(', ') || t('task.none'),
                })}
              </p>
            </div>
          ))}
        </details>
      )}
    </section>
  );
}

function Members({ ui, ws, form }: { ui: Ui; ws: Workspace; form: FormState }) {
  const { t } = ui;
  const candidates = ws.candidates.length ? ws.candidates : ws.liaisonCandidates;
  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">{t('tf.members')}</h2>
      <ul class="row-list">
        {ws.members.map((m) => (
          <li key={m.user_id}>
            {m.name} <span class="meta">· {m.role === 'liaison' ? t('tf.liaison') : m.org_name}</span>{' '}
            {(ui.actor.kind === 'user' && (ui.actor.id === m.user_id || ui.actor.role === 'operator' || (ws.facts.seat?.role === 'member' && ws.facts.seat.org_id === m.org_id))) && (
              <PostButton ui={ui} action={`/tasks/${ws.task.id}/tf/members/${m.user_id}/delete`} label={t('tf.removeMember', { name: m.name })} variant="tertiary" />
            )}
          </li>
        ))}
      </ul>
      {candidates.length > 0 && (
        <Form ui={ui} action={`/tasks/${ws.task.id}/tf/members`}>
          <ErrorSummary ui={ui} form={form} labels={{ user: t('tf.addMember') }} />
          <SelectField ui={ui} form={form} name="user" label={t(ws.candidates.length ? 'tf.addMember' : 'tf.addLiaison')} options={candidates.map((c) => ({ value: String(c.id), label: c.name }))} />
          <SubmitButton label={t('tf.seat')} />
        </Form>
      )}
    </section>
  );
}

const ACTION_FIELDS = ['title', 'owner', 'due'] as const;

function Meetings({ ui, ws, form }: { ui: Ui; ws: Workspace; form: FormState }) {
  const { t } = ui;
  const owners = [{ value: '', label: t('task.ownerPick') }, ...ws.orgs.filter((o) => o.status === 'accepted').map((o) => ({ value: String(o.org_id), label: o.name }))];
  const labels: Record<string, string> = { heldOn: t('tf.heldOn'), title: t('tf.meetingTitle'), agenda: t('tf.agenda'), decisions: t('tf.decisions') };
  for (let i = 0; i < MAX_ACTIONS; i++) for (const field of ACTION_FIELDS) labels[`action.${i}.${field}`] = t(`tf.actionField.${field}` as MessageKey, { n: i + 1 });
  const working = can(ui.actor, 'tf.work', ws.facts);
  return (
    <section aria-labelledby="meetings-h">
      <h2 id="meetings-h">{t('tf.meetings')}</h2>
      {ws.meetings.length === 0 ? (
        <p class="empty">{t('tf.noMeetings')}</p>
      ) : (
        <ul class="messages">
          {ws.meetings.map((m) => (
            <li key={m.id} id={`meeting-${m.id}`} class="message">
              <h3>{t('tf.meetingHeading', { title: m.title, date: day(ui, m.held_on) })}</h3>
              <h4>{t('tf.agenda')}</h4>
              <p class="pre-line">{m.agenda}</p>
              <h4>{t('tf.decisions')}</h4>
              <p class="pre-line">{m.decisions || t('task.none')}</p>
              <ul>
                {ws.actions
                  .filter((a) => a.meeting_id === m.id)
                  .map((a) => (
                    <li key={a.id}>
                      {t('tf.actionLine', { title: a.title, owner: a.owner_name, due: day(ui, a.due_on) })} ·{' '}
                      {a.done_at ? t('tf.actionDone') : working ? <PostButton ui={ui} action={`/tasks/${ws.task.id}/tf/actions/${a.id}/done`} label={t('tf.markDone', { title: a.title })} variant="tertiary" /> : t('tf.actionOpen')}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {working && (
        <details open={Object.keys(form.errors).length > 0}>
          <summary>{t('tf.recordMeeting')}</summary>
          <ErrorSummary ui={ui} form={form} labels={labels} />
          <Form ui={ui} action={`/tasks/${ws.task.id}/tf/meetings`}>
            <TextField ui={ui} form={form} name="heldOn" type="date" label={labels.heldOn!} required />
            <TextField ui={ui} form={form} name="title" label={labels.title!} required maxLength={200} />
            <TextArea ui={ui} form={form} name="agenda" label={labels.agenda!} required maxLength={5000} rows={4} />
            <TextArea ui={ui} form={form} name="decisions" label={labels.decisions!} maxLength={5000} rows={4} />
            <fieldset class="form-group item-rows">
              <legend class="form-tit">{t('tf.actions')}</legend>
              {Array.from({ length: rowCount(form, 'action', ACTION_FIELDS, MAX_ACTIONS, { min: 2, spare: 1 }) }, (_, i) => (
                <div class="item-row" key={i}>
                  <TextField ui={ui} form={form} name={`action.${i}.title`} label={labels[`action.${i}.title`]!} maxLength={300} />
                  <SelectField ui={ui} form={form} name={`action.${i}.owner`} label={labels[`action.${i}.owner`]!} options={owners} />
                  <TextField ui={ui} form={form} name={`action.${i}.due`} type="date" label={labels[`action.${i}.due`]!} />
                </div>
              ))}
            </fieldset>
            <SubmitButton label={t('tf.saveMeeting')} />
          </Form>
        </details>
      )}
    </section>
  );
}

function Thread({ ui, ws, form }: { ui: Ui; ws: Workspace; form: FormState }) {
  const { t } = ui;
  return (
    <section aria-labelledby="thread-h">
      <h2 id="thread-h">{t('tf.thread')}</h2>
      {(ws.earlier !== null || ws.before !== null) && (
        <nav class="pager" aria-label={t('tf.threadPages')}>
          {ws.earlier !== null && (
            <a class="krds-btn tertiary" href={`/tasks/${ws.task.id}/tf?before=${ws.earlier}#thread-h`}>
              {t('tf.earlier')}
            </a>
          )}
          {ws.before !== null && (
            <a class="krds-btn tertiary" href={`/tasks/${ws.task.id}/tf#thread-h`}>
              {t('tf.newest')}
            </a>
          )}
        </nav>
      )}
      {ws.messages.length === 0 ? (
        <p class="empty">{t('tf.noMessages')}</p>
      ) : (
        <ol class="messages">
          {ws.messages.map((m) => (
            <li key={m.id} id={`message-${m.id}`} class="message">
              <p class="meta">{t('tf.messageMeta', { author: m.author_name ?? '', org: m.org_name ?? t('tf.liaison'), at: formatDateTime(ui.locale, m.created_at) })}</p>
              <p class="pre-line">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {can(ui.actor, 'tf.work', ws.facts) && (
        <Form ui={ui} action={`/tasks/${ws.task.id}/tf/messages`}>
          <ErrorSummary ui={ui} form={form} labels={{ body: t('tf.message') }} />
          <TextArea ui={ui} form={form} name="body" label={t('tf.message')} required maxLength={5000} rows={4} />
          <SubmitButton label={t('tf.send')} />
        </Form>
      )}
    </section>
  );
}

export function TfView({ ui, ws, forms, now }: { ui: Ui; ws: Workspace; forms: TfForms; now: Date }) {
  const { t } = ui;
  const { task } = ws;
  const title = t('tf.title', { title: task.title });
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { href: `/tasks/${task.id}`, label: task.title }, { label: t('tf.crumb') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('tf.lead')}</p>
      <p class="actions">
        <a class="krds-btn secondary" href={`/tasks/${task.id}`}>
          {t('tf.toTask')}
        </a>{' '}
        <a class="krds-btn secondary" href={`/tasks/${task.id}/staffing`}>
          {t('task.staffing')}
        </a>
      </p>
      <Charter ui={ui} ws={ws} form={forms.charter} />
      <Members ui={ui} ws={ws} form={forms.member} />
      <Meetings ui={ui} ws={ws} form={forms.meeting} />
      <section aria-labelledby="documents-h">
        <h2 id="documents-h">{t('tf.documents')}</h2>
        {ws.documents.length === 0 ? <p class="empty">{t('tf.noDocuments')}</p> : <AttachmentList ui={ui} files={ws.documents} hrefOf={(f) => `/tasks/${task.id}/tf/files/${f.id}`} />}
        {can(ui.actor, 'tf.work', ws.facts) && <UploadForm ui={ui} form={forms.upload} action={`/tasks/${task.id}/tf/files`} />}
      </section>
      <section aria-labelledby="sos-h">
        <h2 id="sos-h">{t('nav.sos')}</h2>
        {ws.sos.length === 0 ? (
          <p class="empty">{t('tf.noSos')}</p>
        ) : (
          <ul class="card-list">
            {ws.sos.map((ticket) => (
              <li key={ticket.id} class="card">
                <h3 class="card-title">
                  <a href={`/sos/${ticket.id}`}>{ticket.title}</a>
                </h3>
                <p class="badges">
                  <StatusBadge ui={ui} status={ticket.status} />
                </p>
                <DueTimes ui={ui} ticket={ticket} now={now} />
              </li>
            ))}
          </ul>
        )}
        {can(ui.actor, 'tf.work', ws.facts) && (
          <p>
            <a class="krds-btn secondary" href={`/sos/new?task=${task.id}`}>
              {t('tf.askSos')}
            </a>
          </p>
        )}
      </section>
      <Thread ui={ui} ws={ws} form={forms.message} />
    </Layout>
  );
}
