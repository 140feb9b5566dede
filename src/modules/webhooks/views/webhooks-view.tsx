import { CheckboxGroup, ErrorSummary, Form, type FormState, PostButton, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { Pager } from '../../../app/ui/pager.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { formatDateTime, type MessageKey } from '../../../shared/i18n/index.ts';
import { WEBHOOK_EVENTS } from '../events.ts';
import type { DeliveryRow, WebhookRow } from '../webhooks.service.ts';

type Org = { id: number; name: string };

const eventLabel = (ui: Ui, event: string) => ui.t(`webhook.event.${event}` as MessageKey);
const crumbs = (ui: Ui, org: Org) => [
  { href: `/orgs/${org.id}`, label: org.name },
  { href: `/orgs/${org.id}/webhooks`, label: ui.t('webhook.title') },
];

/** An organisation's webhooks and the form for a new one. */
export function WebhooksView({ ui, org, webhooks, form }: { ui: Ui; org: Org; webhooks: WebhookRow[]; form: FormState }) {
  const { t } = ui;
  const labels = { url: t('webhook.url'), events: t('webhook.events'), demandFilter: t('webhook.filter') };
  return (
    <Layout ui={ui} title={t('webhook.title')} crumbs={[crumbs(ui, org)[0]!, { label: t('webhook.title') }]}>
      <h1>{t('webhook.title')}</h1>
      <p>{t('webhook.lead', { org: org.name })}</p>
      <p>
        <a href="/developers#webhooks">{t('webhook.howTo')}</a>
      </p>
      <section aria-labelledby="webhooks-h">
        <h2 id="webhooks-h">{t('webhook.list')}</h2>
        {webhooks.length === 0 ? (
          <p>{t('webhook.none')}</p>
        ) : (
          <ul class="plain-links">
            {webhooks.map((hook) => (
              <li key={hook.id}>
                <a href={`/orgs/${org.id}/webhooks/${hook.id}`}>{hook.url}</a> — {hook.events.map((event) => eventLabel(ui, event)).join(', ')}
                {hook.last_status && ` · ${t(`webhook.status.${hook.last_status}` as MessageKey)}`}
                {Number(hook.failed) > 0 && ` · ${t('webhook.failedCount', { n: Number(hook.failed) })}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-webhook-h">
        <h2 id="new-webhook-h">{t('webhook.new')}</h2>
        <ErrorSummary ui={ui} form={form} labels={labels} />
        <Form ui={ui} action={`/orgs/${org.id}/webhooks`}>
          <TextField ui={ui} form={form} name="url" type="url" label={labels.url} hint={t('webhook.urlHint')} required maxLength={2000} autocomplete="off" />
          <CheckboxGroup ui={ui} form={form} name="events" label={labels.events} required options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: eventLabel(ui, event) }))} />
          <TextField ui={ui} form={form} name="demandFilter" label={labels.demandFilter} hint={t('webhook.filterHint')} maxLength={1000} autocomplete="off" />
          <SubmitButton label={t('webhook.create')} />
        </Form>
      </section>
    </Layout>
  );
}

function DeliveryState({ ui, delivery }: { ui: Ui; delivery: DeliveryRow }) {
  const { t, locale } = ui;
  const status = t(`webhook.status.${delivery.status}` as MessageKey);
  if (delivery.status === 'delivered' && delivery.delivered_at) return <>{`${status} (${formatDateTime(locale, delivery.delivered_at)})`}</>;
  return <>{`${status} · ${t('webhook.attempts', { n: delivery.attempts })}`}</>;
}

/** One webhook: what it is told of, its delivery log with replays, trying it, deleting it. */
export function WebhookView({ ui, org, webhook, log, after }: { ui: Ui; org: Org; webhook: { id: number; url: string; events: string[]; demand_filter: string; created_at: Date }; log: { items: DeliveryRow[]; nextCursor: string | null }; after: string | undefined }) {
  const { t, locale } = ui;
  const base = `/orgs/${org.id}/webhooks/${webhook.id}`;
  return (
    <Layout ui={ui} title={webhook.url} crumbs={[...crumbs(ui, org), { label: webhook.url }]}>
      <h1>{webhook.url}</h1>
      <dl class="facts">
        <dt>{t('webhook.events')}</dt>
        <dd>{webhook.events.map((event) => eventLabel(ui, event)).join(', ')}</dd>
        {webhook.demand_filter && (
          <>
            <dt>{t('webhook.filter')}</dt>
            <dd>
              <a href={`/demands?${webhook.demand_filter}`}>{webhook.demand_filter}</a>
            </dd>
          </>
        )}
        <dt>{t('webhook.createdAt')}</dt>
        <dd>{formatDateTime(locale, webhook.created_at)}</dd>
      </dl>
      <div class="actions">
        <PostButton ui={ui} action={`${base}/ping`} label={t('webhook.ping')} />
        <PostButton ui={ui} action={`${base}/delete`} label={t('webhook.delete')} variant="secondary" />
      </div>
      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('webhook.log')}</h2>
        {log.items.length === 0 ? (
          <p>{t('webhook.logNone')}</p>
        ) : (
          <ScrollTable label={t('webhook.log')}>
            <table class="krds-table">
              <thead>
                <tr>
                  <th scope="col">{t('webhook.event')}</th>
                  <th scope="col">{t('webhook.sentAt')}</th>
                  <th scope="col">{t('webhook.state')}</th>
                  <th scope="col">{t('webhook.lastAnswer')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('webhook.replay')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.items.map((delivery) => (
                  <tr key={delivery.id}>
                    <th scope="row">
                      {delivery.event} <span class="meta">{delivery.event_id}</span>
                      {delivery.replay_of && <span class="meta"> · {t('webhook.replayOf', { id: delivery.replay_of })}</span>}
                    </th>
                    <td>{formatDateTime(locale, delivery.created_at)}</td>
                    <td>
                      <DeliveryState ui={ui} delivery={delivery} />
                    </td>
                    <td>{[delivery.last_status_code, delivery.last_error].filter((part) => part !== null && part !== '').join(' ')}</td>
                    <td>{delivery.status !== 'pending' && <PostButton ui={ui} action={`${base}/deliveries/${delivery.id}/replay`} label={t('webhook.replay')} variant="secondary" />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <Pager ui={ui} firstHref={base} nextHref={log.nextCursor ? `${base}?after=${log.nextCursor}` : null} onLaterPage={Boolean(after)} />
      </section>
    </Layout>
  );
}
