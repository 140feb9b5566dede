/**
 * Who may act at all: the checks every module's services start with. They live beside `Actor`, not in
 * `accounts`, so that modules below `accounts` (organisations) need not import it.
 */
import { type Actor, type Ctx, isOperator, type SignedInUser } from './context.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors.ts';

/** The signed-in user, or `UnauthenticatedError` (pages answer it with the sign-in page). */
export function requireUser(actor: Actor): SignedInUser {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  return actor;
}

/**
 * Operator-only things do not exist for anyone else: 404, not 403. Where the installation requires
 * it, an operator without two-step verification is told to turn it on first.
 */
export function requireOperator(ctx: Pick<Ctx, 'actor' | 'operatorTotpRequired'>): SignedInUser {
  const user = requireUser(ctx.actor);
  if (!isOperator(user)) throw new NotFoundError();
  if (ctx.operatorTotpRequired && !user.totpEnabled) throw new ForbiddenError('account.totpRequired');
  return user;
}
