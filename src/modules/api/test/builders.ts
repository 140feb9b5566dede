import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, ctxAs } from '../../accounts/test/builders.ts';
import type { Scope } from '../../../app/api-routes.ts';
import { createToken } from '../tokens.service.ts';

/** A token made through the service for `user` (an organisation's with `org`): its secret. */
export async function buildToken(db: Kysely<DB>, user: BuiltUser, options: { scopes?: Scope[]; org?: number; days?: '7' | '30' | '90' | '365' } = {}): Promise<string> {
  const { secret } = await createToken(await ctxAs(db, user), { name: '연계 시스템', scopes: options.scopes ?? [], days: options.days ?? '30', ...(options.org ? { owner: String(options.org) } : {}) });
  return secret;
}

/** Headers of a request sent with `secret`. */
export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
