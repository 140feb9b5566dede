import type { koDiscovery } from './ko-discovery.ts';

export const enDiscovery: Record<keyof typeof koDiscovery, string> = {
  'fit.capability': "Needed '{need}' ↔ their capability '{capability}'",
  'fit.text': "Needed '{need}' ↔ '{word}' in their profile",
  'fit.reciprocity': "They are looking for '{capability}', which you offer",
  'fit.sector': 'In the sector you are looking for ({sector})',
  'fit.region': 'Based in a target region ({region})',
  'fit.responsive': '{count} replies in the last year',
  'fit.collaborated': '{count} concluded collaborations',
  'fit.alreadyInvited': 'You have already invited this organisation.',
  'partners.title': 'Potential partners',
  'partners.link': 'See recommended partners',
  'partners.lead':
    'Organisations chosen by how their capabilities and profile fit your needs, by sector and region, and by whether you offer what they are looking for. Check the reasons and invite those you would like to hear from.',
  'partners.empty': 'No organisation to recommend yet. More specific needs help.',
  'partners.reasons': 'Why',
  'partners.invite': 'Invite',
  'partners.inviteLabel': 'Invite {org}',
  'partners.invited': 'Invited ({date})',
  'partners.invitedFlash': 'Invitation sent. The organisation’s members are notified in the app and by mail.',
  'partners.invitations': 'Invited organisations',
  'partners.invitationsEmpty': 'You have not invited anyone yet.',
  'partners.replied': 'Replied',
  'partners.waiting': 'No reply yet',
  'notice.partnerInvited': "{org} asks your organisation to take part in '{title}'.",
};
