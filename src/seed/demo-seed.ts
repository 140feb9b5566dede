
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { attachmentStorage } from '../shared/storage.ts';
import type { DB } from '../db/schema.ts';
import { createVerifiedUser, hashPassword } from '../modules/accounts/index.ts';
import { createOrg, listCapabilities, listRegions, membershipsOf, requestVerification, verifyOrg } from '../modules/orgs/index.ts';
import type { Ctx, SignedInUser } from '../shared/context.ts';
import { keepDemoMail } from '../modules/notifications/index.ts';
import { DEMO_ORGS } from './demo-orgs.ts';
import { seedProgramme } from './seed-programme.ts';
import { seedDemands } from './seed-demands.ts';
import { seedForum } from './seed-forum.ts';
import { seedSos } from './seed-sos.ts';
import { seedTasks } from './seed-tasks.ts';

export const DEMO_PASSWORD = 'ieumteo-demo-2026';
export const DEMO_OPERATOR = { email: 'operator@demo.ieumteo.kr', name: '이음터 운영자' };

const DEMO_REVIEWERS = [
  { email: 'reviewer@demo.ieumteo.kr', name: '김정민 심사위원' },
  { email: 'reviewer2@demo.ieumteo.kr', name: '이서연 심사위원' },
];

const DEMO_CITIZEN = { email: 'citizen@demo.ieumteo.kr', name: '홍길동' };

export interface DemoAccount {
  label: string;
  email: string;
  password: string;
}

/** The demo's sign-ins worth printing: one per kind of user. */
export function demoAccounts(): DemoAccount[] {
  const orgAdmin = DEMO_ORGS.find((o) => o.sector === 'civil-society' && o.status === 'verified')!;
  return [
    { label: '운영자 (operator)', email: DEMO_OPERATOR.email, password: DEMO_PASSWORD },
    { label: `기관 관리자 (${orgAdmin.name})`, email: orgAdmin.admin.email, password: DEMO_PASSWORD },
    { label: '국민 (citizen)', email: DEMO_CITIZEN.email, password: DEMO_PASSWORD },
    { label: '전문 심사위원 (reviewer)', email: DEMO_REVIEWERS[0]!.email, password: DEMO_PASSWORD },
  ];
}

async function actorFor(db: Kysely<DB>, id: number, email: string, name: string, role: SignedInUser['role']): Promise<SignedInUser> {
  return { kind: 'user', id, email, name, role, memberships: await membershipsOf(db, id), sessionId: 'seed', totpEnabled: false };
}

/**
 * Loads the Korean demo world through the same services users go through, when the database has
 * no user yet. Returns the demo sign-ins to print, or null when nothing was done.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, config: Pick<Config, 'baseUrl' | 'dataDir'>, now: () => Date): Promise<{ accounts: DemoAccount[] } | null> {
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
  const files = attachmentStorage(config.dataDir);
  const ctxOf = (actor: SignedInUser): Ctx => ({ actor, db, now, baseUrl: config.baseUrl, files });

  // One hash for every demo account that signs in (they share the password): ~13 ms each.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const operatorId = (await createVerifiedUser(db, { ...DEMO_OPERATOR, password: DEMO_PASSWORD, passwordHash, role: 'operator' }, now())).id;
  const operator = await actorFor(db, operatorId, DEMO_OPERATOR.email, DEMO_OPERATOR.name, 'operator');

  const regions = await listRegions(db);
  const provinceCode = new Map(regions.filter((r) => !r.parent_code).map((r) => [r.name, r.code]));
  const regionCode = (name: string | null) => {
    if (!name) return 'nationwide';
    const [province, district] = name.split(' ');
    const parent = provinceCode.get(province ?? '');
    const match = regions.find((r) => (district ? r.parent_code === parent && r.name === district : r.code === parent));
    if (!match) throw new Error(`Unknown demo region ${name}`);
    return match.code;
  };
  const capabilityIds = new Map((await listCapabilities(db)).map((c) => [c.name, String(c.id)]));

  for (const demo of DEMO_ORGS) {
    const adminId = (await createVerifiedUser(db, { ...demo.admin, password: DEMO_PASSWORD, passwordHash }, now())).id;
    let admin = await actorFor(db, adminId, demo.admin.email, demo.admin.name, 'citizen');
    const orgId = await createOrg(ctxOf(admin), {
      name: demo.name,
      sector: demo.sector,
      region: regionCode(demo.region),
      description: demo.description,
      website: demo.website ?? '',
      capabilities: demo.capabilities.map((name) => {
        const id = capabilityIds.get(name);
        if (!id) throw new Error(`Unknown demo capability ${name}`);
        return id;
      }),
      capabilityNote: demo.note ?? '',
    });
    if (demo.status === 'unverified') continue;
    admin = await actorFor(db, adminId, demo.admin.email, demo.admin.name, 'citizen');
    await requestVerification(ctxOf(admin), orgId);
    if (demo.status === 'verified') await verifyOrg(ctxOf(operator), orgId);
  }

  const admins = new Map<string, SignedInUser>();
  for (const demo of DEMO_ORGS) {
    const user = await db.selectFrom('users').select('id').where('email', '=', demo.admin.email).executeTakeFirstOrThrow();
    admins.set(demo.name, await actorFor(db, user.id, demo.admin.email, demo.admin.name, 'citizen'));
  }
  const actAs = (orgName: string, at: Date): Ctx => {
    const admin = admins.get(orgName);
    if (!admin) throw new Error(`Unknown demo organisation ${orgName}`);
    return { ...ctxOf(admin), now: () => at };
  };
  await seedDemands(db, actAs, admins, now());

  await createVerifiedUser(db, { ...DEMO_CITIZEN, password: DEMO_PASSWORD, passwordHash }, now());

  const reviewers: Ctx[] = [];
  for (const reviewer of DEMO_REVIEWERS) {
    const { id } = await createVerifiedUser(db, { ...reviewer, password: DEMO_PASSWORD, passwordHash, role: 'reviewer' }, now());
    reviewers.push(ctxOf(await actorFor(db, id, reviewer.email, reviewer.name, 'reviewer')));
  }
  await seedProgramme(ctxOf(operator), reviewers);
  const operatorAt = (at: Date): Ctx => ({ ...ctxOf(operator), now: () => at });
  await seedTasks(db, actAs, operatorAt, now());
  await seedSos(db, actAs, operator, operatorAt, now());
  await seedForum(db, actAs, operatorAt, DEMO_CITIZEN.email, now());
  // The notices the demo wrote go to made-up people: kept at once, not left for the worker.
  await keepDemoMail(db, now());

  return { accounts: demoAccounts() };
}
