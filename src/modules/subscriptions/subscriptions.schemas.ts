import Type from 'typebox';
import { oneOf } from '../../shared/forms.ts';
import { SECTORS } from '../orgs/index.ts';

const optionalChoice = (pattern: string) => Type.Optional(Type.String({ pattern: `^(${pattern})?$`, messageKey: 'field.choiceInvalid' }));

export const PERIODS = ['immediately', 'daily', 'weekly', 'off'] as const;

/** The preferences form: any of the four, at least one (checked in the service). */
export const SubscribeInput = Type.Object({
  theme: optionalChoice('[0-9]{1,9}'),
  region: optionalChoice('[0-9]{2}'),
  sector: Type.Optional(Type.Union([Type.Literal(''), ...SECTORS.map((s) => Type.Literal(s))], { messageKey: 'field.choiceInvalid' })),
  capability: optionalChoice('[0-9]{1,9}'),
});

/** The demand list's query string, as the list page posts it. */
export const SearchInput = Type.Object({ query: Type.String({ maxLength: 500 }) });

export const PeriodInput = Type.Object({ period: oneOf(PERIODS) });
