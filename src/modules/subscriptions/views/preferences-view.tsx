import { ErrorSummary, Form, type FormState, type Option, PostButton, SelectField, SubmitButton } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { PERIODS } from '../subscriptions.schemas.ts';
import type { Subscription } from '../subscriptions.service.ts';
import type { DigestPeriod } from '../subscriptions.tables.ts';

export interface PreferencesProps {
  ui: Ui;
  period: DigestPeriod;
  items: (Subscription & { label: string })[];
  choices: { themes: Option[]; regions: Option[]; sectors: Option[]; capabilities: Option[] };
  quietHours: { start: number; end: number } | null;
  form: FormState;
}

export function PreferencesView({ ui, period, items, choices, quietHours, form }: PreferencesProps) {
  const { t } = ui;
  const withNone = (options: Option[]) => [{ value: '', label: t('subscription.any') }, ...options];
  return (
    <Layout ui={ui} title={t('subscription.title')} crumbs={[{ label: t('subscription.title') }]}>
      <h1>{t('subscription.title')}</h1>
      <p class="lead">{t('subscription.lead')}</p>

      <h2>{t('subscription.listTitle')}</h2>
      {items.length === 0 ? (
        <p class="empty">{t('subscription.empty')}</p>
      ) : (
        <ul class="subscription-list">
          {items.map((s) => (
            <li key={s.id}>
              <span>{s.label}</span>{' '}
              <PostButton ui={ui} action={`/subscriptions/${s.id}/delete`} label={t('subscription.removeLabel', { name: s.label })} variant="tertiary" />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('subscription.addTitle')}</h2>
      <ErrorSummary
        ui={ui}
        form={form}
        labels={{ theme: t('subscription.theme'), region: t('subscription.region'), sector: t('subscription.sector'), capability: t('subscription.capability') }}
      />
      <Form ui={ui} action="/subscriptions">
        <p class="form-hint">{t('subscription.addHint')}</p>
        <SelectField ui={ui} form={form} name="theme" label={t('subscription.theme')} options={withNone(choices.themes)} />
        <SelectField ui={ui} form={form} name="region" label={t('subscription.region')} options={withNone(choices.regions)} />
        <SelectField ui={ui} form={form} name="sector" label={t('subscription.sector')} options={withNone(choices.sectors)} />
        <SelectField ui={ui} form={form} name="capability" label={t('subscription.capability')} options={withNone(choices.capabilities)} />
        <SubmitButton label={t('subscription.add')} />
      </Form>

      <h2 id="period-h">{t('subscription.periodTitle')}</h2>
      <Form ui={ui} action="/subscriptions/period">
        <fieldset class="form-group" aria-labelledby="period-h">
          {quietHours && <p class="form-hint">{t('subscription.periodHint', { start: quietHours.start, end: quietHours.end })}</p>}
          {PERIODS.map((p) => (
            <div class="krds-form-check" key={p}>
              <input type="radio" id={`period-${p}`} name="period" value={p} checked={p === period} />
              <label for={`period-${p}`}>{t(`subscription.period.${p}` as MessageKey)}</label>
            </div>
          ))}
        </fieldset>
        <SubmitButton label={t('subscription.periodSave')} />
      </Form>
    </Layout>
  );
}

/** The page a digest's link opens: one button, no sign-in. */
export function UnsubscribeView({ ui, token, done }: { ui: Ui; token: string; done: boolean }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('unsubscribe.title')} crumbs={[{ label: t('unsubscribe.title') }]}>
      <h1>{t('unsubscribe.title')}</h1>
      {done ? (
        <p class="notice notice-success">{t('unsubscribe.done')}</p>
      ) : (
        <>
          <p>{t('unsubscribe.lead')}</p>
          <PostButton ui={ui} action={`/unsubscribe/${encodeURIComponent(token)}`} label={t('unsubscribe.confirm')} />
        </>
      )}
    </Layout>
  );
}
