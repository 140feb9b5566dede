import Type from 'typebox';

const id = Type.String({ pattern: '^[0-9]{1,9}$', messageKey: 'field.choiceInvalid' });

export const RoundInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 3000 })),
});

export const CriterionInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  weight: Type.String({ pattern: '^(100|[1-9][0-9]?)$', messageKey: 'review.weightInvalid' }),
});

/** Demands and collaboration tasks to put under review; at least one of either. */
export const ItemsInput = Type.Object({
  demands: Type.Array(id, { maxItems: 200, messageKey: 'review.pickDemands' }),
  tasks: Type.Array(id, { maxItems: 200, messageKey: 'review.pickDemands' }),
});

export const ReviewerInput = Type.Object({ reviewer: id });

export const FeaturedInput = Type.Object({ items: Type.Array(id, { maxItems: 200 }) });

export const ConflictInput = Type.Object({
  conflict: Type.Union([Type.Literal('none'), Type.Literal('declared')], { messageKey: 'review.conflictChoose' }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

export const CommentInput = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 3000 }) });
