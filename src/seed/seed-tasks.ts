import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listThemes } from '../modules/demands/index.ts';
import { agreeCharter } from '../modules/tasks/charter.ts';
import { saveProgramme } from '../modules/tasks/programmes.service.ts';
import { indicatorsOf, milestonesOf, openPeriods, submitReport } from '../modules/tasks/reports.service.ts';
import { selectTask } from '../modules/tasks/selection.service.ts';
import { decideStaffing, requestStaffing } from '../modules/tasks/staffing.service.ts';
import { taskRow } from '../modules/tasks/task-access.ts';
import { answerInvitation, createTask, matchPrefill, savePlan, submitTask } from '../modules/tasks/tasks.service.ts';
import { postMessage, recordMeeting } from '../modules/tasks/tf.service.ts';
import type { Ctx } from '../shared/context.ts';
import { addDays, kstDate } from '../shared/dates.ts';
import { DEMO_TASKS, type DemoTask, FROM_CASE } from './demo-tasks.ts';
import type { ActAs } from './seed-demands.ts';

const DAY = 86_400_000;

/**
 * This year's programme of collaboration tasks, through the services, dated so that today is in the
 * middle of it: registered about ten weeks ago, selected eight weeks ago. The four key tasks have
 * their TF, an agreed charter, a kick-off meeting with decisions and two monthly reports — except one,
 * whose first report is late; one asks for staff (waiting for the operator), another was granted them.
 */
export async function seedTasks(db: Kysely<DB>, actAs: ActAs, operatorAt: (at: Date) => Ctx, now: Date): Promise<void> {
  const today = kstDate(now);
  const year = Number(today.slice(0, 4));
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  await saveProgramme(operatorAt(at(90)), {
    year: String(year),
    intakeOpensOn: addDays(today, -90),
    intakeClosesOn: addDays(today, 30) > `${year}-12-31` ? `${year}-12-31` : addDays(today, 30),
    keyCadence: 'monthly',
    managedCadence: 'quarterly',
    graceDays: '7',
  });
  const themes = new Map((await listThemes(db)).map((t) => [t.name, String(t.id)]));
  const orgIdOf = async (name: string) => (await db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const starts = addDays(today, -70);
  const ends = addDays(today, 300);

  /** Registers a task as its lead at `daysAgo`, its partners answer, the plan follows; returns its id. */
  const register = async (demo: DemoTask, values: Record<string, unknown> = {}, fromMatch?: number) => {
    const leadId = await orgIdOf(demo.lead);
    const partners = await Promise.all(demo.partners.map(async (p) => ({ ...p, id: await orgIdOf(p.org) })));
    const form: Record<string, unknown> = {
      org: String(leadId),
      title: demo.title,
      problem: demo.problem,
      benefit: demo.benefit,
      themes: [themes.get(demo.theme)!],
      targetRegions: [],
      startsOn: starts,
      endsOn: ends,
      ...values,
    };
    partners.forEach((p, i) => {
      form[`partner.${i}.name`] = p.org;
      form[`partner.${i}.contribution`] = p.contribution;
    });
    const id = await createTask(actAs(demo.lead, at(70)), form, { match: fromMatch });
    for (const p of partners) await answerInvitation(actAs(p.org, at(69)), id, { answer: 'accept', contribution: p.contribution });
    const owners = [leadId, ...partners.map((p) => p.id)];
    const plan: Record<string, string> = {
      'indicator.0.name': demo.indicator.name,
      'indicator.0.unit': demo.indicator.unit,
      'indicator.0.baseline': String(demo.indicator.baseline),
      'indicator.0.target': String(demo.indicator.target),
      'indicator.0.due': ends,
    };
    for (const [i, [title, day]] of ([
      ['추진 체계 구성과 역할 분담', -25],
      ['시범 운영', 45],
      ['확산 계획 수립과 성과 공유', 280],
    ] as const).entries()) {
      Object.assign(plan, { [`milestone.${i}.title`]: title, [`milestone.${i}.due`]: addDays(today, day), [`milestone.${i}.owner`]: String(owners[i % owners.length]) });
    }
    await savePlan(actAs(demo.lead, at(68)), id, plan);
    if (demo.kind !== 'draft') await submitTask(actAs(demo.lead, at(66)), id);
    return { id, demo, leadId };
  };

  const caseDemand = await db.selectFrom('demands').innerJoin('matches', 'matches.demand_id', 'demands.id').select(['matches.id', 'demands.org_id']).where('demands.title', '=', FROM_CASE.demandTitle).executeTakeFirstOrThrow();
  const leadName = (await db.selectFrom('orgs').select('name').where('id', '=', caseDemand.org_id).executeTakeFirstOrThrow()).name;
  const prefill = await matchPrefill(actAs(leadName, at(70)), caseDemand.id);
  const caseTask: DemoTask = {
    title: FROM_CASE.title,
    lead: leadName,
    partners: [{ org: String(prefill['partner.0.name']), contribution: String(prefill['partner.0.contribution']) }, FROM_CASE.extraPartner],
    theme: '농림·해양',
    problem: String(prefill.problem),
    benefit: String(prefill.benefit),
    indicator: FROM_CASE.indicator,
    kind: 'key',
  };
  const tasks = [await register(caseTask, { themes: prefill.themes }, caseDemand.id)];
  for (const demo of DEMO_TASKS) tasks.push(await register(demo));

  for (const task of tasks) {
    if (task.demo.kind !== 'key' && task.demo.kind !== 'managed') continue;
    const reason = task.demo.kind === 'key' ? '국민 생활과 밀접하고 여러 기관의 협업 없이는 풀 수 없어 전문가 심사에서 상위에 올랐습니다.' : '주관기관이 자체 추진할 수 있어 기관관리 과제로 관리합니다.';
    await selectTask(operatorAt(at(55)), task.id, { kind: task.demo.kind, reason });
  }

  const keyTasks = tasks.filter((t) => t.demo.kind === 'key');
  for (const [n, task] of keyTasks.entries()) {
    const everyone = [task.demo.lead, ...task.demo.partners.map((p) => p.org)];
    for (const org of everyone) await agreeCharter(actAs(org, at(52)), task.id);
    const partnerId = await orgIdOf(task.demo.partners[0]!.org);
    await recordMeeting(actAs(task.demo.lead, at(50)), task.id, {
      heldOn: kstDate(at(50)),
      title: 'TF 착수 회의',
      agenda: '1. 과제 목표와 추진계획 확인\n2. 기관별 역할 분담\n3. 보고 주기와 연락 체계',
      decisions: '매월 둘째 주 화요일에 정례 회의를 엽니다.\n보고서는 주관기관이 모아 제출합니다.',
      'action.0.title': '기관별 담당자 명단 공유',
      'action.0.owner': String(partnerId),
      'action.0.due': kstDate(at(43)),
    });
    await postMessage(actAs(task.demo.partners[0]!.org, at(49)), task.id, { body: '담당자 명단을 문서함에 올리겠습니다. 다음 회의 안건도 미리 보내 주세요.' });
    // The third key task has not sent its first report: the portfolio shows it late.
    if (n === 2) continue;
    for (const [step, daysAgo] of [
      [0, 30],
      [1, 1],
    ] as const) {
      const ctx = actAs(task.demo.lead, at(daysAgo));
      const row = await taskRow(db, task.id);
      const [period] = await openPeriods(ctx, db, row);
      if (!period) break;
      const [indicator] = await indicatorsOf(db, task.id);
      const milestones = await milestonesOf(db, task.id);
      const progress = task.demo.indicator.baseline + ((task.demo.indicator.target - task.demo.indicator.baseline) * (step + 1)) / 4;
      await submitReport(ctx, task.id, {
        period: period.period,
        rag: step === 1 && n === 1 ? 'amber' : 'green',
        summary: step === 0 ? '추진 체계를 꾸리고 기관별 역할을 나눴습니다. 시범 운영 준비에 들어갔습니다.' : '시범 운영 대상과 일정을 확정했습니다. 다음 달에 시범 운영을 시작합니다.',
        summaryPublic: 'on',
        difficulties: step === 1 && n === 1 ? '기관 간 개인정보 연계 근거 검토가 길어지고 있습니다.' : '',
        asks: step === 1 && n === 1 ? '개인정보 연계 근거에 대한 부처 차원의 법령 해석을 요청합니다.' : '',
        [`value.${indicator!.id}`]: String(Math.round(progress)),
        done: step === 0 ? [String(milestones[0]!.id)] : [],
      });
    }
  }

  const [fishing, wheelchairs] = keyTasks;
  const indicatorOf = async (taskId: number) => String((await indicatorsOf(db, taskId))[0]!.id);
  await requestStaffing(actAs(fishing!.demo.lead, at(5)), fishing!.id, {
    positions: '2',
    role: '6급 정보시스템 담당',
    fromOrg: String(fishing!.leadId),
    months: '12',
    justification: '예약 시스템과 승선 신고 시스템의 연계 개발·운영을 맡을 전담 인력이 없습니다. 성수기 전까지 연계를 마치려면 2명이 필요합니다.',
    indicators: [await indicatorOf(fishing!.id)],
  });
  const granted = await requestStaffing(actAs(wheelchairs!.demo.lead, at(40)), wheelchairs!.id, {
    positions: '3',
    role: '휠체어 정비 기술직',
    fromOrg: String(wheelchairs!.leadId),
    months: '10',
    justification: '기증받은 휠체어를 점검·수리할 기술 인력이 모자랍니다.',
    indicators: [await indicatorOf(wheelchairs!.id)],
  });
  await decideStaffing(operatorAt(at(35)), wheelchairs!.id, granted, { decision: 'partly', granted: '2', reason: '올해 협업정원 범위 안에서 2명을 승인합니다. 나머지는 하반기에 다시 검토합니다.' });

  // Most agency-managed tasks have sent their first quarterly report, the first milestone done; every fourth has not.
  const managed = tasks.filter((t) => t.demo.kind === 'managed');
  for (const [n, task] of managed.entries()) {
    if (n % 4 === 3) continue;
    const ctx = actAs(task.demo.lead, at(26));
    const [period] = await openPeriods(ctx, db, await taskRow(db, task.id));
    if (!period) continue;
    const [first] = await milestonesOf(db, task.id);
    await submitReport(ctx, task.id, { period: period.period, rag: n % 6 === 4 ? 'amber' : 'green', summary: '계획대로 추진하고 있습니다.', summaryPublic: 'on', done: [String(first!.id)] });
  }
}
