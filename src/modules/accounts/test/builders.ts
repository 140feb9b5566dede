import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { clock } from '../../../../test/clock.ts';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ctx, SignedInUser } from '../../../shared/context.ts';
import { diskStorage, type FileStorage } from '../../../shared/storage.ts';
import { membershipsOf } from '../../orgs/index.ts';
import type { GlobalRole } from '../accounts.tables.ts';
import { createVerifiedUser } from '../users.service.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface BuiltUser {
  id: number;
  email: string;
  name: string;
  password: string;
  role: GlobalRole;
}

let sequence = 0;
let files: FileStorage | undefined;

/** One temporary attachment folder per test process. */
function testFiles(): FileStorage {
  files ??= diskStorage(mkdtempSync(path.join(tmpdir(), 'ieumteo-files-')));
  return files;
}

/** A confirmed account; every call gets a distinct email. */
export async function buildUser(db: Kysely<DB>, overrides: Partial<Omit<BuiltUser, 'id'>> = {}): Promise<BuiltUser> {
  sequence += 1;
  const user = {
    email: overrides.email ?? `user${sequence}-${process.pid}@test.ieumteo.kr`,
    name: overrides.name ?? `테스트 사용자 ${sequence}`,
    password: overrides.password ?? TEST_PASSWORD,
    role: overrides.role ?? 'citizen',
  };
  const { id } = await createVerifiedUser(db, user, clock());
  return { id, ...user };
}

/** The actor as a request would see it, memberships loaded from the database. */
export async function actorOf(db: Kysely<DB>, user: BuiltUser): Promise<SignedInUser> {
  return { kind: 'user', id: user.id, email: user.email, name: user.name, role: user.role, memberships: await membershipsOf(db, user.id), sessionId: `test-${user.id}`, totpEnabled: false };
}

/** A service context; its time is the test process's clock unless another is given. */
export function ctxFor(db: Kysely<DB>, actor: Ctx['actor'], now: Clock = clock): Ctx {
  return { actor, db, now, baseUrl: 'http://localhost:3000', files: testFiles(), ip: '127.0.0.1' };
}

/** Shortcut: a service context acting as this user. */
export async function ctxAs(db: Kysely<DB>, user: BuiltUser, now?: Clock): Promise<Ctx> {
  return ctxFor(db, await actorOf(db, user), now);
}
