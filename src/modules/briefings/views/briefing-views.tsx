import type { ComponentChildren } from 'preact';
import { ErrorSummary, Form, type FormState, PostButton, SelectField, SubmitButton, TextArea, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { Markdown } from '../../../app/ui/markdown.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { AttachmentList, DemandCard, UploadForm } from '../../demands/index.ts';
import type { briefingForOperator, briefingPage, listAllBriefings, listBriefings } from '../briefings.service.ts';

type Page = Awaited<ReturnType<typeof briefingPage>>;
type Listed = Awaited<ReturnType<typeof listBriefings>>['upcoming'][number];

function When({ ui, briefing }: { ui: Ui; briefing: { starts_at: Date; minutes: number } }) {
  return <>{ui.t('briefing.whenValue', { start: formatDateTime(ui.locale, briefing.starts_at), minutes: briefing.minutes })}</>;
}

/** The place; an online session's address is linked only for those given it (see `mayJoinOnline`). */
function Where({ ui, briefing }: { ui: Ui; briefing: { online: boolean; online_url?: string | null; venue: string | null } }) {
  return (
    <>
      {briefing.venue}
      {briefing.venue && briefing.online && ' · '}
      {briefing.online &&
        (briefing.online_url ? (
          <a href={briefing.online_url} rel="nofollow noopener">
            {ui.t('briefing.online')}
          </a>
        ) : (
          ui.t('briefing.online')
        ))}
    </>
  );
}

function BriefingCard({ ui, briefing }: { ui: Ui; briefing: Listed }) {
  const { t } = ui;
  return (
    <li class="card">
      <h3 class="card-title">
        <a href={`/briefings/${briefing.id}`}>{briefing.title}</a>
      </h3>
      <p class="meta">
        <When ui={ui} briefing={briefing} /> · <Where ui={ui} briefing={briefing} /> ·{' '}
        {t('briefing.seatsShort', { capacity: formatNumber(ui.locale, briefing.capacity), registered: formatNumber(ui.locale, briefing.registered ?? 0) })}
      </p>
      {briefing.summary && <p class="summary">{briefing.summary.slice(0, 200)}</p>}
    </li>
  );
}

/** The briefings page around its shared part (`BriefingSections`). */
export function BriefingsView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('briefing.title')} crumbs={[{ label: t('briefing.title') }]} description={t('briefing.lead')}>
      <h1>{t('briefing.title')}</h1>
      <p class="lead">{t('briefing.lead')}</p>
      {children}
    </Layout>
  );
}

/** The coming and past briefings: the same for every reader. */
export function BriefingSections({ ui, list, onLaterPage }: { ui: Ui; list: Awaited<ReturnType<typeof listBriefings>>; onLaterPage: boolean }) {
  const { t } = ui;
  const section = (id: string, title: MessageKey, items: Listed[], empty: MessageKey, pager?: ComponentChildren) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {items.length === 0 ? (
        <p class="empty">{t(empty)}</p>
      ) : (
        <ul class="card-list">
          {items.map((b) => (
            <BriefingCard key={b.id} ui={ui} briefing={b} />
          ))}
        </ul>
      )}
      {pager}
    </section>
  );
  return (
    <>
      {!onLaterPage && section('upcoming-h', 'briefing.upcoming', list.upcoming, 'briefing.none')}
      {section(
        'past-h',
        'briefing.past',
        list.past.items,
        'briefing.nonePast',
        <Pager ui={ui} firstHref="/briefings" nextHref={list.past.nextCursor ? `/briefings${listQuery({}, list.past.nextCursor)}#past-h` : null} onLaterPage={onLaterPage} />,
      )}
    </>
  );
}

function Facts({ ui, page }: { ui: Ui; page: Page }) {
  const { t, locale } = ui;
  const { briefing } = page;
  return (
    <dl class="facts">
      <dt>{t('briefing.when')}</dt>
      <dd>
        <When ui={ui} briefing={briefing} /> · <a href={`/briefings/${briefing.id}.ics`}>{t('briefing.ics')}</a>
      </dd>
      <dt>{t('briefing.where')}</dt>
      <dd>
        <Where ui={ui} briefing={briefing} />
        {briefing.online && !briefing.online_url && !page.past && <p class="hint">{t('briefing.onlineLinkHint')}</p>}
      </dd>
      <dt>{t('briefing.seats')}</dt>
      <dd>
        {t('briefing.seatsValue', { capacity: formatNumber(locale, briefing.capacity), registered: formatNumber(locale, page.registered), waitlisted: formatNumber(locale, page.waitlisted) })}
      </dd>
    </dl>
  );
}

function Agenda({ ui, page, now }: { ui: Ui; page: Page; now: Date }) {
  const { t } = ui;
  return (
    <section aria-labelledby="agenda-h">
      <h2 id="agenda-h">{t('briefing.agenda')}</h2>
      {page.agenda.length === 0 ? (
        <p class="empty">{t('briefing.agendaNone')}</p>
      ) : (
        <ul class="card-list">
          {page.agenda.map((demand) => (
            <DemandCard key={demand.id} ui={ui} demand={demand} now={now} headingLevel={3}>
              <p>
                <span class={`krds-badge ${demand.confirmed ? 'bg-primary' : 'outline-gray'}`}>{t(demand.confirmed ? 'briefing.confirmed' : 'briefing.unconfirmed')}</span>
              </p>
            </DemandCard>
          ))}
        </ul>
      )}
    </section>
  );
}

function Participation({ ui, page, form }: { ui: Ui; page: Page; form: FormState }) {
  const { t, actor } = ui;
  const id = page.briefing.id;
  if (page.past) return null;
  if (actor.kind !== 'user') {
    return (
      <p>
        <a class="krds-btn" href={`/login?next=${encodeURIComponent(`/briefings/${id}`)}`}>
          {t('briefing.loginToRegister')}
        </a>
      </p>
    );
  }
  return (
    <section aria-labelledby="join-h">
      <h2 id="join-h">{t('briefing.register')}</h2>
      {page.toConfirm.map((demand) => (
        <PostButton key={demand.id} ui={ui} action={`/briefings/${id}/agenda/${demand.id}/confirm`} label={t('briefing.confirm', { title: demand.title })} />
      ))}
      {page.mine ? (
        <>
          <p class="notice notice-success">{t(page.mine === 'registered' ? 'briefing.youRegistered' : 'briefing.youWaitlisted')}</p>
          <PostButton ui={ui} action={`/briefings/${id}/cancel`} label={t('briefing.cancel')} variant="secondary" />
        </>
      ) : (
        <Form ui={ui} action={`/briefings/${id}/register`}>
          <ErrorSummary ui={ui} form={form} labels={{ org: t('briefing.registerAs') }} />
          {page.myOrgs.length > 0 && (
            <SelectField
              ui={ui}
              form={form}
              name="org"
              label={t('briefing.registerAs')}
              options={[{ value: '', label: t('briefing.registerAsNone') }, ...page.myOrgs.map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          )}
          <SubmitButton label={t('briefing.register')} />
        </Form>
      )}
    </section>
  );
}

function Outcome({ ui, page }: { ui: Ui; page: Page }) {
  const { t } = ui;
  const { briefing } = page;
  return (
    <>
      {briefing.recap_published_at && (
        <section aria-labelledby="recap-h">
          <h2 id="recap-h">{t('briefing.recap')}</h2>
          <Markdown text={briefing.recap} />
        </section>
      )}
      {page.materials.length > 0 && (
        <section aria-labelledby="materials-h">
          <h2 id="materials-h">{t('briefing.materials')}</h2>
          <AttachmentList ui={ui} files={page.materials} hrefOf={(file) => `/briefings/${briefing.id}/files/${file.id}`} />
        </section>
      )}
    </>
  );
}

export function BriefingView({ ui, page, form, now }: { ui: Ui; page: Page; form: FormState; now: Date }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={page.briefing.title} crumbs={[{ href: '/briefings', label: t('briefing.title') }, { label: page.briefing.title }]} description={page.briefing.summary || undefined}>
      <h1>{page.briefing.title}</h1>
      {page.briefing.summary && <p class="lead">{page.briefing.summary}</p>}
      <Facts ui={ui} page={page} />
      <Outcome ui={ui} page={page} />
      <Participation ui={ui} page={page} form={form} />
      <Agenda ui={ui} page={page} now={now} />
    </Layout>
  );
}

const adminCrumbs = (ui: Ui) => [
  { href: '/admin', label: ui.t('admin.title') },
  { href: '/admin/briefings', label: ui.t('briefing.adminTitle') },
];

const fieldLabels = (ui: Ui) => ({
  title: ui.t('briefing.fieldTitle'),
  summary: ui.t('briefing.fieldSummary'),
  date: ui.t('briefing.fieldDate'),
  time: ui.t('briefing.fieldTime'),
  minutes: ui.t('briefing.fieldMinutes'),
  onlineUrl: ui.t('briefing.fieldOnlineUrl'),
  venue: ui.t('briefing.fieldVenue'),
  capacity: ui.t('briefing.fieldCapacity'),
});

/** The briefing's own details, for creating and for editing one. */
function BriefingForm({ ui, form, action, submit }: { ui: Ui; form: FormState; action: string; submit: string }) {
  const { t } = ui;
  const labels = fieldLabels(ui);
  return (
    <>
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action={action}>
        <TextField ui={ui} form={form} name="title" label={labels.title} hint={t('briefing.fieldTitleHint')} required maxLength={200} />
        <TextArea ui={ui} form={form} name="summary" label={labels.summary} maxLength={3000} rows={3} />
        <TextField ui={ui} form={form} name="date" type="date" label={labels.date} required />
        <TextField ui={ui} form={form} name="time" label={labels.time} hint={t('briefing.fieldTimeHint')} required maxLength={5} />
        <TextField ui={ui} form={form} name="minutes" label={labels.minutes} required inputMode="numeric" maxLength={3} />
        <TextField ui={ui} form={form} name="onlineUrl" type="url" label={labels.onlineUrl} hint={t('briefing.fieldOnlineUrlHint')} maxLength={500} />
        <TextField ui={ui} form={form} name="venue" label={labels.venue} maxLength={300} />
        <TextField ui={ui} form={form} name="capacity" label={labels.capacity} required inputMode="numeric" maxLength={4} />
        <SubmitButton label={submit} />
      </Form>
    </>
  );
}

export function BriefingsAdminView({ ui, briefings, form }: { ui: Ui; briefings: Awaited<ReturnType<typeof listAllBriefings>>; form: FormState }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('briefing.adminTitle')} crumbs={[adminCrumbs(ui)[0]!, { label: t('briefing.adminTitle') }]}>
      <h1>{t('briefing.adminTitle')}</h1>
      {briefings.length === 0 ? (
        <p class="empty">{t('briefing.adminNone')}</p>
      ) : (
        <ul class="plain-list">
          {briefings.map((b) => (
            <li key={b.id}>
              <a href={`/admin/briefings/${b.id}`}>{b.title}</a> <span class="meta">· {formatDateTime(ui.locale, b.starts_at)}</span>{' '}
              {!b.published_at && <span class="krds-badge outline-gray">{t('briefing.draft')}</span>}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="create-h">
        <h2 id="create-h">{t('briefing.create')}</h2>
        <BriefingForm ui={ui} form={form} action="/admin/briefings" submit={t('briefing.create')} />
      </section>
    </Layout>
  );
}

/** Which form on the operator's page a 422 belongs to. */
export type BriefingFormName = 'group' | 'recap' | 'upload' | 'edit';

export function BriefingAdminView({ ui, data, form, which, now }: { ui: Ui; data: Awaited<ReturnType<typeof briefingForOperator>>; form: FormState; which: BriefingFormName | null; now: Date }) {
  const { t } = ui;
  const { briefing } = data;
  const formOf = (name: BriefingFormName): FormState => (which === name ? form : { values: {}, errors: {} });
  const groupLabel = (g: (typeof data.groups)[number]) =>
    t('briefing.group', { theme: ui.locale === 'en' ? g.themeEn : g.theme, sector: g.sector === 'any' ? t('briefing.sectorAny') : t(`sector.${g.sector}` as MessageKey), count: g.count });
  return (
    <Layout ui={ui} title={briefing.title} crumbs={[...adminCrumbs(ui), { label: briefing.title }]}>
      <h1>{briefing.title}</h1>
      <p>
        <a href={`/briefings/${briefing.id}`}>{briefing.published_at ? t('briefing.published') : t('briefing.draft')}</a>
      </p>
      <Facts ui={ui} page={data} />
      {which === 'group' && Object.keys(form.errors).length > 0 && (
        <div class="notice notice-warning" role="alert">
          {Object.values(form.errors).map((key) => (
            <p key={key}>{t(key)}</p>
          ))}
        </div>
      )}
      <section aria-labelledby="groups-h">
        <h2 id="groups-h">{t('briefing.groups')}</h2>
        <p>{t('briefing.groupsLead')}</p>
        {data.groups.length === 0 ? (
          <p class="empty">{t('briefing.groupsNone')}</p>
        ) : (
          <ul class="plain-list">
            {data.groups.map((g) => (
              <li key={`${g.themeId}-${g.sector}`}>
                <Form ui={ui} action={`/admin/briefings/${briefing.id}/agenda`} class="inline-form">
                  <input type="hidden" name="theme" value={String(g.themeId)} />
                  <input type="hidden" name="sector" value={g.sector} />
                  <button type="submit" class="krds-btn small secondary">
                    {t('briefing.addGroup', { group: groupLabel(g) })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Agenda ui={ui} page={data} now={now} />
      {data.agenda.map((demand) => (
        <PostButton key={demand.id} ui={ui} action={`/admin/briefings/${briefing.id}/agenda/${demand.id}/delete`} label={t('briefing.removeDemand', { title: demand.title })} variant="tertiary" />
      ))}
      {!briefing.published_at && <PostButton ui={ui} action={`/admin/briefings/${briefing.id}/publish`} label={t('briefing.publish')} />}
      <section aria-labelledby="registrations-h">
        <h2 id="registrations-h">{t('briefing.registrations')}</h2>
        {data.registrations.length === 0 ? (
          <p class="empty">{t('briefing.registrationsNone')}</p>
        ) : (
          <ol>
            {data.registrations.map((r) => (
              <li key={r.id}>
                {r.name}
                {r.org_name && ` (${r.org_name})`} — {t(`briefing.status.${r.status}` as MessageKey)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="recap-form-h">
        <h2 id="recap-form-h">{t('briefing.recap')}</h2>
        <ErrorSummary ui={ui} form={formOf('recap')} labels={{ recap: t('briefing.recapField') }} />
        <Form ui={ui} action={`/admin/briefings/${briefing.id}/recap`}>
          <TextArea ui={ui} form={which === 'recap' ? form : { values: { recap: briefing.recap }, errors: {} }} name="recap" label={t('briefing.recapField')} required maxLength={20000} rows={8} />
          <SubmitButton label={t('briefing.recapPublish')} />
        </Form>
        <h3>{t('briefing.materials')}</h3>
        <AttachmentList ui={ui} files={data.materials} hrefOf={(file) => `/briefings/${briefing.id}/files/${file.id}`} />
        <UploadForm ui={ui} form={formOf('upload')} action={`/admin/briefings/${briefing.id}/files`} />
      </section>
      <section aria-labelledby="edit-h">
        <h2 id="edit-h">{t('briefing.edit')}</h2>
        <p>{t('briefing.editHint')}</p>
        <BriefingForm ui={ui} form={which === 'edit' ? { ...form, idPrefix: 'edit-' } : { values: data.formValues, errors: {}, idPrefix: 'edit-' }} action={`/admin/briefings/${briefing.id}/edit`} submit={t('briefing.save')} />
      </section>
    </Layout>
  );
}
