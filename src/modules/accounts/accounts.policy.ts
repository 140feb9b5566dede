import { type Actor, isOperator, type SignedInUser } from '../../shared/context.ts';
import { NotFoundError, UnauthenticatedError } from '../../shared/errors.ts';

export function requireUser(actor: Actor): SignedInUser {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  return actor;
}

/** Operator-only things do not exist for anyone else: 404, not 403. */
export function requireOperator(actor: Actor): SignedInUser {
  const user = requireUser(actor);
  if (!isOperator(user)) throw new NotFoundError();
  return user;
}
