import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { documented, IdParams, Nullable, pageOf } from '../../app/api-routes.ts';
import { ctxOf, idParam, sharedPublicData } from '../../app/request-context.ts';
import { publicTasks } from './lists.service.ts';
import { submitReport } from './reports.service.ts';
import { TaskQuery } from './tasks.schemas.ts';
import { taskPage } from './task-page.service.ts';

const Day = Type.String({ format: 'date' });
const Rag = Nullable(Type.String({ description: 'green, amber, red: 마지막 보고의 신호등' }));

const TaskCard = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  title: Type.String(),
  benefit: Type.String(),
  status: Type.String(),
  kind: Nullable(Type.String({ description: 'key(핵심), managed(관리)' })),
  startsOn: Day,
  endsOn: Day,
  rag: Rag,
  lead: Type.Object({ name: Type.String(), sector: Type.String() }),
  partners: Type.Integer(),
  milestones: Type.Object({ total: Type.Integer(), done: Type.Integer() }),
  slipping: Type.Boolean(),
});

const Task = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  title: Type.String(),
  problem: Type.String(),
  benefit: Type.String(),
  status: Type.String(),
  kind: Nullable(Type.String()),
  startsOn: Day,
  endsOn: Day,
  rag: Rag,
  nextReport: Nullable(Type.Object({ period: Type.String(), dueOn: Day })),
  orgs: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), role: Type.String(), status: Type.String() })),
  themes: Type.Array(Type.String()),
  milestones: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), dueOn: Day, doneOn: Nullable(Day), owner: Type.String() })),
  indicators: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unit: Type.String(), baseline: Nullable(Type.String()), target: Type.String(), latest: Nullable(Type.String()) })),
  progress: Type.Object({
    milestones: Type.Object({ total: Type.Integer(), done: Type.Integer(), doneOnTime: Type.Integer(), due: Type.Integer(), slipping: Type.Integer() }),
    indicators: Type.Object({ total: Type.Integer(), met: Type.Integer(), reported: Type.Integer() }),
    reports: Type.Object({ due: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), missing: Type.Integer() }),
    reportOverdue: Type.Boolean(),
  }),
  publicSummary: Nullable(Type.Object({ period: Type.String(), rag: Type.String(), summary: Type.String(), submittedAt: Type.String({ format: 'date-time' }) })),
  reports: Type.Array(
    Type.Object({ id: Type.Integer(), period: Type.String(), dueOn: Day, rag: Type.String(), summary: Type.String(), submittedAt: Type.String({ format: 'date-time' }) }),
    { description: '과제 기관과 TF에만' },
  ),
  openPeriods: Type.Array(Type.String(), { description: '지금 보고할 수 있는 기간 (보고할 수 있는 사람에게만)' }),
});

const ReportBody = Type.Object(
  {
    period: Type.String({ description: '2026-11 또는 2026-Q4: openPeriods 중 하나' }),
    rag: Type.String({ description: 'green, amber, red' }),
    summary: Type.String(),
    summaryPublic: Type.Optional(Type.String({ description: "'on'이면 요약을 공개" })),
    difficulties: Type.Optional(Type.String()),
    asks: Type.Optional(Type.String()),
    done: Type.Optional(Type.Array(Type.String(), { description: '이번에 마친 마일스톤 번호' })),
  },
  { description: '화면의 보고 양식과 같은 필드; 지표 값은 value.<지표 번호>' },
);

/** What the list and the page both say of a task. */
const basics = (task: { id: number; year: number; title: string; benefit: string; status: string; kind: string | null; starts_on: string; ends_on: string; latest_rag: string | null }) => ({
  id: task.id,
  year: task.year,
  title: task.title,
  benefit: task.benefit,
  status: task.status,
  kind: task.kind,
  startsOn: task.starts_on,
  endsOn: task.ends_on,
  rag: task.latest_rag,
});

/** Collaboration tasks (협업과제) for other systems: the public list and page, and reports by their reporters. */
export async function tasksApi(app: FastifyInstance): Promise<void> {
  app.get('/tasks', documented({ tag: 'tasks', summary: '선정된 협업과제 (한 해씩, 최근 것부터)', querystring: TaskQuery, ok: [200, Type.Intersect([pageOf(TaskCard), Type.Object({ year: Type.Integer() })])] }), async (request) => {
    const { year, page } = await sharedPublicData(request, (reader) => publicTasks(reader, request.query));
    return {
      year,
      items: page.items.map((task) => ({
        ...basics(task),
        lead: { name: task.lead_name, sector: task.lead_sector },
        partners: Number(task.partners),
        milestones: { total: Number(task.milestones), done: Number(task.milestones_done) },
        slipping: Boolean(task.slipping),
      })),
      next: page.nextCursor,
    };
  });
  app.get('/tasks/:id', documented({ tag: 'tasks', summary: '협업과제 하나 (보고 내용은 과제 기관과 TF에만)', params: IdParams, ok: [200, Task] }), async (request) => {
    const page = await taskPage(ctxOf(request), idParam(request));
    const { task } = page;
    return {
      ...basics(task),
      problem: task.problem,
      nextReport: task.next_report_period && task.next_report_due_on ? { period: task.next_report_period, dueOn: task.next_report_due_on } : null,
      orgs: page.orgs.map((o) => ({ id: o.org_id, name: o.name, role: o.role, status: o.status })),
      themes: page.themes.map((theme) => theme.name),
      milestones: page.milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, doneOn: m.done_on, owner: m.owner_name })),
      indicators: page.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, baseline: i.baseline === null ? null : String(i.baseline), target: String(i.target), latest: i.latest === null ? null : String(i.latest) })),
      progress: page.progress,
      publicSummary: page.publicSummary
        ? { period: page.publicSummary.period, rag: page.publicSummary.rag, summary: page.publicSummary.summary, submittedAt: page.publicSummary.submitted_at.toISOString() }
        : null,
      reports: page.reports.map((r) => ({ id: r.id, period: r.period, dueOn: r.due_on, rag: r.rag, summary: r.summary, submittedAt: r.submitted_at.toISOString() })),
      openPeriods: page.periods.map((p) => p.period),
    };
  });
  app.post('/tasks/:id/reports', documented({ tag: 'tasks', summary: '정기 보고 제출 (과제 기관의 보고 담당)', scope: 'tasks:write', params: IdParams, body: ReportBody, ok: [201, Type.Object({ id: Type.Integer() })] }), async (request, reply) => {
    const id = await submitReport(ctxOf(request), idParam(request), request.body);
    return reply.status(201).send({ id });
  });
}
