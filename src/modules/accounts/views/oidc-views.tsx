import { PostButton } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { Consent } from '../oidc.service.ts';

/**
 * The sign-in page's buttons, one per provider. Links, not forms: the CSP's `form-action 'self'`
 * would stop a form's redirect to the provider, and starting a sign-in needs no CSRF token — what
 * binds the answer to this browser is the flow's cookie and its `state`.
 */
export function ProviderButtons({ ui, providers, next }: { ui: Ui; providers: { id: string; name: string }[]; next: string }) {
  const { t } = ui;
  if (!providers.length) return null;
  return (
    <section aria-labelledby="oidc-heading" class="oidc-providers">
      <h2 id="oidc-heading">{t('oidc.heading')}</h2>
      <ul class="plain-links">
        {providers.map((provider) => (
          <li key={provider.id}>
            <a class="krds-btn secondary" href={`/login/oidc/${provider.id}?next=${encodeURIComponent(next)}`}>
              {t('oidc.signInWith', { name: provider.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Asks before an identity becomes an account, or is linked to the account with the same e-mail. */
export function ConsentView({ ui, consent, providerName }: { ui: Ui; consent: Consent; providerName: string }) {
  const { t } = ui;
  const title = t(consent.linksExisting ? 'oidc.linkTitle' : 'oidc.newTitle');
  const base = `/login/oidc/${consent.provider}`;
  return (
    <Layout ui={ui} title={title} crumbs={[{ label: t('account.loginTitle'), href: '/login' }, { label: title }]}>
      <div class="narrow">
        <h1>{title}</h1>
        <p class="lead">{t(consent.linksExisting ? 'oidc.linkLead' : 'oidc.newLead', { provider: providerName })}</p>
        <dl class="facts">
          <dt>{t('oidc.provider')}</dt>
          <dd>{providerName}</dd>
          <dt>{t('account.name')}</dt>
          <dd>{consent.claims.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{consent.claims.email}</dd>
        </dl>
        <p>{t('oidc.kept')}</p>
        <div class="actions">
          <PostButton ui={ui} action={`${base}/confirm`} label={t(consent.linksExisting ? 'oidc.linkSubmit' : 'oidc.newSubmit')} />
          <PostButton ui={ui} action={`${base}/cancel`} label={t('oidc.cancel')} variant="secondary" />
        </div>
      </div>
    </Layout>
  );
}
