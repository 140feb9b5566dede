import Type from 'typebox';
import { LIFETIMES, SCOPES } from '../../app/api-routes.ts';

export const TokenInput = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 80, messageKey: 'api.tokenNameInvalid' }),
  /** Empty: the person's own token; an organisation's id: a token for its systems (its admins only). */
  owner: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', messageKey: 'field.choiceInvalid' })),
  scopes: Type.Array(Type.Union(SCOPES.map((scope) => Type.Literal(scope))), { maxItems: SCOPES.length, messageKey: 'field.choiceInvalid' }),
  days: Type.Union(LIFETIMES.map((days) => Type.Literal(days)), { messageKey: 'field.choiceInvalid' }),
});
