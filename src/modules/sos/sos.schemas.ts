import Type from 'typebox';
import { oneOf } from '../../shared/forms.ts';
import { SOS_CATEGORIES, URGENCIES } from './sos.tables.ts';

const id = Type.String({ pattern: '^[0-9]{1,9}$', messageKey: 'field.choiceInvalid' });

export const TicketInput = Type.Object({
  org: id,
  task: Type.Optional(id),
  category: oneOf(SOS_CATEGORIES, 'sos.categoryChoose'),
  urgency: oneOf(URGENCIES, 'sos.urgencyChoose'),
  title: Type.String({ minLength: 1, maxLength: 150 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
});

export const MessageInput = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) });

export const DeskReplyInput = Type.Object({
  kind: oneOf(['answer', 'note', 'info_request'] as const),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
});

export const SolutionInput = Type.Object({
  resolution: oneOf(['answered', 'mediated', 'referred', 'system', 'declined'] as const, 'sos.resolutionChoose'),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
});

/** An operator's id, or nothing: unassigned. */
export const AssignInput = Type.Object({ assignee: Type.Optional(id) });

export const GuestInput = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254, format: 'email', messageKey: 'field.emailInvalid' }) });

export const RatingInput = Type.Object({
  satisfaction: Type.String({ pattern: '^[1-5]$', messageKey: 'sos.ratingChoose' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const QueueQuery = Type.Object({
  status: Type.Optional(oneOf(['open', 'waiting', 'solved', 'closed', 'active'] as const)),
  category: Type.Optional(oneOf(SOS_CATEGORIES)),
  urgency: Type.Optional(oneOf(URGENCIES)),
  assignee: Type.Optional(Type.Union([id, Type.Literal('none'), Type.Literal('me')])),
  overdue: Type.Optional(Type.Literal('1')),
  after: Type.Optional(Type.String({ maxLength: 200 })),
});
