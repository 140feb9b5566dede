import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { createOrg, requestVerification, verifyOrg } from '../orgs.service.ts';
import type { Sector } from '../sectors.ts';

export interface OrgOverrides {
  name?: string;
  sector?: Sector;
  region?: string;
  description?: string;
  capabilities?: string[];
  admin?: BuiltUser;
  /**
   * Verified by default: publishing, replying and seeing contacts need it. 'verified' needs an operator;
   * one per database is made when none is given.
   */
  status?: 'unverified' | 'pending' | 'verified';
  operator?: BuiltUser;
}

let sequence = 0;
const verifiers = new WeakMap<Kysely<DB>, Promise<BuiltUser>>();

function verifierOf(db: Kysely<DB>): Promise<BuiltUser> {
  let verifier = verifiers.get(db);
  if (!verifier) {
    verifier = buildUser(db, { role: 'operator' });
    verifiers.set(db, verifier);
  }
  return verifier;
}

/** An organisation made through the service, with its admin. */
export async function buildOrg(db: Kysely<DB>, overrides: OrgOverrides = {}): Promise<{ id: number; admin: BuiltUser }> {
  sequence += 1;
  const admin = overrides.admin ?? (await buildUser(db));
  const id = await createOrg(await ctxAs(db, admin), {
    name: overrides.name ?? `테스트 기관 ${sequence}-${process.pid}`,
    sector: overrides.sector ?? 'civil-society',
    region: overrides.region ?? 'nationwide',
    description: overrides.description ?? '',
    capabilities: overrides.capabilities ?? [],
  });
  const status = overrides.status ?? 'verified';
  if (status !== 'unverified') await requestVerification(await ctxAs(db, admin), id);
  if (status === 'verified') await verifyOrg(await ctxAs(db, overrides.operator ?? (await verifierOf(db))), id);
  return { id, admin };
}
