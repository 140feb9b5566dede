import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createAccountsWithoutPassword } from '../modules/accounts/index.ts';
import { answerProposal, completeProposal, setMilestoneDone } from '../modules/forum/answers.service.ts';
import { addPoint, addReply, saveSummary, setHelpful } from '../modules/forum/points.service.ts';
import { createProposal, publishProposal, returnProposal, submitProposal, withdrawProposal } from '../modules/forum/proposals.service.ts';
import { DEFAULT_SETTINGS } from '../modules/forum/stages.ts';
import { mergeProposal, support } from '../modules/forum/supports.service.ts';
import { sweepStages } from '../modules/forum/sweep.ts';
import { createTask, proposalPrefill } from '../modules/tasks/tasks.service.ts';
import { addDays, kstDate } from '../shared/dates.ts';
import type { Ctx, SignedInUser } from '../shared/context.ts';
import type { ActAs } from './seed-demands.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where a demo proposal has got to. */
type Course = 'draft' | 'checking' | 'returned' | 'discussion' | 'support' | 'expired' | 'withdrawn' | 'review' | 'overdue' | 'extended' | 'adopted' | 'partial' | 'rejected' | 'completed';

interface DemoProposal {
  title: string;
  problem: string;
  proposal: string;
  effect: string;
  org: string;
  category: string;
  course: Course;
  /** Days since it was written. */
  daysAgo: number;
  /** Supports it gets (those past the threshold reach review). */
  supports?: number;
  /** Points: [side, words] — a few on each side make the argument map. */
  points?: ['for' | 'against' | 'conditional', string][];
  /** Written by the demo citizen who signs in (citizen@demo.ieumteo.kr). */
  mine?: boolean;
}

const BUS_POINTS: DemoProposal['points'] = [
  ['for', '어르신들은 군청 누리집마다 다른 시간표를 찾기 어렵습니다. 한곳에 모이면 병원 가는 길이 쉬워집니다.'],
  ['for', '관광객도 농어촌 버스를 탈 수 있게 되어 지역 상권에 도움이 됩니다.'],
  ['for', '차가 없는 청소년이 학원과 도서관에 다니기 쉬워집니다.'],
  ['for', '배차 간격이 한눈에 보이면 군청이 노선을 고칠 근거도 생깁니다.'],
  ['for', '이미 공공데이터로 있는 정보를 모으는 일이라 큰돈이 들지 않습니다.'],
  ['for', '명절에 고향을 찾는 가족도 버스 시간을 미리 알 수 있습니다.'],
  ['against', '군마다 시간표가 자주 바뀌는데 갱신이 늦으면 오히려 헷갈립니다.'],
  ['conditional', '실시간 운행 정보까지 연결된다면 찬성합니다. 시간표만으로는 부족합니다.'],
  ['conditional', '스마트폰이 없는 분을 위해 정류장 안내판과 전화 안내도 함께 한다면 찬성합니다.'],
];

const GENERIC_POINTS: DemoProposal['points'] = [
  ['for', '현장에서 오래 겪은 불편입니다. 꼭 필요한 제안이라고 생각합니다.'],
  ['against', '예산이 많이 드는데 효과가 얼마나 될지 근거가 부족합니다.'],
  ['conditional', '시범 지역에서 먼저 효과를 확인한다면 찬성합니다.'],
];

const PROPOSALS: DemoProposal[] = [
  { title: '농어촌 버스 시간표를 한곳에서 보게 해 주세요', problem: '군마다 버스 시간표가 서로 다른 누리집과 정류장 종이에만 있어 어르신과 관광객이 찾기 어렵습니다.', proposal: '전국 농어촌 버스 시간표를 **공공데이터**로 모아 한 화면과 전화 안내에서 찾을 수 있게 해 주세요.', effect: '병원과 장에 가는 길이 편해지고 지역 관광이 쉬워집니다.', org: '행정안전부 협업정책과', category: '교통·안전', course: 'adopted', daysAgo: 70, supports: 112, points: BUS_POINTS },
  { title: '스쿨존에 단속 카메라 설치 확대', problem: '초등학교 앞 보호구역인데도 차들이 속도를 줄이지 않습니다.', proposal: '스쿨존마다 과속 단속 카메라를 설치해 주세요. 설치되지 않은 곳의 목록도 알려 주면 좋겠습니다.', effect: '아이들이 안심하고 등하교할 수 있습니다.', org: '행정안전부 협업정책과', category: '교통·안전', course: 'support', daysAgo: 35, supports: 14 },
  { title: '어린이 보호구역 과속 단속 카메라를 늘려 주세요', problem: '통학로 가운데 단속 카메라가 없는 곳에서 과속 차량이 많습니다.', proposal: '모든 초등학교 통학로에 과속 단속 카메라를 설치하고 설치 현황을 공개해 주세요.', effect: '어린이 교통사고가 줄어듭니다.', org: '행정안전부 협업정책과', category: '교통·안전', course: 'review', daysAgo: 40, supports: 104, points: GENERIC_POINTS },
  { title: '보훈 대상자 병원 예약을 가까운 보건소에서도', problem: '지방에 사는 보훈 대상자는 위탁병원 예약을 위해 먼 곳까지 전화하거나 방문해야 합니다.', proposal: '보건소 창구에서 보훈 위탁병원 진료를 예약할 수 있게 연계해 주세요.', effect: '고령 보훈 대상자의 이동 부담이 줄어듭니다.', org: '국가보훈부 보훈의료정책과', category: '보건·의료', course: 'overdue', daysAgo: 75, supports: 131, points: GENERIC_POINTS },
  { title: '바다낚시 승선 신고를 예약 앱에서 바로', problem: '낚시어선을 예약하고도 승선 신고서를 종이로 다시 써야 해 출항이 늦어집니다.', proposal: '예약할 때 입력한 정보로 승선 신고가 되게 연계해 주세요.', effect: '출항 대기가 줄고 승선자 명단이 정확해져 사고 대응이 빨라집니다.', org: '해양수산부 어업자원정책관실', category: '농림·해양', course: 'completed', daysAgo: 120, supports: 158, points: GENERIC_POINTS },
  { title: '응급실 빈 병상 정보를 119와 실시간 공유', problem: '구급차가 받아줄 응급실을 찾느라 길에서 시간을 보냅니다.', proposal: '응급실 병상 현황을 119 구급대와 실시간으로 공유해 주세요.', effect: '응급 환자의 이송 시간이 줄어듭니다.', org: '보건복지부 의료기관정책과', category: '보건·의료', course: 'partial', daysAgo: 80, supports: 147, points: GENERIC_POINTS },
  { title: '주민센터 무인 민원발급기를 휠체어 높이로', problem: '무인 민원발급기 화면이 높아 휠체어 이용자가 쓰기 어렵습니다.', proposal: '새로 설치하는 발급기는 높이 조절형으로 하고 기존 기기는 단계적으로 바꿔 주세요.', effect: '장애인이 도움 없이 서류를 뗄 수 있습니다.', org: '행정안전부 협업정책과', category: '행정·디지털', course: 'rejected', daysAgo: 90, supports: 103, points: GENERIC_POINTS },
  { title: '해수욕장 안전요원 근무 시간을 저녁까지', problem: '여름 저녁에도 물놀이객이 많은데 안전요원은 오후 6시에 철수합니다.', proposal: '7~8월 주말에는 안전요원 근무를 오후 8시까지 늘려 주세요.', effect: '저녁 물놀이 사고를 막을 수 있습니다.', org: '부산광역시 해양농수산국', category: '교통·안전', course: 'extended', daysAgo: 60, supports: 109, points: GENERIC_POINTS },
  { title: '국립공원 탐방로에 무장애 구간 표시', problem: '어느 탐방로가 휠체어로 갈 수 있는지 미리 알 수 없습니다.', proposal: '탐방로 안내 지도와 누리집에 무장애 구간과 경사도를 표시해 주세요.', effect: '장애인과 유모차 가족이 탐방 계획을 세울 수 있습니다.', org: '국립공원공단', category: '문화·관광', course: 'completed', daysAgo: 150, supports: 120 },
  { title: '학교 밖 청소년에게도 진로 체험 기회를', problem: '학교 밖 청소년은 학교에서 연결해 주는 진로 체험을 받을 수 없습니다.', proposal: '교육청 진로체험센터 프로그램을 학교 밖 청소년도 신청할 수 있게 열어 주세요.', effect: '학업을 그만둔 청소년의 진로 탐색을 도울 수 있습니다.', org: '경기도교육청', category: '교육', course: 'adopted', daysAgo: 85, supports: 118, points: GENERIC_POINTS },
  { title: '복지 사각지대 위기가구 알림을 이웃이 신청', problem: '이웃의 위기를 알아도 어디에 알려야 할지 모릅니다.', proposal: '누구나 앱에서 위기가구를 익명으로 알리면 주민센터가 확인하게 해 주세요.', effect: '고독사와 생활고를 일찍 발견할 수 있습니다.', org: '한국사회보장정보원', category: '복지', course: 'review', daysAgo: 38, supports: 100 },
  { title: '병원 평가 결과를 쉬운 말로', problem: '병원 평가 결과가 전문 용어로만 되어 있어 환자가 이해하기 어렵습니다.', proposal: '평가 결과 요약을 쉬운 우리말과 그림으로 함께 공개해 주세요.', effect: '환자가 병원을 고를 때 도움이 됩니다.', org: '건강보험심사평가원', category: '보건·의료', course: 'support', daysAgo: 11, supports: 29 },
  { title: '어업인 구명조끼 착용 지원 확대', problem: '고령 어업인은 구명조끼가 불편해 잘 입지 않습니다.', proposal: '가볍고 자동으로 부풀어 오르는 구명조끼 구입을 지원해 주세요.', effect: '바다 추락 사고의 인명 피해가 줄어듭니다.', org: '한국수산자원공단', category: '농림·해양', course: 'support', daysAgo: 20, supports: 64, points: GENERIC_POINTS },
  { title: '동네 공공 와이파이 안내 지도', problem: '공공 와이파이가 어디에 있는지 알기 어렵습니다.', proposal: '시·군구별 공공 와이파이 위치를 지도로 공개해 주세요.', effect: '통신비 부담이 줄어듭니다.', org: '행정안전부 협업정책과', category: '행정·디지털', course: 'support', daysAgo: 15, supports: 37 },
  { title: '농촌 빈집을 청년 창업 공간으로', problem: '농촌 빈집이 늘지만 활용 방법을 찾기 어렵습니다.', proposal: '빈집을 정비해 청년 창업가에게 싼값에 빌려주는 사업을 해 주세요.', effect: '청년이 농촌에 정착하고 빈집 문제가 줄어듭니다.', org: '경상북도 의성군청', category: '일자리·경제', course: 'support', daysAgo: 12, supports: 51, points: GENERIC_POINTS },
  { title: '순천만 생태 해설을 외국어로', problem: '외국인 관광객은 생태 해설을 들을 수 없습니다.', proposal: '영어·중국어·일본어 음성 해설을 QR로 들을 수 있게 해 주세요.', effect: '외국인 관광객의 만족도가 높아집니다.', org: '전라남도 순천시청', category: '문화·관광', course: 'support', daysAgo: 10, supports: 22 },
  { title: '제주 공항에서 교통약자 이동 지원 차량 예약', problem: '휠체어 이용자가 공항에 내려 탈 수 있는 차량을 찾기 어렵습니다.', proposal: '항공권 예매 때 교통약자 이동 지원 차량을 함께 예약하게 해 주세요.', effect: '교통약자의 제주 여행이 쉬워집니다.', org: '제주특별자치도청 미래전략국', category: '교통·안전', course: 'support', daysAgo: 9, supports: 46, points: GENERIC_POINTS },
  { title: '도심 쉼터에 폭염 대피 안내', problem: '폭염 때 가까운 무더위 쉼터가 어디인지 모릅니다.', proposal: '버스 정류장 안내판에 가장 가까운 무더위 쉼터를 표시해 주세요.', effect: '폭염 피해를 줄일 수 있습니다.', org: '서울특별시 성동구청', category: '환경', course: 'support', daysAgo: 8, supports: 18 },
  { title: '춘천 호수 둘레길 야간 조명', problem: '호수 둘레길이 밤에 어두워 걷기 무섭습니다.', proposal: '둘레길 주요 구간에 빛 공해가 적은 낮은 조명을 설치해 주세요.', effect: '저녁 산책이 안전해집니다.', org: '강원특별자치도 춘천시청', category: '환경', course: 'discussion', daysAgo: 5, points: GENERIC_POINTS },
  { title: '보훈병원 셔틀버스 노선 확대', problem: '보훈병원 셔틀버스가 일부 지역만 다닙니다.', proposal: '이용자가 많은 지역에 셔틀버스 노선을 늘려 주세요.', effect: '고령 보훈 대상자의 통원이 편해집니다.', org: '중앙보훈병원', category: '보건·의료', course: 'discussion', daysAgo: 4, points: GENERIC_POINTS },
  { title: '학교 급식 잔반을 퇴비로', problem: '학교 급식 잔반이 그대로 버려집니다.', proposal: '학교 텃밭과 연계해 잔반을 퇴비로 만드는 시범 사업을 해 주세요.', effect: '음식물 쓰레기가 줄고 환경 교육이 됩니다.', org: '경기도교육청', category: '환경', course: 'discussion', daysAgo: 3 },
  { title: '주민등록 등본 발급 수수료 온라인 면제 확대', problem: '온라인 발급은 무료지만 일부 서류는 창구에서만 무료입니다.', proposal: '창구 무료 서류는 온라인에서도 무료로 해 주세요.', effect: '민원인의 부담이 줄어듭니다.', org: '행정안전부 협업정책과', category: '행정·디지털', course: 'discussion', daysAgo: 2, mine: true },
  { title: '해안 쓰레기 수거 자원봉사 보험', problem: '해안 정화 봉사 중 다쳐도 보험이 없습니다.', proposal: '해안 정화 자원봉사자에게 상해보험을 지원해 주세요.', effect: '더 많은 시민이 안심하고 참여합니다.', org: '부산광역시 해양농수산국', category: '환경', course: 'discussion', daysAgo: 1 },
  { title: '장애인 주차구역 불법 주차 신고 앱 개선', problem: '신고 앱이 느리고 사진 인식이 자주 실패합니다.', proposal: '신고 앱의 번호판 인식을 개선하고 처리 결과를 알려 주세요.', effect: '장애인 주차구역이 제대로 쓰입니다.', org: '행정안전부 협업정책과', category: '복지', course: 'expired', daysAgo: 50, supports: 41, points: GENERIC_POINTS },
  { title: '시골 우체국에서 약 택배 수령', problem: '약국이 먼 마을 어르신은 처방약을 받기 어렵습니다.', proposal: '우체국에서 처방약 택배를 대신 받아 두게 해 주세요.', effect: '어르신의 약 복용이 끊기지 않습니다.', org: '보건복지부 의료기관정책과', category: '보건·의료', course: 'expired', daysAgo: 48, supports: 63 },
  { title: '지하철역 수유실 위치 안내', problem: '수유실이 어느 역에 있는지 알기 어렵습니다.', proposal: '지하철 노선도 앱에 수유실 위치를 표시해 주세요.', effect: '영유아 부모의 외출이 편해집니다.', org: '서울특별시 성동구청', category: '복지', course: 'expired', daysAgo: 45, supports: 12 },
  { title: '공공 체육시설 예약 통합', problem: '구마다 체육시설 예약 누리집이 달라 불편합니다.', proposal: '공공 체육시설 예약을 하나의 누리집으로 모아 주세요.', effect: '시설 이용률이 높아집니다.', org: '서울특별시 성동구청', category: '문화·관광', course: 'withdrawn', daysAgo: 14 },
  { title: '마을회관 태양광 설치 지원', problem: '겨울과 여름마다 마을회관 냉난방 전기요금 부담이 큽니다.', proposal: '마을회관 지붕에 태양광을 설치하도록 지원해 주세요.', effect: '마을 공동 경비가 줄어듭니다.', org: '경상북도 의성군청', category: '환경', course: 'checking', daysAgo: 0 },
  { title: '119 신고 때 문자로 위치 보내기', problem: '말하기 어려운 상황에서 신고하기 어렵습니다.', proposal: '문자로 신고하면 위치가 자동으로 함께 전송되게 해 주세요.', effect: '말할 수 없는 위급 상황에서도 도움을 받습니다.', org: '행정안전부 협업정책과', category: '교통·안전', course: 'returned', daysAgo: 1 },
  { title: '도서관 책 반납을 지하철역에서', problem: '도서관이 멀어 반납하러 가기 어렵습니다.', proposal: '지하철역에 무인 반납함을 두어 주세요.', effect: '도서관 이용이 늘어납니다.', org: '서울특별시 성동구청', category: '교육', course: 'draft', daysAgo: 0, mine: true },
  { title: '어촌 체험마을 예약 통합', problem: '어촌 체험마을마다 예약 방법이 다릅니다.', proposal: '어촌 체험마을 예약을 한 곳에서 하게 해 주세요.', effect: '체험 관광객이 늘어납니다.', org: '해양수산부 어업자원정책관실', category: '농림·해양', course: 'draft', daysAgo: 0 },
  { title: '노인 일자리 신청을 주민센터에서 대신', problem: '노인 일자리 온라인 신청이 어르신에게 어렵습니다.', proposal: '주민센터 직원이 신청을 대신 도와주게 해 주세요.', effect: '디지털 취약 어르신도 일자리를 얻습니다.', org: '한국사회보장정보원', category: '일자리·경제', course: 'rejected', daysAgo: 95, supports: 101 },
];

/** The adopted bus timetables proposal becomes a collaboration task of its responsible body, prefilled from it. */
async function registerTask(db: Kysely<DB>, ctx: Ctx, proposalId: number): Promise<void> {
  const theme = await db.selectFrom('themes').select('id').where('archived_at', 'is', null).orderBy('sort').executeTakeFirstOrThrow();
  const today = kstDate(ctx.now());
  const values = await proposalPrefill(ctx, proposalId);
  await createTask(ctx, { ...values, themes: [String(theme.id)], startsOn: today, endsOn: addDays(today, 300) }, { proposal: proposalId });
}

/** Demo supporters: citizens who support and argue (they have no password; nobody signs in as them). */
const SUPPORTERS = 160;

/**
 * 국민포럼 in the demo: 32 proposals by citizens over every stage — drafts, one in its check, one
 * returned, discussions with arguments on each side and replies, supports short of and past the
 * threshold, a merged duplicate, answers on time and one overdue, an extension with its reason,
 * adopted proposals with milestones, two completed, three expired, one withdrawn. Written through the
 * services at their own moments, with the installation's default settings (100 supports in 30 days).
 */
export async function seedForum(db: Kysely<DB>, actAs: ActAs, operatorCtx: (at: Date) => Ctx, citizenEmail: string, now: Date): Promise<void> {
  const at = (daysAgo: number, hours = 0) => new Date(now.getTime() - daysAgo * DAY + hours * HOUR);
  const citizenRow = await db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', citizenEmail).executeTakeFirstOrThrow();
  const people: SignedInUser[] = [{ kind: 'user', id: citizenRow.id, email: citizenEmail, name: citizenRow.name, role: 'citizen', memberships: [], sessionId: 'seed', totpEnabled: false }];
  const surnames = '김이박최정강조윤장임한오서신권황안송전홍';
  const given = ['민준', '서연', '도윤', '지우', '하준', '서윤', '시우', '하은', '주원', '지민', '예준', '수아'];
  const supporters = Array.from({ length: SUPPORTERS }, (_, i) => ({ email: `forum${i + 1}@demo.ieumteo.kr`, name: `${surnames[i % surnames.length]}${given[i % given.length]}` }));
  const supporterIds = await createAccountsWithoutPassword(db, supporters, at(200));
  for (const [i, { email, name }] of supporters.entries()) {
    people.push({ kind: 'user', id: supporterIds[i]!, email, name, role: 'citizen', memberships: [], sessionId: 'seed', totpEnabled: false });
  }
  const as = (person: SignedInUser, when: Date): Ctx => ({ ...operatorCtx(when), actor: person });
  const category = new Map((await db.selectFrom('forum_categories').select(['id', 'name']).execute()).map((c) => [c.name, String(c.id)]));
  const ids = new Map<string, number>();

  for (const [n, demo] of PROPOSALS.entries()) {
    const author = demo.mine ? people[0]! : people[1 + (n % SUPPORTERS)]!;
    const written = at(demo.daysAgo, -3);
    const id = await createProposal(as(author, written), { title: demo.title, problem: demo.problem, proposal: demo.proposal, effect: demo.effect, org: demo.org, category: category.get(demo.category)! });
    ids.set(demo.title, id);
    if (demo.course === 'draft') continue;
    await submitProposal(as(author, written), id);
    if (demo.course === 'checking') continue;
    const checked = new Date(written.getTime() + 2 * HOUR);
    if (demo.course === 'returned') {
      await returnProposal(operatorCtx(checked), id, { reason: '제안 내용에 특정인의 전화번호가 적혀 있습니다. 개인정보를 지운 뒤 다시 제출해 주세요.' });
      continue;
    }
    await publishProposal(operatorCtx(checked), id);
    for (const [i, [side, body]] of (demo.points ?? []).entries()) {
      const point = await addPoint(as(people[(n * 7 + i * 3 + 2) % people.length]!, new Date(checked.getTime() + (i + 1) * HOUR)), id, { side, body });
      for (let h = 0; h < (i * 5 + n) % 6; h++) {
        const marker = people[(n + i + h * 11 + 5) % people.length]!;
        if (marker.id !== people[(n * 7 + i * 3 + 2) % people.length]!.id) await setHelpful(as(marker, new Date(checked.getTime() + (i + 2) * HOUR)), point, true);
      }
      if (side === 'against') await addReply(as(author, new Date(checked.getTime() + (i + 3) * HOUR)), point, { body: '좋은 지적입니다. 갱신 주기와 책임 기관을 함께 정하면 해결될 것 같습니다.' });
    }
    if (demo.course === 'withdrawn') {
      await withdrawProposal(as(author, new Date(checked.getTime() + DAY)), id);
      continue;
    }
    const supportsOpen = checked.getTime() + (DEFAULT_SETTINGS.discussion_days + 1) * DAY;
    // Supports come over the first weeks of the window, a few an hour. Only the one that reaches the
    // threshold (or the last, short of it) goes through the service, which counts them and sends the
    // proposal to review at that moment; those before and after it are written in one statement
    // each (after it, the service only adds and counts): 3,400 calls of the service were six
    // seconds of a first start.
    const supports = Array.from({ length: Math.min(demo.supports ?? 0, people.length - 1) }, (_, s) => ({
      person: people[1 + ((s + n) % (people.length - 1))]!,
      when: new Date(supportsOpen + s * 2 * HOUR),
    })).filter(({ when }) => when <= now);
    const { support_needed: needed } = await db.selectFrom('forum_proposals').select('support_needed').where('id', '=', id).executeTakeFirstOrThrow();
    const reaching = Math.min((needed ?? 1) - 1, supports.length - 1);
    const addSupports = (some: typeof supports) => (some.length ? db.insertInto('forum_supports').values(some.map(({ person, when }) => ({ proposal_id: id, user_id: person.id, created_at: when }))).execute() : undefined);
    await addSupports(supports.slice(0, reaching));
    if (supports[reaching]) await support(as(supports[reaching].person, supports[reaching].when), id);
    const later = supports.slice(reaching + 1);
    if (later.length) {
      await addSupports(later);
      await db.updateTable('forum_proposals').set({ support_count: supports.length }).where('id', '=', id).execute();
    }
    const row = await db.selectFrom('forum_proposals').select(['reached_at', 'answer_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
    if (!row.reached_at) continue;
    if (demo.points) {
      await saveSummary(operatorCtx(new Date(row.reached_at.getTime() + HOUR)), id, {
        summary: '찬성 쪽은 일상의 불편을 덜고 안전을 높인다는 점을, 반대 쪽은 예산과 효과의 근거를 듭니다. 조건부 찬성은 시범 사업으로 효과를 먼저 확인하자는 의견입니다.',
      });
    }
    const org = demo.org;
    const answeredAt = new Date(row.reached_at.getTime() + 10 * DAY);
    if (demo.course === 'review' || demo.course === 'overdue') continue;
    if (demo.course === 'extended') {
      const newDue = new Date(row.answer_due_at!.getTime() + 20 * DAY).toISOString().slice(0, 10);
      await answerProposal(actAs(org, answeredAt), id, { decision: 'further', reasons: '해양경찰청·소방청과 안전요원 인력 운영 방안을 협의하고 있어 답변 기한을 연장합니다.', dueOn: newDue });
      continue;
    }
    const decision = demo.course === 'rejected' ? 'reject' : demo.course === 'partial' ? 'partial' : 'accept';
    // A proposal carried out has had its steps due, and done, before it is reported complete.
    const stepDays = demo.course === 'completed' ? [10, 25] : [60, 150];
    await answerProposal(actAs(org, answeredAt), id, {
      decision,
      reasons: decision === 'reject' ? '현재 예산과 기존 사업으로 같은 효과를 내는 방안을 추진하고 있어 수용하기 어렵습니다. 대신 기존 사업의 안내를 강화하겠습니다.' : '국민 생활의 불편을 덜고 효과가 분명하다고 판단했습니다.',
      plan: decision === 'reject' ? undefined : '관계 기관과 협의해 시범 사업을 거쳐 전국으로 넓힙니다.',
      ...(decision === 'reject'
        ? {}
        : { 'milestone.0.title': '관계 기관 협의와 기준 마련', 'milestone.0.due': addDays(kstDate(answeredAt), stepDays[0]!), 'milestone.1.title': '시범 운영', 'milestone.1.due': addDays(kstDate(answeredAt), stepDays[1]!) }),
    });
    if (demo.title === PROPOSALS[0]!.title) await registerTask(db, actAs(org, new Date(answeredAt.getTime() + DAY)), id);
    if (demo.course === 'completed') {
      const steps = await db.selectFrom('forum_milestones').innerJoin('forum_answers', 'forum_answers.id', 'forum_milestones.answer_id').select(['forum_milestones.id', 'forum_milestones.due_on']).where('forum_answers.proposal_id', '=', id).execute();
      for (const step of steps) await setMilestoneDone(actAs(org, new Date(`${step.due_on}T10:00:00+09:00`)), id, step.id, true);
      await completeProposal(actAs(org, new Date(answeredAt.getTime() + 30 * DAY)), id, { result: '시범 운영을 마치고 전국 서비스를 시작했습니다. 누리집 공지에서 이용 방법을 확인할 수 있습니다.' });
    }
  }
  // The later school-zone proposal says what the earlier one says: merged into it, supports united.
  await mergeProposal(operatorCtx(at(5)), ids.get('스쿨존에 단속 카메라 설치 확대')!, { into: String(ids.get('어린이 보호구역 과속 단속 카메라를 늘려 주세요')!) });
  await sweepStages(db, now, { baseUrl: 'http://localhost', quietHours: null });
}
