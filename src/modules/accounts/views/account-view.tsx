import { ErrorSummary, Form, type FormState, PostButton, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDate, type MessageKey } from '../../../shared/i18n/index.ts';
import type { AccountView as Account } from '../accounts.service.ts';
import { NewPasswordFields, passwordLabels } from './auth-views.tsx';

interface Props {
  ui: Ui;
  account: Account;
  /** The names of the installation's sign-in providers, by id. */
  providerNames: ReadonlyMap<string, string>;
  /** Which of the page's forms failed, with its state. */
  failed?: { form: AccountForm; state: FormState } | undefined;
}

type AccountForm = 'password' | 'delete' | 'totp' | 'identity';

export function AccountView({ ui, account, providerNames, failed }: Props) {
  const { t } = ui;
  const { orgs } = account;
  const stateOf = (form: AccountForm): FormState =>
    failed?.form === form ? { ...failed.state, idPrefix: `${form}-` } : { values: {}, errors: {}, idPrefix: `${form}-` };
  return (
    <Layout ui={ui} title={t('account.pageTitle')} crumbs={[{ label: t('account.pageTitle') }]}>
      <h1>{t('account.pageTitle')}</h1>
      {failed && <ErrorSummary ui={ui} form={stateOf(failed.form)} labels={passwordLabels(ui, { code: t('account.totpCode'), confirmEmail: t('account.deleteConfirmEmail'), provider: t('account.identities') }, t('account.newPassword'))} />}
      <section aria-labelledby="profile-h">
        <h2 id="profile-h">{t('account.profile')}</h2>
        <dl class="facts">
          <dt>{t('account.name')}</dt>
          <dd>{account.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{account.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`role.${account.role}` as MessageKey)}</dd>
        </dl>
      </section>
      <section aria-labelledby="orgs-h">
        <h2 id="orgs-h">{t('account.memberships')}</h2>
        {orgs.length ? (
          <ul class="plain-links">
            {orgs.map((o) => (
              <li key={o.id}>
                <a href={`/orgs/${o.id}`}>{o.name}</a> — {t(`role.${o.role}`)}
                {o.membership === 'requested' && ` (${t('org.joinPending')})`}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('account.noMemberships')}</p>
        )}
        <p class="actions">
          {orgs.some((o) => o.membership === 'active') && (
            <>
              <a class="krds-btn small" href="/demands/mine">
                {t('demand.mineTitle')}
              </a>
              <a class="krds-btn small" href="/replies/mine">
                {t('reply.mineTitle')}
              </a>
            </>
          )}
          <a class="krds-btn secondary small" href="/orgs/new">
            {t('home.ctaJoin')}
          </a>
        </p>
      </section>
      <section aria-labelledby="api-h">
        <h2 id="api-h">{t('api.tokensTitle')}</h2>
        <p>
          <a href="/account/tokens">{t('api.accountLink')}</a>
        </p>
      </section>
      {(account.totpEnabled || account.totpSecretProposal) && (
        <section aria-labelledby="totp-h">
          <h2 id="totp-h">{t('account.totpTitle')}</h2>
          {account.totpEnabled ? (
            <p>{t('account.totpOn')}</p>
          ) : (
            <>
              <p>{t('account.totpLead')}</p>
              <p>
                {t('account.totpSecret')}: <code class="secret">{account.totpSecretProposal}</code>
              </p>
              {account.totpUri && (
                <p>
                  <a href={account.totpUri}>{t('account.totpOpenApp')}</a>
                </p>
              )}
              <Form ui={ui} action="/account/totp">
                <input type="hidden" name="secret" value={account.totpSecretProposal ?? ''} />
                <TextField ui={ui} form={stateOf('totp')} name="code" label={t('account.totpCode')} required autocomplete="one-time-code" />
                <SubmitButton label={t('account.totpEnable')} />
              </Form>
            </>
          )}
        </section>
      )}
      {account.identities.length > 0 && (
        <section aria-labelledby="identities-h" id="f-identity-provider">
          <h2 id="identities-h">{t('account.identities')}</h2>
          <ul class="plain-links">
            {account.identities.map((identity) => (
              <li key={identity.provider}>
                {providerNames.get(identity.provider) ?? identity.provider} — {identity.email} ({t('account.identityLinked', { date: formatDate(ui.locale, identity.createdAt) })}){' '}
                <PostButton ui={ui} action={`/account/identities/${identity.provider}/unlink`} label={t('account.unlink')} variant="tertiary" />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="password-h">
        <h2 id="password-h">{t(account.hasPassword ? 'account.changePassword' : 'account.setPassword')}</h2>
        {account.hasPassword ? (
          <Form ui={ui} action="/account/password">
            <TextField ui={ui} form={stateOf('password')} name="currentPassword" type="password" label={t('account.currentPassword')} required autocomplete="current-password" />
            <NewPasswordFields ui={ui} form={stateOf('password')} label={t('account.newPassword')} />
            <SubmitButton label={t('account.changePassword')} />
          </Form>
        ) : (
          <>
            <p>{t('account.noPassword')}</p>
            <p>
              <a href="/password/forgot">{t('account.setPassword')}</a>
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="delete-h" class="danger-zone">
        <h2 id="delete-h">{t('account.deleteTitle')}</h2>
        <p>{t('account.deleteLead')}</p>
        <Form ui={ui} action="/account/delete">
          {account.hasPassword ? (
            <TextField ui={ui} form={stateOf('delete')} name="currentPassword" type="password" label={t('account.deleteConfirm')} required autocomplete="current-password" />
          ) : (
            <TextField ui={ui} form={stateOf('delete')} name="confirmEmail" type="email" label={t('account.deleteConfirmEmail')} required autocomplete="off" />
          )}
          <div class="form-actions">
            <button type="submit" class="krds-btn secondary">
              {t('account.deleteSubmit')}
            </button>
          </div>
        </Form>
      </section>
    </Layout>
  );
}
