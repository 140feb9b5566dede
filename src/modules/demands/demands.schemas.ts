import { calendarDate, oneOf } from '../../shared/forms.ts';
import Type from 'typebox';
import { SECTORS } from '../orgs/index.ts';
import { PURPOSES } from './demands.tables.ts';

const id = Type.String({ pattern: '^[0-9]{1,9}$' });

/** At most this many offers and needs each. */
export const MAX_ITEMS = 10;

export const DemandInput = Type.Object({
  org: id,
  title: Type.String({ minLength: 1, maxLength: 150 }),
  summary: Type.String({ minLength: 1, maxLength: 500 }),
  body: Type.Optional(Type.String({ maxLength: 20_000 })),
  purpose: oneOf(PURPOSES),
  themes: Type.Array(id, { minItems: 1, maxItems: 5, messageKey: 'demand.themesRange' }),
  targetSectors: Type.Array(oneOf(SECTORS), { maxItems: SECTORS.length }),
  targetRegions: Type.Array(Type.String({ pattern: '^[0-9]{2}$' }), { maxItems: 20 }),
  partnersSought: Type.String({ pattern: '^[1-9][0-9]?$', messageKey: 'demand.partnersInvalid' }),
  deadline: calendarDate(),
  contactName: Type.String({ minLength: 1, maxLength: 50 }),
  contactEmail: Type.Optional(Type.String({ maxLength: 254, format: 'email', messageKey: 'field.emailInvalid' })),
  contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+() -]{7,20}$', messageKey: 'field.phoneInvalid' })),
});

/** One offer or need row: `offer.0.capability` + `offer.0.text` in the form. */
export const ItemInput = Type.Object({
  capability: id,
  text: Type.String({ minLength: 1, maxLength: 500 }),
});

export const DemandQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  purpose: Type.Optional(oneOf(PURPOSES)),
  theme: Type.Optional(id),
  orgSector: Type.Optional(oneOf(SECTORS)),
  targetSector: Type.Optional(oneOf(SECTORS)),
  region: Type.Optional(Type.String({ pattern: '^([0-9]{2}|nationwide)$' })),
  status: Type.Optional(oneOf(['active', 'open', 'negotiating', 'concluded', 'closed', 'all'] as const)),
  due: Type.Optional(oneOf(['7', '30'] as const)),
  sort: Type.Optional(oneOf(['newest', 'deadline', 'replies'] as const)),
  // A cursor holds a sort key: an organisation's name of 100 Korean characters is 420 characters of base64.
  after: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const HideInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) });
