import type { ComponentChildren } from 'preact';
import { ErrorSummary, Form, type FormState, PostButton, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout, offered } from '../../../app/ui/layout.tsx';
import { listQuery, Pager, QueueHeadNote } from '../../../app/ui/pager.tsx';
import type { Feature } from '../../../config.ts';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { Page, QueueHead } from '../../../db/pagination.ts';
import { formatDateTime, formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { GLOBAL_ROLES, type listUsers, USERS_COUNT_LIMIT, type UserFilter } from '../../accounts/index.ts';
import { type OrgSummary, type Region, regionLabel, sectorLabel } from '../../orgs/index.ts';
import type { getOutboxMail, listAudit, listOutbox } from '../admin.service.ts';
import type { closuresPage } from '../closures.service.ts';

/** The console's sections, each with the features it belongs to (none: always there). */
const SECTIONS: [string, MessageKey, Feature[]][] = [
  ['/admin', 'admin.verifications', []],
  ['/admin/capabilities', 'admin.capabilities', []],
  ['/admin/themes', 'admin.themes', ['demands', 'tasks']],
  ['/admin/regions', 'admin.regions', []],
  ['/admin/users', 'admin.users', []],
  ['/admin/outbox', 'admin.outbox', []],
  ['/admin/audit', 'admin.audit', []],
  ['/admin/closures', 'closure.title', []],
  ['/admin/briefings', 'briefing.adminTitle', ['demands']],
  ['/admin/reviews', 'review.adminTitle', ['demands', 'tasks']],
  ['/admin/tasks', 'portfolio.title', ['tasks']],
  ['/admin/sos', 'sos.queueTitle', ['sos']],
  ['/admin/forum', 'forum.adminTitle', ['forum']],
  ['/admin/recognition', 'recognition.adminTitle', ['demands']],
  ['/admin/exports', 'exports.title', []],
];

function AdminLayout({ ui, title, children }: { ui: Ui; title: string; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/admin', label: t('admin.title') }, { label: title }]}>
      <h1>{title}</h1>
      <nav aria-label={t('admin.title')} class="sub-nav">
        <ul>
          {SECTIONS.filter(([, , features]) => offered(ui, features)).map(([href, key]) => (
            <li key={href}>
              <a href={href} aria-current={ui.path.split('?')[0] === href ? 'page' : undefined}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Layout>
  );
}

/** The verification queue's page around its `VerificationQueue` (shared by the operators). */
export function VerificationQueueView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  return (
    <AdminLayout ui={ui} title={ui.t('admin.verifications')}>
      {children}
    </AdminLayout>
  );
}

/** The organisations waiting, oldest request first, each with its verify button and reject form (`reject`: one refused, with what was typed). */
export function VerificationQueue({ ui, queue, reject }: { ui: Ui; queue: QueueHead<OrgSummary>; reject?: { orgId: number; form: FormState } | undefined }) {
  const { t, locale } = ui;
  return (
    <>
      {queue.total === 0 ? (
        <p class="empty">{t('admin.verificationsEmpty')}</p>
      ) : (
        <p class="lead">{t('admin.verificationsWaiting', { count: formatNumber(locale, queue.total) })}</p>
      )}
      <QueueHeadNote ui={ui} head={queue} />
      {queue.items.length > 0 && (
        <ul class="card-list">
          {queue.items.map((org) => {
            const form: FormState = reject?.orgId === org.id ? { ...reject.form, idPrefix: `r${org.id}-` } : { values: {}, errors: {}, idPrefix: `r${org.id}-` };
            return (
              <li key={org.id} class="card">
                <h2 class="card-title">
                  <a href={`/orgs/${org.id}`}>{org.name}</a>
                </h2>
                <p class="meta">
                  {sectorLabel(ui, org.sector)} · {regionLabel(ui, org)}
                </p>
                {org.description && <p class="summary">{org.description.slice(0, 300)}</p>}
                <PostButton ui={ui} action={`/admin/orgs/${org.id}/verify`} label={t('admin.verify')} />
                <ErrorSummary ui={ui} form={form} />
                <Form ui={ui} action={`/admin/orgs/${org.id}/reject`} class="reject-form">
                  <TextField ui={ui} form={form} name="reason" label={t('admin.rejectReason')} required maxLength={1000} />
                  <button type="submit" class="krds-btn secondary small">
                    {t('admin.reject')}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export interface TaxonomyPage {
  path: string;
  title: MessageKey;
  add: MessageKey;
}

/** An operator-managed list of names (capabilities, themes): add one, archive one. */
export function TaxonomyView({ ui, page, items, form }: { ui: Ui; page: TaxonomyPage; items: { id: number; name: string; name_en: string }[]; form: FormState }) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={t(page.title)}>
      <ErrorSummary ui={ui} form={form} />
      <Form ui={ui} action={page.path}>
        <TextField ui={ui} form={form} name="name" label={t('admin.capabilityName')} required maxLength={50} />
        <TextField ui={ui} form={form} name="nameEn" label={t('admin.capabilityNameEn')} required maxLength={80} />
        <SubmitButton label={t(page.add)} />
      </Form>
      <ul class="row-list">
        {items.map((item) => (
          <li key={item.id}>
            <span>
              {item.name} / {item.name_en}
            </span>
            <PostButton ui={ui} action={`${page.path}/${item.id}/archive`} label={t('admin.capabilityArchive')} variant="tertiary" />
          </li>
        ))}
      </ul>
    </AdminLayout>
  );
}

export function RegionsView({ ui, regions, form }: { ui: Ui; regions: Region[]; form: FormState }) {
  const { t } = ui;
  const provinces = regions.filter((r) => r.parent_code === null);
  return (
    <AdminLayout ui={ui} title={t('admin.regions')}>
      <p>{t('admin.regionsLead')}</p>
      <ErrorSummary ui={ui} form={form} />
      <Form ui={ui} action="/admin/regions">
        <SelectField ui={ui} form={form} name="province" label={t('admin.province')} required options={provinces.map((p) => ({ value: p.code, label: p.name }))} />
        <TextField ui={ui} form={form} name="name" label={t('admin.districtName')} required maxLength={30} />
        <SubmitButton label={t('admin.districtAdd')} />
      </Form>
      {provinces.map((province) => (
        <details key={province.code} class="region-group">
          <summary>{province.name}</summary>
          <ul class="row-list">
            {[province, ...regions.filter((r) => r.parent_code === province.code)].map((region) => (
              <li key={region.code}>
                <Form ui={ui} action={`/admin/regions/${region.code}`} class="inline-form">
                  <label for={`region-${region.code}`}>
                    {region.name} <span class="sr-only">{t('admin.regionRename')}</span>
                  </label>
                  <input id={`region-${region.code}`} name="name" class="krds-input small-input" value={region.name} maxLength={30} required />
                  <button type="submit" class="krds-btn small tertiary">
                    {t('admin.regionRenameSubmit')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </AdminLayout>
  );
}

/** The people on the platform, newest first, found by name or e-mail and by role; each one's role set in place. */
export function UsersView({ ui, list, filter }: { ui: Ui; list: Awaited<ReturnType<typeof listUsers>>; filter: UserFilter }) {
  const { t, locale } = ui;
  const { page, total } = list;
  const values = { q: filter.q ?? '', role: filter.role ?? '' };
  const roles = GLOBAL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const filtered = !!(filter.q || filter.role);
  const here = `/admin/users${listQuery(values, filter.after)}`;
  return (
    <AdminLayout ui={ui} title={t('admin.users')}>
      <form method="get" action="/admin/users" class="filter-form">
        <TextField ui={ui} form={{ values, errors: {} }} name="q" type="search" label={t('admin.userSearch')} maxLength={100} />
        <SelectField ui={ui} form={{ values, errors: {} }} name="role" label={t('account.role')} options={[{ value: '', label: t('admin.anyRole') }, ...roles]} />
        <SubmitButton label={t('org.searchSubmit')} />
      </form>
      {total > 0 && (
        <p class="result-count" role="status">
          {total > USERS_COUNT_LIMIT
            ? t(filtered ? 'admin.usersFoundMany' : 'admin.usersAllMany', { count: formatNumber(locale, USERS_COUNT_LIMIT) })
            : t(filtered ? 'admin.usersFound' : 'admin.usersAll', { count: formatNumber(locale, total) })}
        </p>
      )}
      {page.items.length === 0 ? (
        <p class="empty">{t(filter.after ? 'admin.usersNoMore' : 'admin.usersNone')}</p>
      ) : (
        <ScrollTable label={t('admin.users')}>
          <table class="tbl col data">
            <caption>{t('admin.users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.name')}</th>
                <th scope="col">{t('account.email')}</th>
                <th scope="col">{t('account.role')}</th>
                <th scope="col" id="set-role-h">
                  {t('admin.setRole')}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((u) => (
                <tr key={u.id}>
                  <td id={`user-${u.id}-name`}>{u.deleted_at ? t('account.deletedUser') : u.name}</td>
                  <td>{u.email}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>
                    {!u.deleted_at && (
                      <Form ui={ui} action={`/admin/users/${u.id}/role`} class="inline-form">
                        <input type="hidden" name="back" value={here} />
                        {/* Named by its column and row, both on screen, rather than by a hidden label. */}
                        <select id={`role-${u.id}`} name="role" class="krds-form-select" aria-labelledby={`set-role-h user-${u.id}-name`}>
                          {roles.map((r) => (
                            <option key={r.value} value={r.value} selected={r.value === u.role}>
                              {r.label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="krds-btn small tertiary">
                          {t('admin.setRole')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <Pager
        ui={ui}
        firstHref={`/admin/users${listQuery(values)}`}
        nextHref={page.nextCursor ? `/admin/users${listQuery(values, page.nextCursor)}` : null}
        onLaterPage={!!filter.after}
      />
    </AdminLayout>
  );
}

export function OutboxView({ ui, mails, onLaterPage }: { ui: Ui; mails: Awaited<ReturnType<typeof listOutbox>>; onLaterPage: boolean }) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={t('admin.outbox')}>
      <p>{t('admin.outboxLead')}</p>
      {mails.items.length === 0 ? (
        <p class="empty">{t('admin.outboxEmpty')}</p>
      ) : (
        <ScrollTable label={t('admin.outbox')}>
          <table class="tbl col data">
            <caption>{t('admin.outbox')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.when')}</th>
                <th scope="col">{t('admin.to')}</th>
                <th scope="col">{t('admin.subject')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(ui.locale, m.created_at)}</td>
                  <td>{m.to_address}</td>
                  <td>
                    <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
                  </td>
                  <td>{t(`mailStatus.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <LogPager ui={ui} path="/admin/outbox" page={mails} onLaterPage={onLaterPage} />
    </AdminLayout>
  );
}

/** Links in mail bodies become clickable so the demo works without a mail server. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export function OutboxMailView({ ui, mail }: { ui: Ui; mail: Awaited<ReturnType<typeof getOutboxMail>> }) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={mail.subject}>
      <dl class="facts">
        <dt>{t('admin.to')}</dt>
        <dd>{mail.to_address}</dd>
        <dt>{t('admin.when')}</dt>
        <dd>{formatDateTime(ui.locale, mail.created_at)}</dd>
        <dt>{t('admin.status')}</dt>
        <dd>{t(`mailStatus.${mail.status}`)}</dd>
      </dl>
      <pre class="mail-body">{linkify(mail.body_text)}</pre>
    </AdminLayout>
  );
}

/** The audit log's page around its `AuditEntries` (shared by the operators). */
export function AuditView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  return (
    <AdminLayout ui={ui} title={ui.t('admin.audit')}>
      {children}
    </AdminLayout>
  );
}

/** The audit log, newest first, a page at a time. */
export function AuditEntries({ ui, entries, onLaterPage }: { ui: Ui; entries: Awaited<ReturnType<typeof listAudit>>; onLaterPage: boolean }) {
  const { t } = ui;
  return (
    <>
      {entries.items.length === 0 ? (
        <p class="empty">{t('admin.auditEmpty')}</p>
      ) : (
        <ScrollTable label={t('admin.audit')}>
          <table class="tbl col data">
            <caption>{t('admin.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.when')}</th>
                <th scope="col">{t('admin.actor')}</th>
                <th scope="col">{t('admin.action')}</th>
                <th scope="col">{t('admin.target')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(ui.locale, e.at)}</td>
                  <td>{e.actor_name ?? '—'}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target_type ? `${e.target_type} #${e.target_id}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <LogPager ui={ui} path="/admin/audit" page={entries} onLaterPage={onLaterPage} />
    </>
  );
}

/** To older entries of a log read newest first (`?after=`), and back to the newest. */
function LogPager({ ui, path, page, onLaterPage }: { ui: Ui; path: string; page: Page<unknown>; onLaterPage: boolean }) {
  return <Pager ui={ui} firstHref={path} nextHref={page.nextCursor ? `${path}${listQuery({}, page.nextCursor)}` : null} onLaterPage={onLaterPage} />;
}

/** 임시공휴일 and local closures, and whether the gazette's holidays are known for this year and the next. */
export function ClosuresView({ ui, data, form }: { ui: Ui; data: Awaited<ReturnType<typeof closuresPage>>; form: FormState }) {
  const { t } = ui;
  const labels = { day: t('closure.day'), name: t('closure.name') };
  return (
    <AdminLayout ui={ui} title={t('closure.title')}>
      <p class="lead">{t('closure.lead')}</p>
      {data.covered.map((c) => (
        <p key={c.year} class={c.known ? 'notice notice-success' : 'notice notice-warning'}>
          {t(c.known ? 'closure.known' : 'closure.unknown', { year: c.year })}
        </p>
      ))}
      <ErrorSummary ui={ui} form={form} labels={labels} />
      <Form ui={ui} action="/admin/closures">
        <TextField ui={ui} form={form} name="day" type="date" label={labels.day} required />
        <TextField ui={ui} form={form} name="name" label={labels.name} hint={t('closure.nameHint')} required maxLength={100} />
        <SubmitButton label={t('closure.add')} />
      </Form>
      {data.closures.length === 0 ? (
        <p class="empty">{t('closure.none')}</p>
      ) : (
        <ul class="row-list">
          {data.closures.map((c) => (
            <li key={c.day}>
              <span>
                {c.day} {c.name}
              </span>
              <PostButton ui={ui} action={`/admin/closures/${c.day}/delete`} label={t('closure.remove', { day: c.day })} variant="tertiary" />
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
