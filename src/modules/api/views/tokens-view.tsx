import { CheckboxGroup, ErrorSummary, Form, type FormState, PostButton, RadioGroup, SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import { SecretOnceView } from '../../../app/ui/secret-once.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import { LIFETIMES, SCOPES } from '../../../app/api-routes.ts';
import type { TokenRow } from '../tokens.service.ts';

export interface TokensPage {
  tokens: TokenRow[];
  /** Organisations whose tokens the person may make. */
  orgs: { id: number; name: string }[];
  now: Date;
}

const scopeLabel = (ui: Ui, scope: string) => ui.t(`api.scope.${scope}` as MessageKey);

function TokenState({ ui, token, now }: { ui: Ui; token: TokenRow; now: Date }) {
  const { t, locale } = ui;
  if (token.revoked_at) return <>{t('api.tokenRevokedAt', { at: formatDateTime(locale, token.revoked_at) })}</>;
  if (token.expires_at && token.expires_at <= now) return <>{t('api.tokenExpired')}</>;
  return <>{token.expires_at ? t('api.tokenUntil', { at: formatDateTime(locale, token.expires_at) }) : ''}</>;
}

/** The person's API tokens (and their organisations'), each revocable, and the form for a new one. */
export function TokensView({ ui, page, form }: { ui: Ui; page: TokensPage; form: FormState }) {
  const { t, locale } = ui;
  const labels = { name: t('api.tokenName'), owner: t('api.tokenOwner'), scopes: t('api.tokenScopes'), days: t('api.tokenDays') };
  return (
    <Layout ui={ui} title={t('api.tokensTitle')} crumbs={[{ href: '/account', label: t('account.pageTitle') }, { label: t('api.tokensTitle') }]}>
      <h1>{t('api.tokensTitle')}</h1>
      <p>{t('api.tokensLead')}</p>
      <p>
        <a href="/developers">{t('api.docsTitle')}</a>
      </p>
      <section aria-labelledby="tokens-h">
        <h2 id="tokens-h">{t('api.tokensList')}</h2>
        {page.tokens.length === 0 ? (
          <p>{t('api.tokensNone')}</p>
        ) : (
          <ScrollTable label={t('api.tokensList')}>
            <table class="krds-table">
              <thead>
                <tr>
                  <th scope="col">{t('api.tokenName')}</th>
                  <th scope="col">{t('api.tokenOwner')}</th>
                  <th scope="col">{t('api.tokenScopes')}</th>
                  <th scope="col">{t('api.tokenLastUsed')}</th>
                  <th scope="col">{t('api.tokenState')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('api.tokenRevoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">
                      {token.name} <span class="meta">…{token.hint}</span>
                    </th>
                    <td>{token.org_name ?? t('api.tokenPersonal')}</td>
                    <td>{token.scopes.length ? token.scopes.map((scope) => scopeLabel(ui, scope)).join(', ') : t('api.scopePublicOnly')}</td>
                    <td>{token.last_used_at ? formatDateTime(locale, token.last_used_at) : t('api.tokenNeverUsed')}</td>
                    <td>
                      <TokenState ui={ui} token={token} now={page.now} />
                    </td>
                    <td>{!token.revoked_at && <PostButton ui={ui} action={`/account/tokens/${token.id}/revoke`} label={t('api.tokenRevoke')} variant="secondary" />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
      <section aria-labelledby="new-token-h">
        <h2 id="new-token-h">{t('api.tokenNew')}</h2>
        <ErrorSummary ui={ui} form={form} labels={labels} />
        <Form ui={ui} action="/account/tokens">
          <TextField ui={ui} form={form} name="name" label={labels.name} hint={t('api.tokenNameHint')} required maxLength={80} />
          {page.orgs.length > 0 && <SelectField ui={ui} form={form} name="owner" label={labels.owner} options={[{ value: '', label: t('api.tokenPersonal') }, ...page.orgs.map((org) => ({ value: String(org.id), label: org.name }))]} />}
          <CheckboxGroup ui={ui} form={form} name="scopes" label={labels.scopes} hint={t('api.tokenScopesHint')} options={SCOPES.map((scope) => ({ value: scope, label: scopeLabel(ui, scope) }))} />
          <RadioGroup ui={ui} form={form} name="days" label={labels.days} required options={LIFETIMES.map((days) => ({ value: days, label: t('api.tokenDaysOption', { days }) }))} />
          <SubmitButton label={t('api.tokenCreate')} />
        </Form>
      </section>
    </Layout>
  );
}

/** The new token's secret, shown this once. */
export function TokenCreatedView({ ui, secret }: { ui: Ui; secret: string }) {
  const { t } = ui;
  return (
    <SecretOnceView
      ui={ui}
      title={t('api.tokenCreatedTitle')}
      warning={t('api.tokenShownOnce')}
      label={t('api.tokenSecret')}
      secret={secret}
      back={{ href: '/account/tokens', label: t('api.tokensTitle') }}
    />
  );
}
