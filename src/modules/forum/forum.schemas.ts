import Type from 'typebox';
import { calendarDate, oneOf } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { DECISIONS, PROPOSAL_STATUSES, REPORT_REASONS, SIDES } from './forum.tables.ts';

const id = Type.String({ pattern: '^[0-9]{1,9}$', messageKey: 'field.choiceInvalid' });
/** Text with a least length, and the message saying how long it must be. */
const text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max, messageKey: `forum.min${min}` as MessageKey });
/** A whole number as typed; its range is checked with the range's own message. */
const count = () => Type.String({ pattern: '^[0-9]{1,12}$', messageKey: 'forum.numberInvalid' });

export const MAX_MILESTONES = 10;

export const ProposalInput = Type.Object({
  title: text(5, 100),
  problem: text(20, 3000),
  proposal: text(20, 5000),
  effect: text(10, 2000),
  /** The responsible ministry or body, by its registered name. */
  org: Type.String({ minLength: 1, maxLength: 200 }),
  category: id,
  region: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$', messageKey: 'field.choiceInvalid' })),
});

export const PointInput = Type.Object({
  side: oneOf(SIDES, 'forum.sideChoose'),
  body: text(5, 2000),
  source: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://[^\\s]+$', messageKey: 'field.urlInvalid' })),
});

export const ReplyInput = Type.Object({ body: text(2, 1000) });

export const ReasonInput = Type.Object({ reason: text(5, 1000) });

export const SummaryInput = Type.Object({ summary: text(20, 5000) });

export const AnswerInput = Type.Object({
  decision: oneOf(DECISIONS, 'forum.decisionChoose'),
  reasons: text(10, 5000),
  plan: Type.Optional(Type.String({ maxLength: 5000 })),
  /** For 추가 검토: the new due day. */
  dueOn: Type.Optional(calendarDate()),
});

export const MilestoneRow = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  due: calendarDate(),
});

export const ResultInput = Type.Object({ result: text(10, 5000) });

export const MergeInput = Type.Object({ into: id });

export const CoauthorInput = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254, format: 'email', messageKey: 'field.emailInvalid' }) });

export const ReportInput = Type.Object({
  reason: oneOf(REPORT_REASONS, 'forum.reportReasonChoose'),
  detail: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const AppealInput = Type.Object({ body: text(10, 2000) });

export const SettingsInput = Type.Object({
  checkHours: count(),
  discussionDays: count(),
  supportNeeded: count(),
  supportDays: count(),
  answerDays: count(),
  reportHours: count(),
});

export const CategoryInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  nameEn: Type.String({ minLength: 1, maxLength: 60 }),
});

export const LIST_SORTS = ['newest', 'supports'] as const;

export const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  stage: Type.Optional(oneOf([...PROPOSAL_STATUSES, 'overdue', 'open'] as const)),
  category: Type.Optional(id),
  org: Type.Optional(id),
  sort: Type.Optional(oneOf(LIST_SORTS)),
  after: Type.Optional(Type.String({ maxLength: 200 })),
});

export const NewsInput = Type.Object({ mode: oneOf(['each', 'daily', 'off'] as const) });
