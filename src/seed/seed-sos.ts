import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createVerifiedUser } from '../modules/accounts/index.ts';
import { publishEntry } from '../modules/sos/entries.service.ts';
import { assign, inviteGuest, openTicket, proposeSolution, rate, replyAsDesk, replyAsGuest, replyAsRequester, settle } from '../modules/sos/sos.service.ts';
import type { SosCategory, Urgency } from '../modules/sos/sos.tables.ts';
import type { Ctx, SignedInUser } from '../shared/context.ts';
import type { ActAs } from './seed-demands.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What happens to a demo request after it is sent. */
type Course = 'new' | 'breached' | 'answered' | 'waiting' | 'solved' | 'closed' | 'reopened';

interface DemoTicket {
  org: string;
  /** A task of the organisation, by title, when the request concerns one. */
  task?: string;
  category: SosCategory;
  urgency: Urgency;
  title: string;
  description: string;
  answer: string;
  course: Course;
  daysAgo: number;
  /** Published as 협업 Q&A (closed ones). */
  qa?: { title: string; question: string };
}

const TICKETS: DemoTicket[] = [
  { org: '해양수산부 어업자원정책관실', task: '낚시어선 승선 신고와 바다낚시 예약 한 번에', category: 'systems', urgency: 'urgent', title: '승선 신고 시스템 연계 규격을 받지 못했습니다', description: '예약 앱과 승선 신고 시스템을 연계하려는데 운영사에서 연계 규격서를 주지 않습니다. 시범 운영이 다음 달입니다.', answer: '운영사와 3자 회의를 잡았습니다. 규격서는 보안 서약 뒤 이번 주에 받을 수 있습니다.', course: 'solved', daysAgo: 6 },
  { org: '행정안전부 협업정책과', task: '위기가구를 놓치지 않는 복지 사각지대 데이터 연계', category: 'law', urgency: 'urgent', title: '위기 정보 연계의 개인정보 처리 근거', description: '단전·단수 정보를 지자체와 연계할 때 개인정보 보호법상 근거가 무엇인지 확인이 필요합니다.', answer: '사회보장급여법 제12조의2에 따라 위기가구 발굴을 위한 정보 제공이 가능합니다. 제공 범위는 시행령 별표를 따릅니다.', course: 'breached', daysAgo: 9 },
  { org: '국립공원공단', task: '폐휠체어를 고쳐 국립공원 무장애 탐방 넓히기', category: 'budget', urgency: 'normal', title: '기증 휠체어 수리비의 회계 처리', description: '기업이 기증한 휠체어를 병원이 수리할 때 수리비를 어느 비목으로 처리해야 하나요?', answer: '물품 기증은 기부채납 절차로 받고, 수리비는 시설·장비 유지비로 집행할 수 있습니다.', course: 'closed', daysAgo: 40, qa: { title: '기증받은 장비의 수리비는 어느 비목인가요', question: '기업이 기증한 장비를 협업기관이 수리할 때 수리비를 어느 비목으로 처리하나요?' } },
  { org: '부산광역시 해양농수산국', task: '고령 어업인 안전장비 보급과 해양사고 예방', category: 'staffing', urgency: 'normal', title: '협업정원 요청서 작성 방법', description: '안전교육 인력을 협업정원으로 요청하려 합니다. 무엇을 근거로 적어야 하나요?', answer: '과제의 지표와 연결해 인력이 없으면 달성할 수 없는 일을 적습니다. TF 공간의 협업정원 메뉴에서 요청합니다.', course: 'closed', daysAgo: 35, qa: { title: '협업정원은 어떻게 요청하나요', question: '과제에 인력이 더 필요할 때 협업정원을 어떻게 요청하나요?' } },
  { org: '서울특별시 성동구청', category: 'mediation', urgency: 'normal', title: '데이터 분석 결과 공개 범위를 두고 이견', description: '스마트 쉼터 분석 결과를 연구센터는 논문으로 공개하려 하고, 구청은 내부 자료로 두려 합니다.', answer: '공동 연구 협약서에 공개 범위 조항을 넣는 안을 두 기관에 제안했습니다.', course: 'closed', daysAgo: 30, qa: { title: '협업 결과물의 공개 범위를 어떻게 정하나요', question: '협업기관끼리 결과 공개 범위에 이견이 있을 때 어떻게 합의하나요?' } },
  { org: '한국사회보장정보원', category: 'systems', urgency: 'low', title: '연계 서버 방화벽 신청 절차', description: '지자체 서버와 연계하려면 방화벽을 열어야 합니다. 신청 절차를 알려 주세요.', answer: '기관 정보보호 담당 부서에 연계 신청서를 내고, 상대 기관의 승인을 함께 받습니다.', course: 'closed', daysAgo: 28, qa: { title: '기관 간 시스템 연계의 방화벽 신청은', question: '다른 기관 서버와 연계할 때 방화벽을 여는 절차가 궁금합니다.' } },
  { org: '전라남도 순천시청', category: 'law', urgency: 'normal', title: '민간 해설사에게 수당을 줄 수 있나요', description: '생태관광 해설을 민간 단체 해설사가 맡을 때 시가 수당을 직접 줄 수 있는지 궁금합니다.', answer: '지방보조금으로 단체에 지원하고 단체가 수당을 지급하는 방식이 가능합니다.', course: 'closed', daysAgo: 25, qa: { title: '민간 참여자에게 수당을 줄 수 있나요', question: '협업과제에 참여한 민간 단체 구성원에게 기관이 수당을 직접 줄 수 있나요?' } },
  { org: '경기도교육청', category: 'budget', urgency: 'low', title: '체험처 보험료 부담 주체', description: '학교 밖 청소년 진로 체험 때 보험료를 교육청과 기업 중 누가 내야 하나요?', answer: '참여자 상해보험은 주관기관이 가입하는 것이 원칙입니다.', course: 'closed', daysAgo: 20 },
  { org: '(주)든든모빌리티', category: 'systems', urgency: 'normal', title: '저상버스 도착 정보 API 이용 승인', description: '교통약자 앱에 저상버스 도착 정보를 넣으려 합니다. API 이용 승인이 늦어집니다.', answer: '공공데이터포털 담당자에게 확인해 이번 주 안에 승인되도록 요청했습니다.', course: 'answered', daysAgo: 3 },
  { org: '한국재가노인복지협회 대구지부', category: 'staffing', urgency: 'normal', title: '대학 동아리 봉사 시간 인정', description: '어르신 디지털 교육에 참여한 대학생의 봉사 시간을 어떻게 인정하나요?', answer: '1365 자원봉사포털에 활동을 등록하면 인정됩니다. 등록 절차를 안내합니다.', course: 'answered', daysAgo: 2 },
  { org: '(주)다온에너지', category: 'law', urgency: 'normal', title: '마을회관 ESS 설치 인허가', description: '마을회관에 에너지 저장 장치를 둘 때 필요한 인허가가 무엇인가요?', answer: '용량에 따라 전기안전공사 사용 전 검사가 필요합니다. 자세한 내용을 확인 중입니다.', course: 'waiting', daysAgo: 4 },
  { org: '주거복지연대 광주센터', category: 'other', urgency: 'low', title: '상담소 공간 무상 사용', description: '대학 건물 일부를 상담소로 무상 사용하려면 어떤 계약이 필요한가요?', answer: '대학의 공간 사용 규정을 확인해야 합니다. 대학 측 담당 부서를 알려 주세요.', course: 'waiting', daysAgo: 5 },
  { org: '충북대학교 산학협력단', category: 'budget', urgency: 'normal', title: '교육 과정 수강료 정산', description: '지역 기업 재직자 교육의 수강료를 기업이 낼 때 정산 방식은?', answer: '산학협력단 수익 사업으로 처리하고 세금계산서를 발행합니다.', course: 'solved', daysAgo: 7 },
  { org: '푸른바다지킴이 시민모임', category: 'mediation', urgency: 'normal', title: '수거 구역 조정 요청', description: '다른 단체와 해안 수거 구역이 겹칩니다. 구청에 조정을 요청했는데 답이 없습니다.', answer: '구청 담당자와 두 단체가 함께하는 조정 회의를 열었습니다.', course: 'solved', daysAgo: 8 },
  { org: '경상북도 의성군청', category: 'law', urgency: 'urgent', title: '태양광 발전 수익의 마을 배분', description: '마을 공동 발전소 수익을 마을 주민에게 나눌 때 법적 제약이 있나요?', answer: '마을 협동조합을 통해 배분하는 방식을 검토 중입니다.', course: 'reopened', daysAgo: 12 },
  { org: '한국관광공사 지역관광지원팀', category: 'other', urgency: 'low', title: '무장애 코스 검증 기준', description: '무장애 관광 코스를 검증할 공통 기준이 있나요?', answer: '', course: 'new', daysAgo: 0 },
  { org: '건강보험심사평가원', category: 'systems', urgency: 'normal', title: '평가 결과 게시용 데이터 형식', description: '지자체 누리집에 병원 평가 결과를 게시할 때 어떤 형식으로 주면 되나요?', answer: '', course: 'new', daysAgo: 0 },
  { org: '한국해양대학교 해양안전연구소', category: 'staffing', urgency: 'normal', title: '연구원 파견 협약', description: '연구원을 부산시에 파견할 때 협약서에 넣을 내용이 궁금합니다.', answer: '파견 기간, 복무 관리, 성과 귀속을 넣습니다. 예시 협약서를 보내 드립니다.', course: 'closed', daysAgo: 15 },
  { org: '중앙보훈병원', category: 'budget', urgency: 'low', title: '보건소 연계 예약 시스템 비용 분담', description: '보건소와 예약 시스템을 연계할 때 개발비 분담 기준이 있나요?', answer: '수혜 규모에 비례해 나누는 안을 권합니다.', course: 'answered', daysAgo: 1 },
  { org: '제주특별자치도청 미래전략국', category: 'mediation', urgency: 'normal', title: '공항 이동 지원 차량의 운행 구역', description: '공항 공사와 차량 대기 구역을 두고 협의가 되지 않습니다.', answer: '공항 공사와의 협의에 운영기관이 함께하겠습니다. 일정을 알려 주세요.', course: 'waiting', daysAgo: 3 },
];

/**
 * The 협업SOS desk in the demo: two operators (the second leads), 20 requests in every state —
 * some about demo tasks, one past its first-answer target — a guest responder, and five 협업 Q&A
 * entries published from closed requests. Written through the services, at their own moments.
 */
export async function seedSos(db: Kysely<DB>, actAs: ActAs, operator: SignedInUser, operatorCtx: (at: Date) => Ctx, now: Date): Promise<void> {
  const second = { email: 'desk@demo.ieumteo.kr', name: '정해결 협업SOS 책임' };
  const { id: secondId } = await createVerifiedUser(db, { ...second, password: 'ieumteo-demo-2026', role: 'operator' }, now);
  await db.insertInto('sos_desk').values([{ user_id: operator.id }, { user_id: secondId, lead: true }]).execute();
  const at = (daysAgo: number, hours = 0) => new Date(now.getTime() - daysAgo * DAY + hours * HOUR);
  const guestOrg = '서울대학교 행정대학원 협업연구센터';
  const guestEmail = (await db.selectFrom('users').innerJoin('org_members', 'org_members.user_id', 'users.id').innerJoin('orgs', 'orgs.id', 'org_members.org_id').select('users.email').where('orgs.name', '=', guestOrg).executeTakeFirstOrThrow()).email;

  for (const demo of TICKETS) {
    const org = await db.selectFrom('orgs').select('id').where('name', '=', demo.org).executeTakeFirstOrThrow();
    const task = demo.task ? await db.selectFrom('tasks').select('id').where('title', '=', demo.task).executeTakeFirst() : undefined;
    const opened = at(demo.daysAgo, -2);
    const id = await openTicket(actAs(demo.org, opened), {
      org: String(org.id),
      task: task ? String(task.id) : undefined,
      category: demo.category,
      urgency: demo.urgency,
      title: demo.title,
      description: demo.description,
    });
    if (demo.course === 'new' || demo.course === 'breached') continue;
    const step = (hours: number) => new Date(opened.getTime() + hours * HOUR);
    await assign(operatorCtx(step(0.5)), id, { assignee: String(operator.id) });
    await replyAsDesk(operatorCtx(step(1)), id, { kind: 'note', body: '관련 부처 담당자에게 먼저 확인합니다.' });
    if (demo.course === 'waiting') {
      await replyAsDesk(operatorCtx(step(1.5)), id, { kind: 'info_request', body: '관련 공문이나 협약서 사본을 보내 주시면 정확히 답할 수 있습니다.' });
      continue;
    }
    await replyAsDesk(operatorCtx(step(1.5)), id, { kind: 'answer', body: demo.answer });
    if (demo.course === 'answered') continue;
    if (demo.category === 'mediation') {
      await inviteGuest(operatorCtx(step(2)), id, { email: guestEmail });
      await replyAsGuest(actAs(guestOrg, step(3)), id, { body: '비슷한 조정 사례를 연구한 적이 있습니다. 협약서 예시를 공유합니다.' });
    }
    await proposeSolution(operatorCtx(step(20)), id, { resolution: demo.category === 'mediation' ? 'mediated' : 'answered', body: demo.answer });
    if (demo.course === 'solved') continue;
    if (demo.course === 'reopened') {
      await settle(actAs(demo.org, step(30)), id, 'reopen');
      await replyAsRequester(actAs(demo.org, step(31)), id, { body: '협동조합 설립 전에 배분할 방법도 알려 주세요.' });
      continue;
    }
    await settle(actAs(demo.org, step(30)), id, 'confirm');
    await rate(actAs(demo.org, step(31)), id, { satisfaction: String(4 + (demo.daysAgo % 2)), comment: '빠르게 도와주셔서 고맙습니다.' });
    if (demo.qa) await publishEntry(operatorCtx(step(40)), id, { category: demo.category, title: demo.qa.title, question: demo.qa.question, answer: demo.answer });
  }
}
