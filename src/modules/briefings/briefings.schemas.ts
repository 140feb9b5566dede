import Type from 'typebox';
import { calendarDate } from '../../shared/forms.ts';
import { SECTORS } from '../orgs/index.ts';

export const BriefingInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  summary: Type.Optional(Type.String({ maxLength: 3000 })),
  date: calendarDate(),
  time: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', messageKey: 'briefing.timeInvalid' }),
  minutes: Type.String({ pattern: '^[1-9][0-9]{1,2}$', messageKey: 'briefing.minutesInvalid' }),
  onlineUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$', messageKey: 'field.urlInvalid' })),
  venue: Type.Optional(Type.String({ maxLength: 300 })),
  capacity: Type.String({ pattern: '^[1-9][0-9]{0,3}$', messageKey: 'briefing.capacityInvalid' }),
});

/** A proposed group of the agenda: a theme and a target sector ('any' for demands naming none). */
export const GroupInput = Type.Object({
  theme: Type.String({ pattern: '^[0-9]{1,9}$', messageKey: 'field.choiceInvalid' }),
  sector: Type.Union([Type.Literal('any'), ...SECTORS.map((s) => Type.Literal(s))], { messageKey: 'field.choiceInvalid' }),
});

export const RegisterInput = Type.Object({ org: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', messageKey: 'field.choiceInvalid' })) });

export const RecapInput = Type.Object({ recap: Type.String({ minLength: 1, maxLength: 20000 }) });
