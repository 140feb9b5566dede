import type { FastifyInstance } from 'fastify';
import { Figure } from '../../app/ui/figure.tsx';
import { Layout } from '../../app/ui/layout.tsx';
import { MessagePage } from '../../app/ui/pages.tsx';
import { sendPage } from '../../app/ui/render.tsx';
import { sharedPublicParts } from '../../app/ui/shared-part.tsx';
import { type Ui, uiOf } from '../../app/ui/ui.ts';
import { formatNumber, type MessageKey } from '../../shared/i18n/index.ts';
import { DemandCard, type DemandSummary, newestOpenDemands, openDemandCount } from '../demands/index.ts';
import { CaseCard, type CaseSummary, concludedCount, listCases } from '../matches/index.ts';
import { newestOrgs, OrgCard, type OrgSummary, orgCount } from '../orgs/index.ts';
import { featuredDemands } from '../reviews/index.ts';
import { PUBLIC_PAGE } from '../../app/plugins/page-cache.ts';

interface HomeData {
  featured: DemandSummary[];
  orgs: number;
  openDemands: number;
  concluded: number;
  newestDemands: DemandSummary[];
  cases: CaseSummary[];
  newest: OrgSummary[];
  now: Date;
}

/** The home page's sections, the same for every reader. */
function HomeSections({ ui, data }: { ui: Ui; data: HomeData }) {
  const { t } = ui;
  const stats: [MessageKey, number][] = [
    ['home.statOpenDemands', data.openDemands],
    ['home.statOrgs', data.orgs],
    ['home.statConcluded', data.concluded],
  ];
  return (
    <>
      <section class="hero" aria-labelledby="hero-h">
        <h1 id="hero-h">{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <p class="actions">
          <a class="krds-btn" href="/demands">
            {t('home.cta')}
          </a>
          <a class="krds-btn secondary" href="/demands/new">
            {t('home.ctaPost')}
          </a>
        </p>
      </section>
      {data.featured.length > 0 && (
        <section aria-labelledby="featured-h">
          <h2 id="featured-h">{t('review.featuredHome')}</h2>
          <ul class="card-list">
            {data.featured.map((demand) => (
              <DemandCard key={demand.id} ui={ui} demand={demand} now={data.now} headingLevel={3} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">{t('home.stats')}</h2>
        <dl class="stat-grid">
          {stats.map(([key, n]) => (
            <Figure key={key} label={t(key)} value={formatNumber(ui.locale, n)} />
          ))}
        </dl>
      </section>
      <section aria-labelledby="demands-h">
        <h2 id="demands-h">{t('home.newDemands')}</h2>
        {data.newestDemands.length === 0 ? (
          <p class="empty">{t('home.noDemands')}</p>
        ) : (
          <ul class="card-list">
            {data.newestDemands.map((demand) => (
              <DemandCard key={demand.id} ui={ui} demand={demand} now={data.now} headingLevel={3} />
            ))}
          </ul>
        )}
        <p>
          <a href="/demands">{t('home.allDemands')}</a>
        </p>
      </section>
      <section aria-labelledby="cases-h">
        <h2 id="cases-h">{t('home.cases')}</h2>
        {data.cases.length === 0 ? (
          <p class="empty">{t('case.none')}</p>
        ) : (
          <ul class="card-list">
            {data.cases.map((item) => (
              <CaseCard key={item.id} ui={ui} item={item} headingLevel={3} />
            ))}
          </ul>
        )}
        <p>
          <a href="/cases">{t('home.allCases')}</a>
        </p>
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
    </>
  );
}

const ABOUT: Record<string, [MessageKey, MessageKey]> = {
  operator: ['page.operator', 'page.operatorBody'],
  accessibility: ['page.accessibility', 'page.accessibilityBody'],
  privacy: ['page.privacy', 'page.privacyBody'],
};

export async function homePages(app: FastifyInstance): Promise<void> {
  app.get('/', PUBLIC_PAGE, async (request, reply) => {
    // The home page is the matching's front page; an installation without it opens on what it offers.
    const offers = app.config.modules;
    if (!offers.has('demands')) return reply.redirect(`/${(['forum', 'tasks', 'sos'] as const).find((feature) => offers.has(feature)) ?? 'orgs'}`, 303);
    // The same for everyone: a member's home page is theirs, its seven queries and sections shared.
    const { parts } = await sharedPublicParts(request, async (ctx, ui) => {
      const [featured, orgs, openDemands, concluded, newestDemands, cases, newest] = await Promise.all([
        featuredDemands(ctx, 6),
        orgCount(ctx),
        openDemandCount(ctx),
        concludedCount(ctx),
        newestOpenDemands(ctx, 6),
        listCases(ctx, 3),
        newestOrgs(ctx, 3),
      ]);
      const data = { featured, orgs, openDemands, concluded, newestDemands, cases: cases.items, newest, now: ctx.now() };
      return { data: null, parts: { sections: <HomeSections ui={ui} data={data} /> } };
    });
    const ui = uiOf(request);
    return sendPage(
      reply,
      <Layout ui={ui} title={ui.t('site.tagline')}>
        {parts.sections}
      </Layout>,
    );
  });
  for (const [slug, [title, body]] of Object.entries(ABOUT)) {
    app.get(`/about/${slug}`, async (request, reply) => {
      const t = request.t;
      return sendPage(reply, <MessagePage ui={uiOf(request)} title={t(title)} message={t(body)} />);
    });
  }
}
