import { Fragment } from 'preact';
import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import { WEBHOOK_EVENTS } from '../../webhooks/index.ts';
import type { ApiOperation } from '../openapi.ts';

/**
 * The API's reference for people, drawn from the OpenAPI document on the server: every operation
 * with its parameters, the token scope it needs and its answers. No script, so it reads anywhere.
 */
export function DocsView({ ui, operations }: { ui: Ui; operations: ApiOperation[] }) {
  const { t } = ui;
  const tags = [...new Set(operations.map((op) => op.tag))];
  return (
    <Layout ui={ui} title={t('api.docsTitle')} crumbs={[{ label: t('api.docsTitle') }]}>
      <h1>{t('api.docsTitle')}</h1>
      <p>{t('api.docsLead')}</p>
      <ul class="plain-links">
        <li>
          <a href="/api/v1/openapi.json">{t('api.docsDocument')}</a>
        </li>
        <li>
          <a href="/account/tokens">{t('api.tokensTitle')}</a>
        </li>
      </ul>
      <h2>{t('api.docsBasics')}</h2>
      <ul>
        <li>{t('api.docsAuth')}</li>
        <li>{t('api.docsPaging')}</li>
        <li>{t('api.docsErrors')}</li>
        <li>{t('api.docsLimits')}</li>
      </ul>
      <section aria-labelledby="webhooks">
        <h2 id="webhooks">{t('webhook.title')}</h2>
        <p>{t('api.docsWebhooksLead')}</p>
        <h3>{t('api.docsWebhooksEvents')}</h3>
        <dl class="facts">
          {WEBHOOK_EVENTS.map((event) => (
            <Fragment key={event}>
              <dt>
                <code>{event}</code>
              </dt>
              <dd>{t(`webhook.event.${event}` as MessageKey)}</dd>
            </Fragment>
          ))}
        </dl>
        <ul>
          <li>{t('api.docsWebhooksSignature')}</li>
          <li>{t('api.docsWebhooksRetry')}</li>
        </ul>
      </section>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {operations
            .filter((op) => op.tag === tag)
            .map((op) => (
              <article key={op.id} id={op.id} class="api-operation">
                <h3>
                  <code>
                    {op.method} {op.path}
                  </code>
                </h3>
                <p>{op.summary}</p>
                <p class="meta">{op.scope ? t('api.docsScope', { scope: op.scope }) : t('api.docsPublic')}</p>
                {op.parameters.length > 0 && (
                  <dl class="facts">
                    {op.parameters.map((p) => (
                      <>
                        <dt key={`${p.name}-t`}>
                          <code>{p.name}</code> ({p.in}
                          {p.required ? `, ${t('api.docsRequired')}` : ''})
                        </dt>
                        <dd key={`${p.name}-d`}>{p.description ?? ''}</dd>
                      </>
                    ))}
                  </dl>
                )}
                <p class="meta">{t('api.docsAnswers', { codes: op.responses.join(', ') })}</p>
              </article>
            ))}
        </section>
      ))}
    </Layout>
  );
}
