import { countRows } from '../../db/count.ts';
import { queryTemplate } from '../../db/query-template.ts';
import { type Expression, sql } from 'kysely';
import type { Page, QueueHead } from '../../db/pagination.ts';
import type { MemberRole, MembershipStatus, OrgStatus } from './orgs.tables.ts';
import { enqueue } from '../../jobs/queue.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, type Db, type Membership, membershipOf, sharedWork } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { type RateRule, takeOrRefuse } from '../../shared/rate-limit.ts';
import { parseInput, parseQuery } from '../../shared/forms.ts';
import { type MessageKey, translator } from '../../shared/i18n/index.ts';
import { searchDocument } from '../../shared/korean-search.ts';
import { hashToken, newToken } from '../../shared/tokens.ts';
import { createOnce, underUniqueRules } from '../../shared/unique.ts';
import { requireOperator, requireUser } from '../../shared/actors.ts';
import { queueMail } from '../notifications/index.ts';
import { orgNameKey } from './org-name.ts';
import { can, type OrgAction } from './orgs.policy.ts';
import {
  capabilitiesOfOrg,
  countDirectory,
  type DirectoryFilter,
  findOrg,
  membersOfOrg,
  newestSummaries,
  type OrgSummary,
  orgAdminEmails,
  pageDirectory,
  pendingSummaries,
} from './orgs.queries.ts';
import { validCapabilities } from './taxonomy.service.ts';
import { DirectoryQuery, InviteInput, MemberRoleInput, OrgInput, RejectInput } from './orgs.schemas.ts';

const INVITATION_DAYS = 7;

/**
 * The active memberships of the user `userId` names, with their organisations' status, as one JSON
 * array column: the session is read with it in one round trip (`loadSession`), on every page.
 */
export function membershipsColumn(userId: Expression<number>) {
  return sql<Membership[]>`coalesce((
    SELECT json_agg(json_build_object('orgId', m.org_id, 'role', m.role, 'orgStatus', o.status) ORDER BY m.org_id)
    FROM org_members m JOIN orgs o ON o.id = m.org_id
    WHERE m.user_id = ${userId} AND m.status = 'active'), '[]'::json)`;
}

export async function membershipsOf(db: Db, userId: number): Promise<Membership[]> {
  const row = await db.selectNoFrom(membershipsColumn(sql.val(userId)).as('memberships')).executeTakeFirstOrThrow();
  return row.memberships;
}

/** Loads an org the actor may act on, or answers 404 whether it is missing or merely off-limits. */
async function orgFor(ctx: Ctx, db: Db, id: number, action: OrgAction) {
  return orgIfAllowed(ctx, await findOrg(db, id), action);
}

type OrgRecord = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

/** `org` when the actor may see it and take `action` on it; 404 when it is missing or merely off-limits. */
function orgIfAllowed(ctx: Ctx, org: OrgRecord | undefined, action: OrgAction): OrgRecord {
  if (!org || !can(ctx.actor, 'org.view', org) || !can(ctx.actor, action, org)) throw new NotFoundError();
  return org;
}

async function validRegion(db: Db, region: string): Promise<string | null> {
  if (region === 'nationwide') return null;
  const row = await db.selectFrom('regions').select('code').where('code', '=', region).executeTakeFirst();
  if (!row) throw new ValidationError({ region: 'field.choiceInvalid' });
  return row.code;
}

async function mailAdmins(db: Db, now: Date, orgId: number, subject: MessageKey, body: MessageKey, params: Record<string, string>) {
  for (const admin of await orgAdminEmails(db, orgId)) {
    if (!admin.email) continue;
    const t = translator(admin.locale === 'en' ? 'en' : 'ko');
    await queueMail(db, now, { to: admin.email, subject: t(subject, params), text: t(body, params) });
  }
}

async function writeOrg(ctx: Ctx, db: Db, raw: unknown, orgId?: number) {
  const input = parseInput(OrgInput, raw);
  const region = await validRegion(db, input.region);
  const capabilities = await validCapabilities(db, input.capabilities);
  const nameKey = orgNameKey(input.name);
  const sameName = await db
    .selectFrom('orgs')
    .select('id')
    .where('name_key', '=', nameKey)
    .$if(orgId !== undefined, (q) => q.where('id', '!=', orgId!))
    .executeTakeFirst();
  if (sameName) throw new ValidationError({ name: 'org.nameTaken' });
  const values = {
    name: input.name,
    name_key: nameKey,
    sector: input.sector,
    region_code: region,
    description: input.description ?? '',
    website: input.website ?? null,
    capability_note: input.capabilityNote ?? '',
    search_vector: sql<string>`to_tsvector('simple', ${searchDocument(input.name)})`,
    profile_vector: sql<string>`to_tsvector('simple', ${searchDocument(input.description ?? '', input.capabilityNote ?? '')})`,
    updated_at: ctx.now(),
  };
  const id = orgId
    ? (await db.updateTable('orgs').set(values).where('id', '=', orgId).returning('id').executeTakeFirstOrThrow()).id
    : (await db.insertInto('orgs').values({ ...values, created_by: requireUser(ctx.actor).id, created_at: ctx.now() }).returning('id').executeTakeFirstOrThrow()).id;
  await db.deleteFrom('org_capabilities').where('org_id', '=', id).execute();
  if (capabilities.length) {
    await db.insertInto('org_capabilities').values(capabilities.map((capability_id) => ({ org_id: id, capability_id }))).execute();
  }
  return id;
}

/** 기관 등록: the creator becomes the organisation's admin. At most ten a day per person, against spam. */
export async function createOrg(ctx: Ctx, raw: unknown): Promise<number> {
  const actor = requireUser(ctx.actor);
  const limit: RateRule = { bucket: `org-create:${actor.id}`, limit: 10, windowSeconds: 24 * 3600 };
  return underUniqueRules(NAME_RULE, () =>
    ctx.db.transaction().execute((trx) =>
      createOnce(ctx, trx, async () => {
        await takeOrRefuse(trx, limit, ctx.now());
        const id = await writeOrg(ctx, trx, raw);
        await trx.insertInto('org_members').values({ org_id: id, user_id: actor.id, role: 'admin', status: 'active', created_at: ctx.now() }).execute();
        await audit(ctx, trx, 'org.create', { type: 'org', id });
        return id;
      }),
    ),
  );
}

/** Two organisations registered or renamed to one name at once: the second hears what the check says. */
const NAME_RULE = { orgs_name_key: () => new ValidationError({ name: 'org.nameTaken' }) };

export async function updateOrg(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  await underUniqueRules(NAME_RULE, () =>
    ctx.db.transaction().execute(async (trx) => {
      await orgFor(ctx, trx, id, 'org.edit');
      await writeOrg(ctx, trx, raw, id);
    }),
  );
}

export async function requestVerification(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await orgFor(ctx, trx, id, 'org.requestVerification');
    await trx
      .updateTable('orgs')
      .set({ status: 'pending', rejection_reason: null, verification_requested_at: ctx.now(), updated_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, 'org.verification.request', { type: 'org', id });
  });
}

/** The job that withdraws what a refused organisation has live (its demands, its replies, its agenda places). */
export const ORG_REJECTED_JOB = 'org.rejected';

/**
 * Verifies a pending organisation, or refuses a pending or verified one (a revoked verification). A
 * refusal queues `ORG_REJECTED_JOB` in the same transaction, so what the organisation has live is
 * withdrawn with notice even if the process stops right after.
 */
async function decideVerification(ctx: Ctx, id: number, verified: boolean, reason: string | null): Promise<string> {
  requireOperator(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const org = await findOrg(trx, id);
    if (!org || !(org.status === 'pending' || (!verified && org.status === 'verified'))) throw new NotFoundError();
    await trx
      .updateTable('orgs')
      .set({ status: verified ? 'verified' : 'rejected', verified_at: verified ? ctx.now() : null, rejection_reason: reason })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, verified ? 'org.verify' : 'org.reject', { type: 'org', id }, reason ? { reason } : {});
    if (!verified) await enqueue(trx, ctx.now(), ORG_REJECTED_JOB, { orgId: id });
    const params = { org: org.name, reason: reason ?? '', link: `${ctx.baseUrl}/orgs/${id}` };
    await mailAdmins(trx, ctx.now(), id, verified ? 'mail.verifiedSubject' : 'mail.rejectedSubject', verified ? 'mail.verifiedBody' : 'mail.rejectedBody', params);
    return org.name;
  });
}

export function verifyOrg(ctx: Ctx, id: number): Promise<string> {
  return decideVerification(ctx, id, true, null);
}

export async function rejectOrg(ctx: Ctx, id: number, raw: unknown): Promise<string> {
  return decideVerification(ctx, id, false, parseInput(RejectInput, raw).reason);
}

export async function verificationQueue(ctx: Ctx): Promise<QueueHead<OrgSummary>> {
  requireOperator(ctx);
  return pendingSummaries(ctx.db);
}

export interface Directory {
  filter: DirectoryFilter;
  /** The cursor this page starts after; absent on the first page. */
  after: string | undefined;
  total: number;
  page: Page<OrgSummary>;
}

export async function browseDirectory(ctx: Ctx, raw: unknown): Promise<Directory> {
  const input = parseQuery(DirectoryQuery, raw);
  const filter: DirectoryFilter = {
    q: input.q,
    sector: input.sector,
    region: input.region,
    capability: input.capability ? Number(input.capability) : undefined,
  };
  const [total, page] = await Promise.all([
    countDirectory(ctx.db, ctx.actor, filter),
    pageDirectory(ctx.db, ctx.actor, filter, input.after),
  ]);
  return { filter, after: input.after, total, page };
}

/** The user's own request to join the organisation, if it waits: asked on every organisation's page a member opens. */
const joinRequestOf = queryTemplate((db, orgId: number, userId: number) =>
  db.selectFrom('org_members').select('status').where('org_id', '=', orgId).where('user_id', '=', userId).where('status', '=', 'requested'),
);

export async function getOrgProfile(ctx: Ctx, id: number) {
  // The organisation and its capabilities are the same for every reader, who is then let see them or
  // not: read once for all of them for a moment (`sharedWork`). The reader's own request to join is
  // theirs to know whatever the answer: asked beside them, not after (a member has none to wait on).
  const [[found, capabilities], pendingRequest] = await Promise.all([
    sharedWork(ctx, `orgs.profile ${id}`, () => Promise.all([findOrg(ctx.db, id), capabilitiesOfOrg(ctx.db, id)])),
    ctx.actor.kind === 'user' && !membershipOf(ctx.actor, id) ? joinRequestOf(ctx.db, id, ctx.actor.id).then(([row]) => row) : undefined,
  ]);
  const org = orgIfAllowed(ctx, found, 'org.view');
  const members = can(ctx.actor, 'org.viewMembers', org) ? await membersOfOrg(ctx.db, id) : null;
  // Its members waiting for verification are told how long it usually takes.
  const typicalWait = org.status === 'pending' && membershipOf(ctx.actor, id) ? await typicalVerificationWait(ctx) : null;
  return { org, capabilities, members, joinPending: !!pendingRequest, typicalWait };
}

/** The form's starting values when editing. */
export async function getOrgForEdit(ctx: Ctx, id: number) {
  const org = await orgFor(ctx, ctx.db, id, 'org.edit');
  const capabilities = await capabilitiesOfOrg(ctx.db, id);
  return {
    org,
    values: {
      name: org.name,
      sector: org.sector,
      region: org.region_code ?? 'nationwide',
      description: org.description,
      website: org.website ?? '',
      capabilities: capabilities.map((c) => String(c.id)),
      capabilityNote: org.capability_note,
    },
  };
}

export async function requestToJoin(ctx: Ctx, id: number): Promise<void> {
  const actor = requireUser(ctx.actor);
  await ctx.db.transaction().execute(async (trx) => {
    const org = await orgFor(ctx, trx, id, 'org.join');
    const inserted = await trx
      .insertInto('org_members')
      .values({ org_id: id, user_id: actor.id, role: 'member', status: 'requested', created_at: ctx.now() })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) return;
    await mailAdmins(trx, ctx.now(), id, 'mail.joinRequestSubject', 'mail.joinRequestBody', {
      name: actor.name,
      org: org.name,
      link: `${ctx.baseUrl}/orgs/${id}/members`,
    });
  });
}

export async function getMembersPage(ctx: Ctx, id: number) {
  const org = await orgFor(ctx, ctx.db, id, 'org.manageMembers');
  return { org, members: await membersOfOrg(ctx.db, id) };
}

export async function decideJoinRequest(ctx: Ctx, orgId: number, userId: number, approve: boolean): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await orgFor(ctx, trx, orgId, 'org.manageMembers');
    const found = approve
      ? (
          await trx
            .updateTable('org_members')
            .set({ status: 'active' })
            .where('org_id', '=', orgId)
            .where('user_id', '=', userId)
            .where('status', '=', 'requested')
            .executeTakeFirst()
        ).numUpdatedRows
      : (
          await trx
            .deleteFrom('org_members')
            .where('org_id', '=', orgId)
            .where('user_id', '=', userId)
            .where('status', '=', 'requested')
            .executeTakeFirst()
        ).numDeletedRows;
    if (!found) throw new NotFoundError();
    await audit(ctx, trx, approve ? 'org.member.approve' : 'org.member.decline', { type: 'org', id: orgId }, { userId });
  });
}

export async function setMemberRole(ctx: Ctx, orgId: number, userId: number, raw: unknown): Promise<void> {
  const { role } = parseInput(MemberRoleInput, raw);
  await ctx.db.transaction().execute(async (trx) => {
    await orgFor(ctx, trx, orgId, 'org.manageMembers');
    const result = await trx
      .updateTable('org_members')
      .set({ role })
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!result.numUpdatedRows) throw new NotFoundError();
    await assertHasAdmin(trx, orgId, 'role');
    await audit(ctx, trx, 'org.member.role', { type: 'org', id: orgId }, { userId, role });
  });
}

/**
 * Refuses a change that left the organisation without an admin. The organisation's row is locked
 * first: two admins stepping down at once each count the other as admin unless the second counts
 * after the first has committed.
 */
async function assertHasAdmin(db: Db, orgId: number, field: string): Promise<void> {
  await db.selectFrom('orgs').select('id').where('id', '=', orgId).forUpdate().execute();
  const admins = await countRows(db.selectFrom('org_members').where('org_id', '=', orgId).where('role', '=', 'admin').where('status', '=', 'active'));
  if (admins === 0) throw new ValidationError({ [field]: 'account.lastAdmin' });
}

export async function inviteMember(ctx: Ctx, orgId: number, raw: unknown): Promise<string> {
  const actor = requireUser(ctx.actor);
  const email = parseInput(InviteInput, raw).email.toLowerCase();
  return ctx.db.transaction().execute(async (trx) => {
    const org = await orgFor(ctx, trx, orgId, 'org.manageMembers');
    // Each invitation mails an address someone typed: limited per person and per client.
    await takeOrRefuse(trx, { bucket: `org-invite:${actor.id}`, limit: 20, windowSeconds: 24 * 3600 }, ctx.now());
    await takeOrRefuse(trx, { bucket: `org-invite-ip:${ctx.ip ?? 'unknown'}`, limit: 40, windowSeconds: 24 * 3600 }, ctx.now());
    const token = newToken();
    await trx
      .insertInto('org_invitations')
      .values({
        org_id: orgId,
        email,
        token_hash: hashToken(token),
        invited_by: actor.id,
        expires_at: new Date(ctx.now().getTime() + INVITATION_DAYS * 24 * 3600 * 1000),
        created_at: ctx.now(),
      })
      .execute();
    const t = translator('ko');
    const params = { org: org.name, inviter: actor.name, link: `${ctx.baseUrl}/invitations/${token}` };
    await queueMail(trx, ctx.now(), { to: email, subject: t('mail.inviteSubject', params), text: t('mail.inviteBody', params) });
    await audit(ctx, trx, 'org.invite', { type: 'org', id: orgId }, { email });
    return email;
  });
}

async function openInvitation(db: Db, ctx: Ctx, token: string) {
  const invitation = await db
    .selectFrom('org_invitations')
    .innerJoin('orgs', 'orgs.id', 'org_invitations.org_id')
    .select(['org_invitations.id', 'org_invitations.org_id', 'org_invitations.email', 'orgs.name as org_name'])
    .where('token_hash', '=', hashToken(token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', ctx.now())
    .executeTakeFirst();
  if (!invitation) throw new NotFoundError();
  return invitation;
}

export function getInvitation(ctx: Ctx, token: string) {
  return openInvitation(ctx.db, ctx, token);
}

/** Only the invited address may accept: a forwarded link does not let someone else in. */
export async function acceptInvitation(ctx: Ctx, token: string): Promise<{ orgId: number; orgName: string }> {
  const actor = requireUser(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const invitation = await openInvitation(trx, ctx, token);
    if (invitation.email !== actor.email.toLowerCase()) throw new ValidationError({ email: 'org.invitationWrongEmail' });
    await trx
      .insertInto('org_members')
      .values({ org_id: invitation.org_id, user_id: actor.id, role: 'member', status: 'active', created_at: ctx.now() })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ status: 'active' }))
      .execute();
    await trx.updateTable('org_invitations').set({ accepted_at: ctx.now() }).where('id', '=', invitation.id).execute();
    await audit(ctx, trx, 'org.invite.accept', { type: 'org', id: invitation.org_id });
    return { orgId: invitation.org_id, orgName: invitation.org_name };
  });
}

/** On account deletion. Refused while the user is the last admin of an organisation that has other members. */
export async function leaveAllOrgs(db: Db, userId: number): Promise<void> {
  const memberships = await membershipsOf(db, userId);
  await db.deleteFrom('org_members').where('user_id', '=', userId).execute();
  for (const m of memberships) {
    if (m.role !== 'admin') continue;
    const others = await countRows(db.selectFrom('org_members').where('org_id', '=', m.orgId).where('status', '=', 'active'));
    if (others > 0) await assertHasAdmin(db, m.orgId, 'currentPassword');
  }
}

/** One of a user's organisations, with their role and membership in it (a pending one too). */
export interface UserOrg {
  id: number;
  name: string;
  status: OrgStatus;
  role: MemberRole;
  membership: MembershipStatus;
}

/**
 * The organisations of the user `userId` names, by name, as one JSON array column: the account page
 * reads it beside the account's row, in one round trip.
 */
export function userOrgsColumn(userId: Expression<number>) {
  return sql<UserOrg[]>`coalesce((
    SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'status', o.status, 'role', m.role, 'membership', m.status) ORDER BY o.name)
    FROM org_members m JOIN orgs o ON o.id = m.org_id
    WHERE m.user_id = ${userId}), '[]'::json)`;
}

/** The actor's organisations (`userOrgsColumn`), for every form that asks for one. */
export async function myOrgs(ctx: Ctx): Promise<UserOrg[]> {
  // A query without FROM: always one row.
  return (await orgsOfUser(ctx.db, requireUser(ctx.actor).id))[0]!.orgs;
}

/** Built once (`queryTemplate`). */
const orgsOfUser = queryTemplate((db, userId: number) => db.selectNoFrom(userOrgsColumn(sql.val(userId)).as('orgs')));

/** Organisations taking part (refused registrations are not), for the home page. */
export function orgCount(ctx: Ctx): Promise<number> {
  return countRows(ctx.db.selectFrom('orgs').where('status', '!=', 'rejected'));
}

export function newestOrgs(ctx: Ctx, limit: number): Promise<OrgSummary[]> {
  return newestSummaries(ctx.db, limit);
}

/**
 * How long verification usually takes: the median time from request to decision of the organisations
 * verified in the last 180 days, in milliseconds; null with fewer than three such decisions (too few to promise).
 */
export async function typicalVerificationWait(ctx: Pick<Ctx, 'db' | 'now'>): Promise<number | null> {
  const since = new Date(ctx.now().getTime() - 180 * 24 * 3600 * 1000);
  const row = await ctx.db
    .selectFrom('orgs')
    .select([
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM verified_at - verification_requested_at))`.as('median'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('status', '=', 'verified')
    .where('verified_at', '>=', since)
    .where('verification_requested_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n) >= 3 && row.median !== null ? Math.round(Number(row.median) * 1000) : null;
}
