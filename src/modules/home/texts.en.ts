import type { koHome } from './texts.ko.ts';

/** English texts of the home page. */
export const enHome: Record<keyof typeof koHome, string> = {
  'home.title': 'Find partners and carry collaboration through to results',
  'home.lead': 'Public bodies, associations and companies share what they need and what they can offer, and conclude collaborations here.',
  'home.statOrgs': 'Organisations',
  'home.stats': 'Ieumteo in numbers',
  'home.newOrgs': 'Newest organisations',
  'home.noOrgs': 'No organisation has registered yet.',
  'home.cta': 'Browse demands',
  'home.ctaJoin': 'Register your organisation',
  'home.statOpenDemands': 'Open or negotiating demands',
  'home.statConcluded': 'Concluded collaborations',
  'home.ctaPost': 'Post a demand',
  'home.newDemands': 'New collaboration demands',
  'home.noDemands': 'No demand published yet.',
  'home.allDemands': 'All demands',
  'home.cases': 'Latest success cases',
  'home.allCases': 'All success cases',
};
