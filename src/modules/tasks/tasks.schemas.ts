import Type from 'typebox';
import { calendarDate, oneOf } from '../../shared/forms.ts';
import { SECTORS } from '../orgs/index.ts';
import { CADENCES, RAG, STAFFING_DECISIONS, TASK_KINDS } from './tasks.tables.ts';

const id = Type.String({ pattern: '^[0-9]{1,9}$', messageKey: 'field.choiceInvalid' });
/** A decimal number as typed: 12, -3.5, 1,200 (thousands separators in groups of three, dropped when read). */
const decimal = Type.String({ pattern: '^-?([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,15})(\\.[0-9]{1,4})?$', messageKey: 'task.numberInvalid' });

export const MAX_PARTNERS = 10;
export const MAX_INDICATORS = 10;
export const MAX_MILESTONES = 20;
export const MAX_ACTIONS = 10;

export const ProgrammeInput = Type.Object({
  year: Type.String({ pattern: '^20[0-9]{2}$', messageKey: 'task.yearInvalid' }),
  intakeOpensOn: calendarDate(),
  intakeClosesOn: calendarDate(),
  keyCadence: oneOf(CADENCES),
  managedCadence: oneOf(CADENCES),
  graceDays: Type.String({ pattern: '^([0-9]|[1-5][0-9]|60)$', messageKey: 'task.graceInvalid' }),
});

export const TaskInput = Type.Object({
  org: id,
  title: Type.String({ minLength: 1, maxLength: 150 }),
  problem: Type.String({ minLength: 1, maxLength: 3000 }),
  benefit: Type.String({ minLength: 1, maxLength: 1000 }),
  themes: Type.Array(id, { minItems: 1, maxItems: 5, messageKey: 'demand.themesRange' }),
  targetRegions: Type.Array(Type.String({ pattern: '^[0-9]{2}$' }), { maxItems: 20 }),
  startsOn: calendarDate(),
  endsOn: calendarDate(),
});

/** A partner row: the organisation by its name as registered, and what it contributes. */
export const PartnerRow = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  contribution: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const IndicatorRow = Type.Object({
  id: Type.Optional(id),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  baseline: decimal,
  target: decimal,
  due: calendarDate(),
});

export const MilestoneRow = Type.Object({
  id: Type.Optional(id),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  due: calendarDate(),
  owner: id,
});

export const AnswerInput = Type.Object({
  answer: oneOf(['accept', 'decline'] as const, 'task.answerChoose'),
  contribution: Type.Optional(Type.String({ maxLength: 1000 })),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const SelectInput = Type.Object({
  kind: oneOf(TASK_KINDS, 'task.kindChoose'),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
});

export const MemberInput = Type.Object({ user: id });

export const ReportInput = Type.Object({
  period: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$', messageKey: 'field.choiceInvalid' }),
  rag: oneOf(RAG, 'task.ragChoose'),
  summary: Type.String({ minLength: 1, maxLength: 3000 }),
  summaryPublic: Type.Optional(Type.Literal('on')),
  difficulties: Type.Optional(Type.String({ maxLength: 3000 })),
  asks: Type.Optional(Type.String({ maxLength: 3000 })),
  done: Type.Array(id, { maxItems: MAX_MILESTONES }),
});

export const ReportValue = Type.Object({ value: decimal });

export const MeetingInput = Type.Object({
  heldOn: calendarDate(),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  agenda: Type.String({ minLength: 1, maxLength: 5000 }),
  decisions: Type.Optional(Type.String({ maxLength: 5000 })),
});

export const ActionRow = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  owner: id,
  due: calendarDate(),
});

export const MessageInput = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) });

export const ResultsInput = Type.Object({ results: Type.Optional(Type.String({ maxLength: 10_000 })) });

export const StaffingInput = Type.Object({
  positions: Type.String({ pattern: '^([1-9]|[1-4][0-9]|50)$', messageKey: 'task.positionsInvalid' }),
  role: Type.String({ minLength: 1, maxLength: 100 }),
  fromOrg: id,
  months: Type.String({ pattern: '^([1-9]|[1-5][0-9]|60)$', messageKey: 'task.monthsInvalid' }),
  justification: Type.String({ minLength: 1, maxLength: 3000 }),
  indicators: Type.Array(id, { minItems: 1, maxItems: MAX_INDICATORS, messageKey: 'task.staffingGoals' }),
});

export const StaffingDecisionInput = Type.Object({
  decision: oneOf(STAFFING_DECISIONS, 'task.decisionChoose'),
  granted: Type.Optional(Type.String({ pattern: '^([0-9]|[1-4][0-9]|50)$', messageKey: 'task.positionsInvalid' })),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
});

export const TaskQuery = Type.Object({
  year: Type.Optional(Type.String({ pattern: '^20[0-9]{2}$' })),
  kind: Type.Optional(oneOf(TASK_KINDS)),
  theme: Type.Optional(id),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  after: Type.Optional(Type.String({ maxLength: 200 })),
});

export const PortfolioQuery = Type.Object({
  year: Type.Optional(Type.String({ pattern: '^20[0-9]{2}$' })),
  kind: Type.Optional(oneOf([...TASK_KINDS, 'candidate'] as const)),
  rag: Type.Optional(oneOf(RAG)),
  late: Type.Optional(Type.Literal('1')),
  slipping: Type.Optional(Type.Literal('1')),
  theme: Type.Optional(id),
  sector: Type.Optional(oneOf(SECTORS)),
  after: Type.Optional(Type.String({ maxLength: 200 })),
});
