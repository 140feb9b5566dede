import { ErrorSummary, Form, type FormState, PostButton, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate } from '../../../shared/i18n/index.ts';
import type { getMembersPage } from '../orgs.service.ts';

type MembersPage = Awaited<ReturnType<typeof getMembersPage>>;

export function MembersView({ ui, page, invite }: { ui: Ui; page: MembersPage; invite: FormState }) {
  const { t } = ui;
  const { org, members } = page;
  const requests = members.filter((m) => m.status === 'requested');
  const active = members.filter((m) => m.status === 'active');
  return (
    <Layout
      ui={ui}
      title={`${t('org.manageMembers')} — ${org.name}`}
      crumbs={[{ href: '/orgs', label: t('org.directoryTitle') }, { href: `/orgs/${org.id}`, label: org.name }, { label: t('org.manageMembers') }]}
    >
      <h1>{t('org.manageMembers')}</h1>
      <p class="lead">{org.name}</p>
      <section aria-labelledby="requests-h">
        <h2 id="requests-h">{t('org.requests')}</h2>
        {requests.length === 0 ? (
          <p>{t('org.noRequests')}</p>
        ) : (
          <ul class="row-list">
            {requests.map((m) => (
              <li key={m.id}>
                <span>
                  {m.name} ({m.email}) · {formatDate(ui.locale, m.created_at)}
                </span>
                <PostButton ui={ui} action={`/orgs/${org.id}/members/${m.id}/approve`} label={t('org.approve')} />
                <PostButton ui={ui} action={`/orgs/${org.id}/members/${m.id}/decline`} label={t('org.decline')} variant="secondary" />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="members-h">
        <h2 id="members-h">{t('org.members')}</h2>
        <ul class="row-list">
          {active.map((m) => (
            <li key={m.id}>
              <span>
                {m.name || t('account.deletedUser')} {m.email && `(${m.email})`} — {t(`role.${m.role}`)}
              </span>
              {m.role === 'member' && (
                <Form ui={ui} action={`/orgs/${org.id}/members/${m.id}/role`} class="inline-form">
                  <input type="hidden" name="role" value="admin" />
                  <button type="submit" class="krds-btn small tertiary">
                    {t('org.makeAdmin')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="invite-h">
        <h2 id="invite-h">{t('org.invite')}</h2>
        <ErrorSummary ui={ui} form={invite} />
        <Form ui={ui} action={`/orgs/${org.id}/invitations`}>
          <TextField ui={ui} form={invite} name="email" type="email" label={t('account.email')} required maxLength={254} />
          <SubmitButton label={t('org.inviteSubmit')} />
        </Form>
      </section>
    </Layout>
  );
}

export function InvitationView({ ui, orgName, token, form }: { ui: Ui; orgName: string; token: string; form: FormState }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('org.invitationTitle')} crumbs={[{ label: t('org.invitationTitle') }]}>
      <h1>{t('org.invitationTitle')}</h1>
      <p class="lead">{t('org.invitationLead', { org: orgName })}</p>
      <ErrorSummary ui={ui} form={form} />
      {ui.actor.kind === 'user' ? (
        <Form ui={ui} action={`/invitations/${token}`}>
          <SubmitButton label={t('org.invitationAccept')} />
        </Form>
      ) : (
        <p>
          {t('org.invitationLogin')}{' '}
          <a href={`/login?next=${encodeURIComponent(`/invitations/${token}`)}`}>{t('layout.login')}</a> ·{' '}
          <a href="/signup">{t('layout.signup')}</a>
        </p>
      )}
    </Layout>
  );
}
