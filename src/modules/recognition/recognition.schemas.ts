import Type from 'typebox';
import { calendarDate } from '../../shared/forms.ts';
import { AWARD_CATEGORIES } from './recognition.tables.ts';

const points = Type.String({ pattern: '^(1000|[0-9]{1,3})$', messageKey: 'recognition.pointsInvalid' });

export const WeightsInput = Type.Object({ publish: points, reply: points, conclude: points, present: points });

export const AwardInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  category: Type.Union(
    AWARD_CATEGORIES.map((c) => Type.Literal(c)),
    { messageKey: 'field.choiceInvalid' },
  ),
  recipientName: Type.Optional(Type.String({ maxLength: 100 })),
  orgName: Type.Optional(Type.String({ maxLength: 200 })),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
  awardedOn: calendarDate(),
});
