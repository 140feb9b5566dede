import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../../../shared/clock.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { createProposal, publishProposal, submitProposal } from '../proposals.service.ts';

/** A responsible body: a verified central ministry with its admin. */
export function buildMinistry(db: Kysely<DB>, name?: string) {
  return buildOrg(db, { sector: 'central', ...(name ? { name } : {}) });
}

export interface BuiltProposal {
  id: number;
  author: BuiltUser;
  org: { id: number; admin: BuiltUser };
}

/**
 * A proposal through the services: written by `author` (a new citizen when not given) to `org` (a
 * new ministry), and — unless `stage` is 'draft' — submitted, and with 'published' passed by `operator`.
 */
export async function buildProposal(
  db: Kysely<DB>,
  options: { author?: BuiltUser; org?: { id: number; admin: BuiltUser }; operator?: BuiltUser; title?: string; proposal?: string; stage?: 'draft' | 'checking' | 'published'; now?: Clock } = {},
): Promise<BuiltProposal> {
  const author = options.author ?? (await buildUser(db));
  const org = options.org ?? (await buildMinistry(db));
  const orgName = (await db.selectFrom('orgs').select('name').where('id', '=', org.id).executeTakeFirstOrThrow()).name;
  const category = await db.selectFrom('forum_categories').select('id').orderBy('sort').executeTakeFirstOrThrow();
  const ctx = await ctxAs(db, author, options.now);
  const id = await createProposal(ctx, {
    title: options.title ?? '농어촌 버스 시간표를 한곳에서 보게 해 주세요',
    problem: '군마다 버스 시간표가 다른 누리집에 있어 어르신들이 찾기 어렵습니다.',
    proposal: options.proposal ?? '전국 농어촌 버스 시간표를 공공데이터로 모아 한 화면에서 찾게 해 주세요.',
    effect: '병원과 장에 가는 길이 편해집니다.',
    org: orgName,
    category: String(category.id),
  });
  const stage = options.stage ?? 'published';
  if (stage === 'draft') return { id, author, org };
  await submitProposal(ctx, id);
  if (stage === 'published') await publishProposal(await ctxAs(db, options.operator ?? (await buildUser(db, { role: 'operator' })), options.now), id);
  return { id, author, org };
}
