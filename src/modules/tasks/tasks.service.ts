import { requireUser } from '../../shared/actors.ts';
import { audit } from '../../shared/audit.ts';
import { type Ctx, type Db, verifiedMembershipOf } from '../../shared/context.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { parseInput, parseRows } from '../../shared/forms.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { addDays, kstDate } from '../../shared/dates.ts';
import { createOnce } from '../../shared/unique.ts';
import { notify } from '../notifications/index.ts';
import { orgMemberRecipients, orgNameKey } from '../orgs/index.ts';
import { recordCharterVersion, seatMember } from './charter.ts';
import { openIntake } from './programmes.service.ts';
import { loadTask } from './task-access.ts';
import { IndicatorRow, MAX_INDICATORS, MAX_MILESTONES, MAX_PARTNERS, MilestoneRow, PartnerRow, TaskInput, AnswerInput } from './tasks.schemas.ts';
import { refreshTaskState } from './schedule.ts';
import { operatorRecipients } from '../accounts/index.ts';
import { adoptedProposal } from '../forum/index.ts';

type Raw = Record<string, unknown>;

const asRaw = (raw: unknown): Raw => (raw && typeof raw === 'object' ? (raw as Raw) : {});

/** Runs each part of a form's parsing, gathering every field's message before failing once. */
function gather<T>(errors: Record<string, MessageKey>, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fields);
    return undefined;
  }
}

export const number = (typed: string): number => Number(typed.replaceAll(',', ''));

/** A task runs at most five years: a plan beyond that is a typing slip, and its reports would never end. */
const MAX_TASK_DAYS = 5 * 366;

interface ParsedTask {
  lead: number;
  title: string;
  problem: string;
  benefit: string;
  themes: number[];
  targetRegions: string[];
  startsOn: string;
  endsOn: string;
  partners: { orgId: number; contribution: string }[];
}

/** The task's basic form: every message at once, partners found by their registered names. */
async function parseTask(ctx: Ctx, db: Db, raw: unknown, leadOrgId?: number): Promise<ParsedTask> {
  const actor = requireUser(ctx.actor);
  const body = asRaw(raw);
  const errors: Record<string, MessageKey> = {};
  const input = gather(errors, () => parseInput(TaskInput, leadOrgId ? { ...body, org: String(leadOrgId) } : body));
  const partnerRows = parseRows(body, 'partner', PartnerRow, MAX_PARTNERS, errors);
  const lead = leadOrgId ?? Number(input?.org);
  if (input && !leadOrgId && !verifiedMembershipOf(actor, lead)) errors.org = 'task.leadNotVerified';
  if (input && input.endsOn < input.startsOn) errors.endsOn = 'task.datesOrder';
  else if (input && input.endsOn > addDays(input.startsOn, MAX_TASK_DAYS)) errors.endsOn = 'task.tooLong';
  if (input) {
    const themes = await db.selectFrom('themes').select('id').where('id', 'in', input.themes.map(Number)).execute();
    if (themes.length !== new Set(input.themes).size) errors.themes = 'field.choiceInvalid';
    if (input.targetRegions.length) {
      const found = await db.selectFrom('regions').select('code').where('code', 'in', input.targetRegions).where('parent_code', 'is', null).execute();
      if (found.length !== new Set(input.targetRegions).size) errors.targetRegions = 'field.choiceInvalid';
    }
  }
  const partners: ParsedTask['partners'] = [];
  if (partnerRows.length) {
    const keys = partnerRows.map((p) => orgNameKey(p.name));
    const found = await db.selectFrom('orgs').select(['id', 'name_key', 'status']).where('name_key', 'in', keys).execute();
    for (const row of partnerRows) {
      const org = found.find((o) => o.name_key === orgNameKey(row.name));
      const field = `partner.${row.row}.name`;
      if (!org || org.status === 'rejected') errors[field] = 'task.partnerUnknown';
      // Only a verified organisation can answer an invitation (it speaks for the public sector or itself).
      else if (org.status !== 'verified') errors[field] = 'task.partnerUnverified';
      else if (org.id === lead) errors[field] = 'task.partnerIsLead';
      else if (partners.some((p) => p.orgId === org.id)) errors[field] = 'task.partnerTwice';
      else partners.push({ orgId: org.id, contribution: row.contribution ?? '' });
    }
  }
  if (Object.keys(errors).length || !input) throw new ValidationError(errors);
  return {
    lead,
    title: input.title,
    problem: input.problem,
    benefit: input.benefit,
    themes: [...new Set(input.themes.map(Number))],
    targetRegions: [...new Set(input.targetRegions)],
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    partners,
  };
}

/**
 * Invites each partner named that is not on the task (or declined before: it is asked again) and tells
 * its members; partners left out are removed with their TF seats. A declined partner not named stays
 * on record as declined. An organisation that owns a milestone cannot be removed.
 */
async function syncPartners(ctx: Ctx, db: Db, taskId: number, title: string, partners: ParsedTask['partners']): Promise<void> {
  const current = await db.selectFrom('task_orgs').select(['org_id', 'status']).where('task_id', '=', taskId).where('role', '=', 'partner').execute();
  const wanted = new Set(partners.map((p) => p.orgId));
  const gone = current.filter((c) => !wanted.has(c.org_id) && c.status !== 'declined').map((c) => c.org_id);
  if (gone.length) {
    const owning = await db.selectFrom('task_milestones').select('owner_org_id').where('task_id', '=', taskId).where('owner_org_id', 'in', gone).executeTakeFirst();
    if (owning) throw new ValidationError({ partners: 'task.partnerOwnsMilestone' });
    await db.deleteFrom('tf_members').where('task_id', '=', taskId).where('org_id', 'in', gone).execute();
    await db.deleteFrom('task_orgs').where('task_id', '=', taskId).where('org_id', 'in', gone).execute();
  }
  for (const partner of partners) {
    const existing = current.find((c) => c.org_id === partner.orgId);
    if (existing && existing.status !== 'declined') {
      await db.updateTable('task_orgs').set({ contribution: partner.contribution }).where('task_id', '=', taskId).where('org_id', '=', partner.orgId).execute();
      continue;
    }
    await db
      .insertInto('task_orgs')
      .values({ task_id: taskId, org_id: partner.orgId, role: 'partner', status: 'invited', contribution: partner.contribution, decline_reason: null, invited_at: ctx.now(), answered_at: null, answered_by: null })
      .onConflict((oc) => oc.columns(['task_id', 'org_id']).doUpdateSet({ status: 'invited', contribution: partner.contribution, decline_reason: null, invited_at: ctx.now(), answered_at: null, answered_by: null }))
      .execute();
    await notify(db, ctx, await orgMemberRecipients(db, [partner.orgId]), { kind: 'notice.taskInvited', params: { title }, link: `/tasks/${taskId}` });
  }
}

async function writeThemes(db: Db, taskId: number, themes: number[]): Promise<void> {
  await db.deleteFrom('task_themes').where('task_id', '=', taskId).execute();
  await db.insertInto('task_themes').values(themes.map((theme_id) => ({ task_id: taskId, theme_id }))).execute();
}

/**
 * Registers a task (as a draft) in the programme whose intake is open, led by one of the actor's
 * verified organisations; the partners named are invited. Errors: `task.intakeClosed` when no intake
 * window holds today; field messages otherwise.
 */
export async function createTask(ctx: Ctx, raw: unknown, origin: TaskOrigin = {}): Promise<number> {
  const actor = requireUser(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const programme = await openIntake(ctx, trx);
    const parsed = await parseTask(ctx, trx, raw);
    if (!programme) throw new ValidationError({ title: 'task.intakeClosed' });
    return createOnce(ctx, trx, async () => {
      if (origin.match && (await trx.selectFrom('tasks').select('id').where('match_id', '=', origin.match).executeTakeFirst())) throw new ValidationError({ title: 'task.matchTaken' });
      if (origin.proposal && (await trx.selectFrom('tasks').select('id').where('proposal_id', '=', origin.proposal).executeTakeFirst())) throw new ValidationError({ title: 'task.proposalTaken' });
      const { id } = await trx
        .insertInto('tasks')
        .values({
          year: programme.year,
          title: parsed.title,
          problem: parsed.problem,
          benefit: parsed.benefit,
          lead_org_id: parsed.lead,
          match_id: origin.match ?? null,
          proposal_id: origin.proposal ?? null,
          target_regions: parsed.targetRegions,
          starts_on: parsed.startsOn,
          ends_on: parsed.endsOn,
          kind: null,
          kind_reason: null,
          selected_at: null,
          selected_by: null,
          next_report_period: null,
          next_report_due_on: null,
          latest_rag: null,
          first_open_milestone_on: null,
          created_by: actor.id,
          created_at: ctx.now(),
          updated_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('task_orgs')
        .values({ task_id: id, org_id: parsed.lead, role: 'lead', status: 'accepted', decline_reason: null, invited_at: ctx.now(), answered_at: ctx.now(), answered_by: actor.id })
        .execute();
      await writeThemes(trx, id, parsed.themes);
      await syncPartners(ctx, trx, id, parsed.title, parsed.partners);
      await audit(ctx, trx, 'task.create', { type: 'task', id }, { match: origin.match ?? null, proposal: origin.proposal ?? null });
      return id;
    });
  });
}

/** Whether the actor may change who takes part: a verified member of the lead organisation. */
export function mayChangePartners(ctx: Ctx, task: { lead_org_id: number }): boolean {
  return verifiedMembershipOf(ctx.actor, task.lead_org_id) !== undefined;
}

/** Changes the task's basics (the lead before selection, whoever reports after) and, for the lead, its partners. */
export async function updateTask(ctx: Ctx, taskId: number, raw: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { task } = await loadTask(ctx, trx, taskId, 'task.edit');
    const parsed = await parseTask(ctx, trx, raw, task.lead_org_id);
    const dues = await trx
      .selectFrom('task_milestones')
      .select((eb) => [eb.fn.min<string>('due_on').as('first'), eb.fn.max<string>('due_on').as('last')])
      .where('task_id', '=', taskId)
      .unionAll(trx.selectFrom('task_indicators').select((eb) => [eb.fn.min<string>('due_on').as('first'), eb.fn.max<string>('due_on').as('last')]).where('task_id', '=', taskId))
      .execute();
    const errors: Record<string, MessageKey> = {};
    if (dues.some((d) => d.last !== null && d.last > parsed.endsOn)) errors.endsOn = 'task.endBeforePlan';
    if (dues.some((d) => d.first !== null && d.first < parsed.startsOn)) errors.startsOn = 'task.startAfterPlan';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await trx
      .updateTable('tasks')
      .set({ title: parsed.title, problem: parsed.problem, benefit: parsed.benefit, target_regions: parsed.targetRegions, starts_on: parsed.startsOn, ends_on: parsed.endsOn, updated_at: ctx.now() })
      .where('id', '=', taskId)
      .execute();
    await writeThemes(trx, taskId, parsed.themes);
    // Only the lead decides who takes part; others keep the task's details current.
    if (mayChangePartners(ctx, task)) await syncPartners(ctx, trx, taskId, parsed.title, parsed.partners);
    await refreshTaskState(trx, taskId);
    await audit(ctx, trx, 'task.update', { type: 'task', id: taskId });
  });
}

/**
 * Replaces the goals' indicators and the milestones with the rows of the plan form. Rows keep their
 * ids (hidden fields); an indicator already reported on cannot be removed. Every date lies within the
 * task; every milestone belongs to one of its organisations. On a key task with a TF the changed plan
 * is a new charter version, which every member organisation agrees again.
 */
export async function savePlan(ctx: Ctx, taskId: number, raw: unknown): Promise<void> {
  const body = asRaw(raw);
  await ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadTask(ctx, trx, taskId, 'task.edit');
    const { task, orgs } = loaded;
    const errors: Record<string, MessageKey> = {};
    const indicators = parseRows(body, 'indicator', IndicatorRow, MAX_INDICATORS, errors);
    const milestones = parseRows(body, 'milestone', MilestoneRow, MAX_MILESTONES, errors);
    // A milestone belongs to an organisation that takes part: the lead or a partner that accepted.
    const owners = new Set(orgs.filter((o) => o.status === 'accepted').map((o) => o.org_id));
    for (const row of indicators) {
      if (row.due > task.ends_on) errors[`indicator.${row.row}.due`] = 'task.indicatorAfterEnd';
      else if (row.due < task.starts_on) errors[`indicator.${row.row}.due`] = 'task.beforeStart';
    }
    for (const row of milestones) {
      if (row.due > task.ends_on) errors[`milestone.${row.row}.due`] = 'task.milestoneAfterEnd';
      else if (row.due < task.starts_on) errors[`milestone.${row.row}.due`] = 'task.beforeStart';
      if (!owners.has(Number(row.owner))) errors[`milestone.${row.row}.owner`] = 'field.choiceInvalid';
    }
    if (!indicators.length && !Object.keys(errors).some((f) => f.startsWith('indicator.'))) errors['indicator.0.name'] = 'task.indicatorRequired';
    if (!milestones.length && !Object.keys(errors).some((f) => f.startsWith('milestone.'))) errors['milestone.0.title'] = 'task.milestoneRequired';
    const [storedIndicators, storedMilestones] = await Promise.all([
      trx.selectFrom('task_indicators').select('id').where('task_id', '=', taskId).execute(),
      trx.selectFrom('task_milestones').select(['id', 'done_on']).where('task_id', '=', taskId).execute(),
    ]);
    // A row's hidden id must be one of this task's, and name one row only.
    const checkIds = (rows: { id?: string | undefined; row: number }[], stored: { id: number }[], field: string) => {
      const seen = new Set<string>();
      for (const row of rows) {
        if (row.id === undefined) continue;
        if (!stored.some((s) => s.id === Number(row.id)) || seen.has(row.id)) errors[field.replace('#', String(row.row))] = 'field.choiceInvalid';
        seen.add(row.id);
      }
    };
    checkIds(indicators, storedIndicators, 'indicator.#.name');
    checkIds(milestones, storedMilestones, 'milestone.#.title');
    const removed = storedIndicators.filter((s) => !indicators.some((r) => Number(r.id) === s.id)).map((s) => s.id);
    if (removed.length) {
      const reported = await trx.selectFrom('task_report_values').select('indicator_id').where('indicator_id', 'in', removed).executeTakeFirst();
      if (reported) errors['indicator.0.name'] = 'task.indicatorReported';
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);

    if (removed.length) {
      await trx.deleteFrom('task_staffing_indicators').where('indicator_id', 'in', removed).execute();
      await trx.deleteFrom('task_indicators').where('id', 'in', removed).execute();
    }
    for (const [position, row] of indicators.entries()) {
      const values = { name: row.name, unit: row.unit, baseline: number(row.baseline), target: number(row.target), due_on: row.due, position };
      if (row.id) await trx.updateTable('task_indicators').set(values).where('id', '=', Number(row.id)).execute();
      else await trx.insertInto('task_indicators').values({ ...values, task_id: taskId }).execute();
    }
    const keptMilestones = new Set(milestones.filter((r) => r.id).map((r) => Number(r.id)));
    const droppedMilestones = storedMilestones.filter((s) => !keptMilestones.has(s.id)).map((s) => s.id);
    if (droppedMilestones.length) await trx.deleteFrom('task_milestones').where('id', 'in', droppedMilestones).execute();
    for (const [position, row] of milestones.entries()) {
      const values = { title: row.title, due_on: row.due, owner_org_id: Number(row.owner), position };
      if (row.id) await trx.updateTable('task_milestones').set(values).where('id', '=', Number(row.id)).execute();
      else await trx.insertInto('task_milestones').values({ ...values, task_id: taskId, done_on: null }).execute();
    }
    await trx.updateTable('tasks').set({ updated_at: ctx.now() }).where('id', '=', taskId).execute();
    await refreshTaskState(trx, taskId);
    if (task.charter_version > 0) await recordCharterVersion(ctx, trx, loaded, 'changed');
    await audit(ctx, trx, 'task.plan', { type: 'task', id: taskId });
  });
}

/**
 * The lead sends the draft to the programme (등록 신청): it needs a plan (an indicator and a milestone)
 * and the intake still open. From then on operators see it and may put it to review.
 */
export async function submitTask(ctx: Ctx, taskId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { task } = await loadTask(ctx, trx, taskId, 'task.edit');
    if (task.status !== 'draft') throw new ValidationError({ task: 'task.notDraft' });
    const [indicator, milestone, programme] = await Promise.all([
      trx.selectFrom('task_indicators').select('id').where('task_id', '=', taskId).executeTakeFirst(),
      trx.selectFrom('task_milestones').select('id').where('task_id', '=', taskId).executeTakeFirst(),
      openIntake(ctx, trx),
    ]);
    if (!indicator || !milestone) throw new ValidationError({ task: 'task.planMissing' });
    if (!programme || programme.year !== task.year) throw new ValidationError({ task: 'task.intakeClosed' });
    await trx.updateTable('tasks').set({ status: 'registered', updated_at: ctx.now() }).where('id', '=', taskId).execute();
    await audit(ctx, trx, 'task.submit', { type: 'task', id: taskId });
  });
}

/** The lead withdraws a task not yet selected; partners are told. */
export async function withdrawTask(ctx: Ctx, taskId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { task, orgs } = await loadTask(ctx, trx, taskId, 'task.edit');
    if (task.kind !== null || task.status === 'withdrawn') throw new ValidationError({ task: 'task.cannotWithdraw' });
    await trx.updateTable('tasks').set({ status: 'withdrawn', updated_at: ctx.now() }).where('id', '=', taskId).execute();
    const partners = orgs.filter((o) => o.role === 'partner' && o.status !== 'declined').map((o) => o.org_id);
    await notify(trx, ctx, await orgMemberRecipients(trx, partners), { kind: 'notice.taskWithdrawn', params: { title: task.title }, link: `/tasks/${taskId}` });
    await audit(ctx, trx, 'task.withdraw', { type: 'task', id: taskId });
  });
}

/**
 * The team closes a running task (완료) once every milestone is done or its end day has come; its
 * reporting stops and the ministry is told. Its page, results and reports stay public.
 */
export async function completeTask(ctx: Ctx, taskId: number): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { task } = await loadTask(ctx, trx, taskId, 'task.report');
    const open = await trx.selectFrom('task_milestones').select('id').where('task_id', '=', taskId).where('done_on', 'is', null).executeTakeFirst();
    if (open && kstDate(ctx.now()) < task.ends_on) throw new ValidationError({ task: 'task.notYetComplete' });
    await trx.updateTable('tasks').set({ status: 'completed', updated_at: ctx.now() }).where('id', '=', taskId).execute();
    await refreshTaskState(trx, taskId);
    const operators = await operatorRecipients(trx);
    await notify(trx, ctx, operators, { kind: 'notice.taskCompleted', params: { title: task.title }, link: `/tasks/${taskId}` });
    await audit(ctx, trx, 'task.complete', { type: 'task', id: taskId });
  });
}

/** An invited partner accepts (saying what it contributes) or declines (saying why); the lead is told. */
export async function answerInvitation(ctx: Ctx, taskId: number, raw: unknown): Promise<void> {
  const actor = requireUser(ctx.actor);
  const input = parseInput(AnswerInput, raw);
  if (input.answer === 'accept' && !input.contribution) throw new ValidationError({ contribution: 'task.contributionRequired' });
  if (input.answer === 'decline' && !input.reason) throw new ValidationError({ reason: 'task.declineReason' });
  await ctx.db.transaction().execute(async (trx) => {
    const { task, orgs } = await loadTask(ctx, trx, taskId, 'task.answer');
    const mine = orgs.find((o) => o.role === 'partner' && o.status !== 'accepted' && verifiedMembershipOf(actor, o.org_id))!;
    const accepted = input.answer === 'accept';
    await trx
      .updateTable('task_orgs')
      .set({
        status: accepted ? 'accepted' : 'declined',
        contribution: accepted ? input.contribution! : mine.contribution,
        decline_reason: accepted ? null : input.reason!,
        answered_at: ctx.now(),
        answered_by: actor.id,
      })
      .where('task_id', '=', taskId)
      .where('org_id', '=', mine.org_id)
      .execute();
    // A key task's TF already sits: the person who accepted takes their organisation's seat.
    if (accepted && task.kind === 'key') await seatMember(ctx, trx, taskId, actor.id, mine.org_id);
    const lead = orgs.find((o) => o.role === 'lead')!;
    await notify(trx, ctx, await orgMemberRecipients(trx, [lead.org_id]), {
      kind: accepted ? 'notice.taskAccepted' : 'notice.taskDeclined',
      params: { title: task.title, org: mine.name },
      link: `/tasks/${taskId}`,
    });
    await audit(ctx, trx, accepted ? 'task.accept' : 'task.decline', { type: 'task', id: taskId }, { org: mine.org_id });
  });
}

/**
 * A concluded match (성사) as the start of a task: the demanding organisation leads, its partners are
 * invited with what each said it contributes; title, problem, themes and regions come from the demand.
 * 404 unless the actor is a verified member of the demanding organisation and the match concluded.
 */
export async function matchPrefill(ctx: Ctx, matchId: number): Promise<Record<string, unknown>> {
  const actor = requireUser(ctx.actor);
  const match = await ctx.db
    .selectFrom('matches')
    .innerJoin('demands', 'demands.id', 'matches.demand_id')
    .select(['matches.id', 'matches.summary', 'matches.lead_contribution', 'matches.concluded_at', 'demands.id as demand_id', 'demands.org_id', 'demands.title', 'demands.summary as demand_summary', 'demands.target_regions'])
    .where('matches.id', '=', matchId)
    .executeTakeFirst();
  if (!match?.concluded_at || !verifiedMembershipOf(actor, match.org_id)) throw new NotFoundError();
  const [themes, partners] = await Promise.all([
    ctx.db.selectFrom('demand_themes').select('theme_id').where('demand_id', '=', match.demand_id).execute(),
    ctx.db.selectFrom('match_partners').innerJoin('orgs', 'orgs.id', 'match_partners.org_id').select(['orgs.name', 'match_partners.contribution']).where('match_partners.match_id', '=', matchId).orderBy('orgs.name').execute(),
  ]);
  const values: Record<string, unknown> = {
    match: String(match.id),
    org: String(match.org_id),
    title: match.title,
    problem: match.demand_summary,
    benefit: match.summary,
    themes: themes.map((t) => String(t.theme_id)),
    targetRegions: match.target_regions,
  };
  partners.slice(0, MAX_PARTNERS).forEach((p, i) => {
    values[`partner.${i}.name`] = p.name;
    values[`partner.${i}.contribution`] = p.contribution;
  });
  return values;
}

/**
 * An adopted citizen proposal (국민포럼) as the start of a task: the responsible body leads; title,
 * problem (with what was proposed) and the benefit citizens expect come from the proposal. 404 unless
 * the actor is a verified member of the responsible body and the proposal was adopted.
 */
export async function proposalPrefill(ctx: Ctx, proposalId: number): Promise<Record<string, unknown>> {
  const source = await adoptedProposal(ctx, proposalId);
  return {
    proposal: String(source.id),
    org: String(source.orgId),
    title: source.title,
    problem: `${source.problem}\n\n${source.proposal}`.slice(0, 3000),
    benefit: source.effect.slice(0, 1000),
    targetRegions: source.regionCode ? [source.regionCode.slice(0, 2)] : [],
  };
}

/** Where a task grows from: a concluded match, or an adopted citizen proposal. */
export interface TaskOrigin {
  match?: number;
  proposal?: number;
}

/** The origin a creation form names (hidden fields `match`, `proposal`), each checked as its prefill checks it. */
export async function originOfForm(ctx: Ctx, raw: unknown): Promise<TaskOrigin> {
  const origin: TaskOrigin = {};
  for (const [field, check] of [
    ['match', matchPrefill],
    ['proposal', proposalPrefill],
  ] as const) {
    const typed = asRaw(raw)[field];
    if (typeof typed !== 'string' || !/^[0-9]{1,9}$/.test(typed)) continue;
    await check(ctx, Number(typed));
    origin[field] = Number(typed);
  }
  return origin;
}
