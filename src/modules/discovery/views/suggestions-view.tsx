import { Layout } from '../../../app/ui/layout.tsx';
import type { Ui } from '../../../app/ui/ui.ts';
import { DemandCard } from '../../demands/index.ts';
import type { Suggestion } from '../suggestions.service.ts';
import { Reasons } from './reasons.tsx';

function SuggestionList({ ui, suggestions, now, headingLevel }: { ui: Ui; suggestions: Suggestion[]; now: Date; headingLevel: 2 | 3 }) {
  if (!suggestions.length) return <p class="empty">{ui.t('suggest.empty')}</p>;
  return (
    <ol class="card-list suggestion-list">
      {suggestions.map((s) => (
        <DemandCard key={s.demand.id} ui={ui} demand={s.demand} now={now} headingLevel={headingLevel}>
          <Reasons ui={ui} reasons={s.reasons} toOrg />
        </DemandCard>
      ))}
    </ol>
  );
}

interface OrgSuggestions {
  org: { id: number; name: string };
  suggestions: Suggestion[];
}

/** On the dashboard: the few best demands for each of the reader's organisations, and the way to more. */
export function DashboardSuggestions({ ui, groups, now }: { ui: Ui; groups: OrgSuggestions[]; now: Date }) {
  if (!groups.length) return null;
  return (
    <section aria-labelledby="suggest-h" class="suggestions">
      <h2 id="suggest-h">{ui.t('suggest.title')}</h2>
      <p class="lead">{ui.t('suggest.lead')}</p>
      {groups.map(({ org, suggestions }) => (
        <div key={org.id}>
          {groups.length > 1 && <h3>{org.name}</h3>}
          <SuggestionList ui={ui} suggestions={suggestions} now={now} headingLevel={3} />
          {suggestions.length > 0 && (
            <p>
              <a href={`/orgs/${org.id}/suggestions`}>{ui.t('suggest.more', { org: org.name })}</a>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}

export function SuggestionsView({ ui, org, suggestions, now }: OrgSuggestions & { ui: Ui; now: Date }) {
  const title = ui.t('suggest.orgTitle', { org: org.name });
  return (
    <Layout ui={ui} title={title} crumbs={[{ href: '/demands/mine', label: ui.t('demand.mineTitle') }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{ui.t('suggest.lead')}</p>
      <SuggestionList ui={ui} suggestions={suggestions} now={now} headingLevel={2} />
    </Layout>
  );
}
