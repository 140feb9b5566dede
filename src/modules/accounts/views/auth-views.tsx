import { ErrorSummary, Form, type FormState, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { ProviderButtons } from './oidc-views.tsx';

/** Summary labels of a form holding NewPasswordFields, plus its other fields. */
export function passwordLabels(ui: Ui, others: Record<string, string>, password = ui.t('account.password')): Record<string, string> {
  return { ...others, currentPassword: ui.t('account.currentPassword'), password, passwordConfirm: ui.t('account.passwordConfirm') };
}

/** A new password with its confirmation: sign-up, reset and change all ask the same way. */
export function NewPasswordFields({ ui, form, label }: { ui: Ui; form: FormState; label: string }) {
  const { t } = ui;
  return (
    <>
      <TextField ui={ui} form={form} name="password" type="password" label={label} hint={t('account.passwordHint')} required autocomplete="new-password" />
      <TextField ui={ui} form={form} name="passwordConfirm" type="password" label={t('account.passwordConfirm')} required autocomplete="new-password" />
    </>
  );
}

export function SignUpView({ ui, form }: { ui: Ui; form: FormState }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('account.signupTitle')} crumbs={[{ label: t('account.signupTitle') }]}>
      <div class="narrow">
        <h1>{t('account.signupTitle')}</h1>
        <p class="lead">{t('account.signupLead')}</p>
        <ErrorSummary ui={ui} form={form} labels={passwordLabels(ui, { email: t('account.email'), name: t('account.name') })} />
        <Form ui={ui} action="/signup">
          <TextField ui={ui} form={form} name="email" type="email" label={t('account.email')} required autocomplete="email" maxLength={254} />
          <TextField ui={ui} form={form} name="name" label={t('account.name')} required autocomplete="name" maxLength={50} />
          <NewPasswordFields ui={ui} form={form} label={t('account.password')} />
          <SubmitButton label={t('account.signupSubmit')} />
        </Form>
      </div>
    </Layout>
  );
}

export function LogInView({ ui, form, next, providers }: { ui: Ui; form: FormState; next: string; providers: { id: string; name: string }[] }) {
  const { t } = ui;
  const unverified = form.errors.email === 'account.notVerified';
  return (
    <Layout ui={ui} title={t('account.loginTitle')} crumbs={[{ label: t('account.loginTitle') }]}>
      <div class="narrow">
        <h1>{t('account.loginTitle')}</h1>
        <ErrorSummary ui={ui} form={form} />
        <Form ui={ui} action={`/login?next=${encodeURIComponent(next)}`}>
          <TextField ui={ui} form={form} name="email" type="email" label={t('account.email')} required autocomplete="username" />
          <TextField ui={ui} form={form} name="password" type="password" label={t('account.password')} required autocomplete="current-password" />
          <SubmitButton label={t('account.loginSubmit')} />
        </Form>
        {unverified && (
          <Form ui={ui} action="/verify-email/resend">
            <input type="hidden" name="email" value={String(form.values.email ?? '')} />
            <button type="submit" class="krds-btn secondary small">
              {t('account.resendVerification')}
            </button>
          </Form>
        )}
        <ProviderButtons ui={ui} providers={providers} next={next} />
        <ul class="plain-links">
          <li>
            <a href="/password/forgot">{t('account.forgot')}</a>
          </li>
          <li>
            {t('account.noAccount')} <a href="/signup">{t('layout.signup')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

export function TotpView({ ui, form, next }: { ui: Ui; form: FormState; next: string }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('account.totpTitle')} crumbs={[{ label: t('account.totpTitle') }]}>
      <div class="narrow">
        <h1>{t('account.totpTitle')}</h1>
        <ErrorSummary ui={ui} form={form} />
        <Form ui={ui} action={`/login/totp?next=${encodeURIComponent(next)}`}>
          <TextField ui={ui} form={form} name="code" label={t('account.totpCode')} required autocomplete="one-time-code" maxLength={12} />
          <SubmitButton label={t('account.totpVerify')} />
        </Form>
      </div>
    </Layout>
  );
}

export function ForgotPasswordView({ ui, form }: { ui: Ui; form: FormState }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('account.forgotTitle')} crumbs={[{ label: t('account.forgotTitle') }]}>
      <div class="narrow">
        <h1>{t('account.forgotTitle')}</h1>
        <p class="lead">{t('account.forgotLead')}</p>
        <ErrorSummary ui={ui} form={form} />
        <Form ui={ui} action="/password/forgot">
          <TextField ui={ui} form={form} name="email" type="email" label={t('account.email')} required autocomplete="email" />
          <SubmitButton label={t('account.forgotSubmit')} />
        </Form>
      </div>
    </Layout>
  );
}

export function ResetPasswordView({ ui, form, token }: { ui: Ui; form: FormState; token: string }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('account.resetTitle')} crumbs={[{ label: t('account.resetTitle') }]}>
      <div class="narrow">
        <h1>{t('account.resetTitle')}</h1>
        <ErrorSummary ui={ui} form={form} labels={passwordLabels(ui, {}, t('account.newPassword'))} />
        <Form ui={ui} action="/password/reset">
          <input type="hidden" name="token" value={token} />
          <NewPasswordFields ui={ui} form={form} label={t('account.newPassword')} />
          <SubmitButton label={t('account.resetSubmit')} />
        </Form>
      </div>
    </Layout>
  );
}
