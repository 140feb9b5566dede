import type { Kysely } from 'kysely';
import { clock } from '../../../../test/clock.ts';
import type { DB } from '../../../db/schema.ts';
import type { Clock } from '../../../shared/clock.ts';
import { addDays, kstDate } from '../../../shared/dates.ts';
import { type BuiltUser, buildUser, ctxAs } from '../../accounts/test/builders.ts';
import { buildOrg } from '../../orgs/test/builders.ts';
import { saveProgramme } from '../programmes.service.ts';
import { selectTask } from '../selection.service.ts';
import { answerInvitation, createTask, savePlan, submitTask } from '../tasks.service.ts';

type Org = { id: number; admin: BuiltUser };

/** This year's programme (by the test clock), open for the whole year, with the default cadences. */
export async function buildProgramme(db: Kysely<DB>, operator: BuiltUser, now: Clock = clock, overrides: { graceDays?: string } = {}): Promise<number> {
  const year = kstDate(now()).slice(0, 4);
  return saveProgramme(await ctxAs(db, operator, now), {
    year,
    intakeOpensOn: `${year}-01-01`,
    intakeClosesOn: `${year}-12-31`,
    keyCadence: 'monthly',
    managedCadence: 'quarterly',
    graceDays: overrides.graceDays ?? '7',
  });
}

/** The basic form of a task led by `lead`, running a year from today, naming `partners` by name. */
export async function taskForm(db: Kysely<DB>, lead: Org, partners: Org[] = [], now: Clock = clock): Promise<Record<string, string | string[]>> {
  const today = kstDate(now());
  const [theme] = await db.selectFrom('themes').select('id').orderBy('id').limit(1).execute();
  const names = partners.length ? await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', partners.map((p) => p.id)).execute() : [];
  const form: Record<string, string | string[]> = {
    org: String(lead.id),
    title: '어선 출입항 신고와 낚시 예약 연계',
    problem: '낚시어선 이용객이 승선 신고를 종이로 따로 써야 합니다.',
    benefit: '예약만 하면 승선 신고가 끝납니다.',
    themes: [String(theme!.id)],
    startsOn: today,
    endsOn: addDays(today, 365),
  };
  partners.forEach((p, i) => {
    form[`partner.${i}.name`] = names.find((n) => n.id === p.id)!.name;
    form[`partner.${i}.contribution`] = '시스템 연계';
  });
  return form;
}

/** A plan of two indicators and three milestones owned by `owners` in turn, due within the task's year. */
export function planForm(owners: number[], now: Clock = clock): Record<string, string> {
  const today = kstDate(now());
  const plan: Record<string, string> = {
    'indicator.0.name': '온라인 승선 신고 비율',
    'indicator.0.unit': '%',
    'indicator.0.baseline': '10',
    'indicator.0.target': '80',
    'indicator.0.due': addDays(today, 300),
    'indicator.1.name': '신고 처리 시간',
    'indicator.1.unit': '분',
    'indicator.1.baseline': '30',
    'indicator.1.target': '5',
    'indicator.1.due': addDays(today, 300),
  };
  for (const [i, days] of [40, 120, 300].entries()) {
    plan[`milestone.${i}.title`] = `마일스톤 ${i + 1}`;
    plan[`milestone.${i}.due`] = addDays(today, days);
    plan[`milestone.${i}.owner`] = String(owners[i % owners.length]);
  }
  return plan;
}

export interface BuiltTask {
  id: number;
  lead: Org;
  partners: Org[];
  operator: BuiltUser;
}

/**
 * A task through the services: registered by the lead with its partners (who accept unless told
 * not to), planned, submitted, and selected as `kind` when given. A programme is opened when needed.
 */
export async function buildTask(
  db: Kysely<DB>,
  options: { lead?: Org; partners?: Org[] | number; operator?: BuiltUser; kind?: 'key' | 'managed'; accept?: boolean; submit?: boolean; now?: Clock } = {},
): Promise<BuiltTask> {
  const now = options.now ?? clock;
  const operator = options.operator ?? (await buildUser(db, { role: 'operator' }));
  const year = Number(kstDate(now()).slice(0, 4));
  if (!(await db.selectFrom('task_programmes').select('year').where('year', '=', year).executeTakeFirst())) await buildProgramme(db, operator, now);
  const lead = options.lead ?? (await buildOrg(db, { sector: 'central' }));
  const partners = Array.isArray(options.partners) ? options.partners : [];
  for (let i = Array.isArray(options.partners) ? 0 : (options.partners ?? 1); i > 0; i--) partners.push(await buildOrg(db, { sector: 'local' }));
  const id = await createTask(await ctxAs(db, lead.admin, now), await taskForm(db, lead, partners, now));
  if (options.accept !== false) {
    for (const partner of partners) await answerInvitation(await ctxAs(db, partner.admin, now), id, { answer: 'accept', contribution: '현장 자료 제공' });
  }
  // Milestones belong to organisations that take part: partners only once they have accepted.
  const owners = options.accept !== false ? [lead.id, ...partners.map((p) => p.id)] : [lead.id];
  await savePlan(await ctxAs(db, lead.admin, now), id, planForm(owners, now));
  if (options.submit !== false) await submitTask(await ctxAs(db, lead.admin, now), id);
  if (options.kind) await selectTask(await ctxAs(db, operator, now), id, { kind: options.kind, reason: '국민 생활과 밀접한 과제' });
  return { id, lead, partners, operator };
}
