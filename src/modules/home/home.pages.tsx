import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../../app/request-context.ts';
import { Layout } from '../../app/ui/layout.tsx';
import { MessagePage } from '../../app/ui/pages.tsx';
import { sendPage } from '../../app/ui/render.tsx';
import { type Ui, uiOf } from '../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../shared/i18n/index.ts';
import { newestOrgs, OrgCard, type OrgSummary, orgCounts } from '../orgs/index.ts';

interface HomeData {
  counts: Awaited<ReturnType<typeof orgCounts>>;
  newest: OrgSummary[];
}

function HomeView({ ui, data }: { ui: Ui; data: HomeData }) {
  const { t } = ui;
  const stats: [MessageKey, number][] = [
    ['home.statOrgs', data.counts.total],
    ['home.statVerified', data.counts.verified],
    ['home.statCapabilities', data.counts.capabilities],
  ];
  return (
    <Layout ui={ui} title={t('site.tagline')}>
      <section class="hero" aria-labelledby="hero-h">
        <h1 id="hero-h">{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <p class="actions">
          <a class="krds-btn" href="/orgs">
            {t('home.cta')}
          </a>
          <a class="krds-btn secondary" href="/orgs/new">
            {t('home.ctaJoin')}
          </a>
        </p>
      </section>
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">{t('home.stats')}</h2>
        <dl class="stat-grid">
          {stats.map(([key, n]) => (
            <div key={key} class="stat">
              <dt>{t(key)}</dt>
              <dd>{formatNumber(ui.locale, n)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="newest-h">
        <h2 id="newest-h">{t('home.newOrgs')}</h2>
        {data.newest.length === 0 ? (
          <p class="empty">{t('home.noOrgs')}</p>
        ) : (
          <ul class="card-list">
            {data.newest.map((org) => (
              <OrgCard key={org.id} ui={ui} org={org} headingLevel={3} />
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

const ABOUT: Record<string, [MessageKey, MessageKey]> = {
  operator: ['page.operator', 'page.operatorBody'],
  accessibility: ['page.accessibility', 'page.accessibilityBody'],
  privacy: ['page.privacy', 'page.privacyBody'],
};

export async function homePages(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const ctx = ctxOf(request);
    const [counts, newest] = await Promise.all([orgCounts(ctx), newestOrgs(ctx, 6)]);
    return sendPage(reply, <HomeView ui={uiOf(request)} data={{ counts, newest }} />);
  });
  for (const [slug, [title, body]] of Object.entries(ABOUT)) {
    app.get(`/about/${slug}`, async (request, reply) => {
      const t = request.t;
      return sendPage(reply, <MessagePage ui={uiOf(request)} title={t(title)} message={t(body)} />);
    });
  }
}
