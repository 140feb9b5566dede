import Type from 'typebox';
import { calendarDate } from '../../shared/forms.ts';

const id = Type.String({ pattern: '^[0-9]{1,9}$' });
const date = calendarDate();

export const ReplyInput = Type.Object({
  org: id,
  statement: Type.String({ minLength: 1, maxLength: 3000 }),
  capabilities: Type.Array(id, { maxItems: 20 }),
  privateNote: Type.Optional(Type.String({ maxLength: 3000 })),
});

export const DeclineInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) });

export const MessageInput = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) });

export const MeetingInput = Type.Object({
  heldOn: date,
  mode: Type.Union([Type.Literal('online'), Type.Literal('offline')], { messageKey: 'field.choiceInvalid' }),
  attendees: Type.String({ minLength: 1, maxLength: 500 }),
  notes: Type.String({ minLength: 1, maxLength: 5000 }),
});

export const MatchInput = Type.Object({
  partners: Type.Array(id, { minItems: 1, maxItems: 20, messageKey: 'match.partnersRequired' }),
  summary: Type.String({ minLength: 1, maxLength: 3000 }),
  leadContribution: Type.String({ minLength: 1, maxLength: 1000 }),
  startedOn: date,
});

export const ConfirmInput = Type.Object({ contribution: Type.String({ minLength: 1, maxLength: 1000 }) });

export const UpdateInput = Type.Object({ body: Type.String({ minLength: 1, maxLength: 3000 }) });
