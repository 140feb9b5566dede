import type { ComponentChildren } from 'preact';
import type { Option } from '../../../app/ui/form.tsx';
import { SelectField, SubmitButton, TextField } from '../../../app/ui/form.tsx';
import { Layout } from '../../../app/ui/layout.tsx';
import { listQuery, Pager } from '../../../app/ui/pager.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { type Theme, themeOptions } from '../../demands/index.ts';
import type { myTasks, publicTasks } from '../lists.service.ts';
import type { Programme } from '../programmes.service.ts';
import { kindOptions, TaskCard } from './task-parts.tsx';

export function yearOptions(programmes: Programme[], year: number): Option[] {
  const years = new Set([year, ...programmes.map((p) => p.year)]);
  return [...years].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }));
}

/** The list of tasks around its shared part (`TaskResults`), with a member's own links. */
export function TasksView({ ui, children }: { ui: Ui; children: ComponentChildren }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('task.listTitle')} crumbs={[{ label: t('task.listTitle') }]} description={t('task.listLead')}>
      <h1>{t('task.listTitle')}</h1>
      <p class="lead">{t('task.listLead')}</p>
      {ui.actor.kind === 'user' && (
        <p class="actions">
          <a class="krds-btn" href="/tasks/new">
            {t('task.new')}
          </a>{' '}
          <a class="krds-btn secondary" href="/tasks/mine">
            {t('task.mine')}
          </a>
        </p>
      )}
      {children}
    </Layout>
  );
}

/** The search form, a page of tasks and its pager: the same for every reader. */
export function TaskResults({ ui, data, themes, today }: { ui: Ui; data: Awaited<ReturnType<typeof publicTasks>>; themes: Theme[]; today: string }) {
  const { t } = ui;
  const { query, year, page } = data;
  const form = { values: { ...query, year: String(year) }, errors: {} };
  const filter = { year: String(year), kind: query.kind, theme: query.theme, q: query.q };
  return (
    <>
      <form method="get" action="/tasks" class="filter-form">
        <TextField ui={ui} form={form} name="q" type="search" label={t('task.search')} maxLength={100} />
        <SelectField ui={ui} form={form} name="year" label={t('task.year')} options={yearOptions(data.programmes, year)} />
        <SelectField
          ui={ui}
          form={form}
          name="kind"
          label={t('task.kindLabel')}
          options={kindOptions(ui, ['key', 'managed'])}
        />
        <SelectField ui={ui} form={form} name="theme" label={t('task.themes')} options={[{ value: '', label: t('task.allThemes') }, ...themeOptions(ui, themes)]} />
        <SubmitButton label={t('task.searchSubmit')} />
      </form>
      {page.items.length === 0 ? (
        <p class="empty">{t('task.noTasks')}</p>
      ) : (
        <ul class="card-list">
          {page.items.map((task) => (
            <TaskCard key={task.id} ui={ui} task={task} today={today} />
          ))}
        </ul>
      )}
      <Pager ui={ui} firstHref={`/tasks${listQuery(filter)}`} nextHref={page.nextCursor ? `/tasks${listQuery(filter, page.nextCursor)}` : null} onLaterPage={Boolean(query.after)} />
    </>
  );
}

export function MyTasksView({ ui, tasks, today, onLaterPage }: { ui: Ui; tasks: Awaited<ReturnType<typeof myTasks>>; today: string; onLaterPage: boolean }) {
  const { t } = ui;
  const invitations = tasks.items.filter((task) => task.awaiting);
  const ours = tasks.items.filter((task) => !task.awaiting);
  const cards = (list: typeof ours) => (
    <ul class="card-list">
      {list.map((task) => (
        <TaskCard key={`${task.id}-${task.my_org_id}`} ui={ui} task={task} today={today} headingLevel={3} />
      ))}
    </ul>
  );
  return (
    <Layout ui={ui} title={t('task.mine')} crumbs={[{ href: '/tasks', label: t('task.listTitle') }, { label: t('task.mine') }]}>
      <h1>{t('task.mine')}</h1>
      <p class="actions">
        <a class="krds-btn" href="/tasks/new">
          {t('task.new')}
        </a>
      </p>
      {(!onLaterPage || invitations.length > 0) && (
        <section aria-labelledby="invitations-h">
          <h2 id="invitations-h">{t('task.invitations')}</h2>
          {invitations.length === 0 ? <p class="empty">{t('task.noInvitations')}</p> : cards(invitations)}
        </section>
      )}
      {/* A page of invitations only leaves the rest to the next page: "none of ours" only when there are none. */}
      {(ours.length > 0 || !tasks.nextCursor) && (
        <section aria-labelledby="ours-h">
          <h2 id="ours-h">{t('task.ours')}</h2>
          {ours.length === 0 ? <p class="empty">{t('task.noneOurs')}</p> : cards(ours)}
        </section>
      )}
      <Pager ui={ui} firstHref="/tasks/mine" nextHref={tasks.nextCursor ? `/tasks/mine${listQuery({}, tasks.nextCursor)}` : null} onLaterPage={onLaterPage} />
    </Layout>
  );
}
