import type { ComponentChildren } from 'preact';
import { BarChart, type ChartRow } from '../../../app/ui/bar-chart.tsx';
import { Figure } from '../../../app/ui/figure.tsx';
import type { FormState } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { ScrollTable } from '../../../app/ui/scroll-table.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { addDays } from '../../../shared/dates.ts';
import { formatNumber, type MessageKey } from '../../../shared/i18n/index.ts';
import { regionName, type Sector, sectorLabel } from '../../orgs/index.ts';
import { type ForumFigures, ForumFiguresStrip } from '../../forum/index.ts';
import { type SosFigures, SosFiguresStrip } from '../../sos/index.ts';
import type { publicFigures } from '../../tasks/index.ts';
import type { PeriodStats, Slice } from '../stats.service.ts';
import { PeriodForm } from './period-form.tsx';

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function Summary({ ui, stats }: { ui: Ui; stats: PeriodStats }) {
  const { t, locale } = ui;
  const n = (value: number) => formatNumber(locale, value);
  const share = (part: number) => {
    const rate = percent(part, stats.registered);
    return rate === null ? undefined : t('stats.shareOfRegistered', { rate: n(rate) });
  };
  const days = (value: number | null) => (value === null ? t('stats.noValue') : t('stats.days', { n: n(value) }));
  const publicPrivate = percent(stats.publicPrivate, stats.concluded);
  return (
    <dl class="stat-grid">
      <Figure label={t('stats.registered')} value={t('stats.count', { n: n(stats.registered) })} />
      <Figure label={t('stats.replied')} value={t('stats.count', { n: n(stats.replied) })} detail={share(stats.replied)} />
      <Figure label={t('stats.replierOrgs')} value={t('stats.orgCount', { n: n(stats.replierOrgs) })} />
      <Figure label={t('stats.concluded')} value={t('stats.count', { n: n(stats.concluded) })} detail={share(stats.concluded)} />
      <Figure
        label={t('stats.publicPrivate')}
        value={publicPrivate === null ? t('stats.noValue') : `${n(publicPrivate)}%`}
        detail={stats.concluded ? t('stats.publicPrivateOf', { n: n(stats.publicPrivate), total: n(stats.concluded) }) : undefined}
      />
      <Figure label={t('stats.medianReply')} value={days(stats.medianDaysToFirstReply)} />
      <Figure label={t('stats.medianConclusion')} value={days(stats.medianDaysToConclusion)} />
    </dl>
  );
}

const SERIES: MessageKey[] = ['stats.seriesRegistered', 'stats.seriesReplied', 'stats.seriesConcluded'];

function SliceChart({ ui, id, title, slices, label }: { ui: Ui; id: string; title: string; slices: Slice[]; label: (key: string) => string }) {
  if (slices.length === 0) return <p class="empty">{ui.t('stats.noSlices')}</p>;
  const rows: ChartRow[] = slices.map((slice) => ({ label: label(slice.key), values: [slice.registered, slice.replied, slice.concluded] }));
  return (
    <BarChart
      id={id}
      locale={ui.locale}
      title={title}
      note={ui.t('stats.chartNote')}
      categoryLabel={ui.t('stats.category')}
      series={SERIES.map((key) => ui.t(key))}
      rows={rows}
    />
  );
}

function PeriodSection({ ui, form, today }: { ui: Ui; form: FormState; today: string }) {
  const { t } = ui;
  const presets: [MessageKey, string][] = [
    ['stats.presetAll', '/stats'],
    ['stats.presetYear', `/stats?from=${today.slice(0, 4)}-01-01&to=${today}`],
    ['stats.preset30', `/stats?from=${addDays(today, -29)}&to=${today}`],
  ];
  return (
    <section aria-labelledby="period-h">
      <h2 id="period-h">{t('stats.period')}</h2>
      <PeriodForm ui={ui} form={form} action="/stats" />
      <nav aria-label={t('stats.presets')}>
        <ul class="inline-list">
          {presets.map(([key, href]) => (
            <li key={key}>
              <a href={href}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}

function OperatorView({ ui, stats }: { ui: Ui; stats: PeriodStats }) {
  const { t, locale } = ui;
  const operator = stats.operator;
  if (!operator) return null;
  return (
    <section aria-labelledby="operator-h" class="operator-stats">
      <h2 id="operator-h">{t('stats.operator')}</h2>
      <dl class="stat-grid">
        <Figure label={t('stats.operatorReplies')} value={formatNumber(locale, operator.replies)} />
        <Figure label={t('stats.operatorHidden')} value={formatNumber(locale, operator.hidden)} />
      </dl>
      <ScrollTable label={t('stats.operatorStatusNow')}>
        <table class="tbl col data figures">
          <caption>{t('stats.operatorStatusNow')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.status')}</th>
              <th scope="col" class="num">
                {t('stats.seriesCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {operator.statusNow.map((row) => (
              <tr key={row.status}>
                <th scope="row">{t(`demandStatus.${row.status}` as MessageKey)}</th>
                <td class="num">{formatNumber(locale, row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

/** The year's collaboration tasks in the seed's shape: registered, key, agency-managed, on track, late. */
function TaskFigures({ ui, tasks }: { ui: Ui; tasks: TaskFiguresOfYear }) {
  const { t, locale } = ui;
  const n = (value: number) => t('stats.count', { n: formatNumber(locale, value) });
  const f = tasks.figures;
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">{t('stats.tasks', { year: tasks.year })}</h2>
      {f.registered === 0 ? (
        <p class="empty">{t('stats.tasksEmpty')}</p>
      ) : (
        <dl class="stat-grid">
          <Figure label={t('stats.tasksRegistered')} value={n(f.registered)} />
          <Figure label={t('task.kind.key')} value={n(f.key)} />
          <Figure label={t('task.kind.managed')} value={n(f.managed)} />
          <Figure label={t('portfolio.onTrack')} value={n(f.onTrack)} />
          <Figure label={t('portfolio.late')} value={n(f.late)} detail={t('portfolio.slipping', { n: formatNumber(locale, f.slipping) })} />
        </dl>
      )}
      <p>
        <a href={`/tasks?year=${tasks.year}`}>{t('stats.tasksLink')}</a>
      </p>
    </section>
  );
}

export interface TaskFiguresOfYear {
  year: number;
  figures: Awaited<ReturnType<typeof publicFigures>>;
}

/** The statistics page around its main part (`StatsMain`, shared among readers). */
export function StatsView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('stats.title')} crumbs={[{ label: t('stats.title') }]} description={t('stats.lead')}>
      {children}
    </Layout>
  );
}

/** Every figure of the period, the same for every reader but an operator (who also gets `OperatorView`). */
export function StatsMain({ ui, stats, form, today, tasks, sos, forum }: { ui: Ui; stats: PeriodStats; form: FormState; today: string; tasks: TaskFiguresOfYear; sos: SosFigures; forum: ForumFigures }) {
  const { t, locale } = ui;
  const themeName = (id: string) => stats.names.themes[id]?.[locale === 'en' ? 1 : 0] ?? id;
  const regionOf = (code: string) => {
    const name = stats.names.regions[code];
    return name ? regionName(locale, name) : t('stats.regionNone');
  };
  const funnel: ChartRow[] = (
    [
      ['stats.registered', stats.registered],
      ['stats.replied', stats.replied],
      ['stats.negotiating', stats.negotiating],
      ['stats.concluded', stats.concluded],
    ] as [MessageKey, number][]
  ).map(([key, value]) => ({ label: t(key), values: [value] }));
  return (
    <>
      <h1>{t('stats.title')}</h1>
      <p class="lead">{t('stats.lead')}</p>
      <PeriodSection ui={ui} form={form} today={today} />
      {ui.features.has('demands') && (
        <>
      <section aria-labelledby="summary-h">
        <h2 id="summary-h">
          {t('stats.summary')} <span class="meta">({t('stats.periodShown', { from: stats.period.from, to: stats.period.to })})</span>
        </h2>
        {stats.registered === 0 ? <p class="empty">{t('stats.empty')}</p> : <Summary ui={ui} stats={stats} />}
      </section>
      {stats.registered > 0 && (
        <>
          <section aria-labelledby="funnel-h">
            <h2 id="funnel-h">{t('stats.funnel')}</h2>
            <BarChart id="funnel" locale={locale} title={t('stats.funnel')} note={t('stats.chartNote')} categoryLabel={t('stats.stage')} series={[t('stats.seriesCount')]} rows={funnel} />
          </section>
          <section aria-labelledby="trend-h">
            <h2 id="trend-h">{t('stats.trend')}</h2>
            <SliceChart ui={ui} id="trend" title={t('stats.trend')} slices={stats.byMonth} label={(key) => t('stats.month', { year: key.slice(0, 4), month: String(Number(key.slice(5))) })} />
          </section>
          <section aria-labelledby="by-sector-h">
            <h2 id="by-sector-h">{t('stats.bySector')}</h2>
            <SliceChart ui={ui} id="by-sector" title={t('stats.bySector')} slices={stats.bySector} label={(key) => sectorLabel(ui, key as Sector)} />
          </section>
          <section aria-labelledby="by-theme-h">
            <h2 id="by-theme-h">{t('stats.byTheme')}</h2>
            <p class="hint">{t('stats.byThemeNote')}</p>
            <SliceChart ui={ui} id="by-theme" title={t('stats.byTheme')} slices={stats.byTheme} label={themeName} />
          </section>
          <section aria-labelledby="by-region-h">
            <h2 id="by-region-h">{t('stats.byRegion')}</h2>
            <SliceChart ui={ui} id="by-region" title={t('stats.byRegion')} slices={stats.byRegion} label={regionOf} />
          </section>
        </>
      )}
        </>
      )}
      {ui.features.has('tasks') && <TaskFigures ui={ui} tasks={tasks} />}
      {ui.features.has('sos') && (
        <section aria-labelledby="sos-h">
          <h2 id="sos-h">{t('stats.sos')}</h2>
          {sos.opened === 0 ? <p class="empty">{t('stats.sosEmpty')}</p> : <SosFiguresStrip ui={ui} figures={sos} />}
        </section>
      )}
      {ui.features.has('forum') && (
        <section aria-labelledby="forum-h">
          <h2 id="forum-h">{t('stats.forum')}</h2>
          {forum.published === 0 ? <p class="empty">{t('stats.forumEmpty')}</p> : <ForumFiguresStrip ui={ui} figures={forum} />}
        </section>
      )}
      {ui.features.has('demands') && <OperatorView ui={ui} stats={stats} />}
      <section aria-labelledby="how-h">
        <h2 id="how-h">{t('stats.howCounted')}</h2>
        <p>{t('stats.howCountedBody')}</p>
      </section>
    </>
  );
}
