/**
 * The search-quality set: queries people type over the demo world, each with the demands they are
 * looking for (by the start of their titles). It covers words as written, spacing (띄어쓰기), particles
 * and one-syllable words, typos, a Korean word typed on an English keyboard, theme names and English
 * words. `search-quality.test.ts` reports recall@10 and precision@10 over it.
 */
export type QueryKind = 'word' | 'spacing' | 'particle' | 'typo' | 'theme' | 'english';

export interface LabelledQuery {
  query: string;
  kind: QueryKind;
  /** The demands a person typing the query wants: the start of each title. */
  wanted: string[];
}

const WHEELCHAIR = '폐휠체어를 고쳐';
const FISHING = '바다낚시 예약 앱과';
const VETERAN_HOMES = '고령 보훈가족의';
const HOSPITAL = '병원 평가 결과를';
const ANGLERS = '낚시객 안전 교육';
const TOURISM = ['순천만 생태관광', '무장애 관광 코스', '관광객 이동 데이터', '농어촌 체험 마을'];
const VETERANS = [WHEELCHAIR, VETERAN_HOMES, '보훈병원 원격 진료', '재활 운동 기구'];
const SAFETY = [FISHING, '스마트 쉼터에', '독거 어르신 안부', ANGLERS, '어촌 고령 어업인', '학교 통학로 안전'];

export const SEARCH_QUALITY_SET: LabelledQuery[] = [
  { query: '폐휠체어', kind: 'word', wanted: [WHEELCHAIR] },
  { query: '휠체어', kind: 'word', wanted: [WHEELCHAIR] },
  { query: '바다낚시', kind: 'word', wanted: [FISHING] },
  { query: '승선 신고', kind: 'word', wanted: [FISHING] },
  { query: '보훈가족', kind: 'word', wanted: [VETERAN_HOMES] },
  { query: '병원 평가', kind: 'word', wanted: [HOSPITAL] },
  { query: '폭염', kind: 'word', wanted: ['스마트 쉼터에'] },
  { query: '해안 쓰레기', kind: 'word', wanted: ['해안 쓰레기 수거'] },
  { query: '순천만', kind: 'word', wanted: ['순천만 생태관광'] },
  { query: '폐배터리', kind: 'word', wanted: ['전기차 폐배터리'] },
  { query: '어르신 디지털 교육', kind: 'word', wanted: ['어르신 디지털 교육'] },
  { query: '학교 밖 청소년', kind: 'word', wanted: ['학교 밖 청소년'] },
  { query: '복지 사각지대', kind: 'word', wanted: ['복지 사각지대'] },
  { query: '장애인 이동', kind: 'word', wanted: ['장애인 이동 지원 차량', '교통약자 이동 지원 앱', '무장애 관광 코스'] },
  { query: '독거 어르신', kind: 'word', wanted: ['독거 어르신 안부'] },
  { query: '청년 주거', kind: 'word', wanted: ['청년 주거 상담소'] },
  { query: '상권 분석', kind: 'word', wanted: ['공공데이터로 만든 상권'] },
  { query: '낚시객 안전', kind: 'word', wanted: [ANGLERS] },
  { query: '공무원 연수', kind: 'word', wanted: ['지자체 협업 담당 공무원'] },
  { query: '안전 장비', kind: 'word', wanted: ['어촌 고령 어업인'] },
  { query: '무장애 관광', kind: 'word', wanted: ['무장애 관광 코스'] },
  { query: '응급실', kind: 'word', wanted: ['응급실 이용 안내'] },
  { query: '청년 농부', kind: 'word', wanted: ['청년 농부 정착'] },
  { query: '교통약자', kind: 'word', wanted: ['교통약자 이동 지원 앱'] },
  { query: '에너지 효율', kind: 'word', wanted: ['공공임대주택 에너지 효율'] },
  { query: '태양광', kind: 'word', wanted: ['마을 태양광 공동'] },
  { query: '데이터 인재', kind: 'word', wanted: ['지역 중소기업 데이터 인재'] },
  { query: '미세플라스틱', kind: 'word', wanted: ['해양 미세플라스틱'] },
  { query: '바다 숲', kind: 'word', wanted: ['바다 숲 조성'] },
  { query: '원격 진료', kind: 'word', wanted: ['보훈병원 원격 진료'] },
  { query: '성과 지표', kind: 'word', wanted: ['이음터 협업 성과를'] },
  { query: '공실 점포', kind: 'word', wanted: ['골목 상권 공실 점포'] },
  { query: '수산물 직거래', kind: 'word', wanted: ['수산물 직거래 장터'] },
  { query: '혼잡 예보', kind: 'word', wanted: ['관광객 이동 데이터'] },
  { query: '외국인 관광객', kind: 'word', wanted: ['농어촌 체험 마을'] },
  { query: '약물 부작용', kind: 'word', wanted: ['약물 부작용 예방'] },
  { query: '재활 운동', kind: 'word', wanted: ['재활 운동 기구'] },
  { query: '챗봇', kind: 'word', wanted: ['복지 서비스 안내 챗봇'] },
  { query: '통학로', kind: 'word', wanted: ['학교 통학로 안전'] },

  { query: '승선신고', kind: 'spacing', wanted: [FISHING] },
  { query: '보훈 가족', kind: 'spacing', wanted: [VETERAN_HOMES] },
  { query: '독거어르신', kind: 'spacing', wanted: ['독거 어르신 안부'] },
  { query: '해안쓰레기', kind: 'spacing', wanted: ['해안 쓰레기 수거'] },
  { query: '스마트쉼터', kind: 'spacing', wanted: ['스마트 쉼터에'] },
  { query: '공공 임대 주택', kind: 'spacing', wanted: ['공공임대주택 에너지 효율'] },
  { query: '바다숲', kind: 'spacing', wanted: ['바다 숲 조성'] },
  { query: '병원평가', kind: 'spacing', wanted: [HOSPITAL] },

  { query: '앱', kind: 'particle', wanted: [FISHING, '교통약자 이동 지원 앱'] },
  { query: '바다낚시 예약 앱', kind: 'particle', wanted: [FISHING] },
  { query: '휠체어를', kind: 'particle', wanted: [WHEELCHAIR] },
  { query: '집을', kind: 'particle', wanted: [VETERAN_HOMES] },
  { query: '숲', kind: 'particle', wanted: ['바다 숲 조성'] },
  { query: '쓰레기를', kind: 'particle', wanted: ['해안 쓰레기 수거'] },

  { query: '휠체여', kind: 'typo', wanted: [WHEELCHAIR] },
  { query: '낙시', kind: 'typo', wanted: [FISHING, ANGLERS] },
  { query: '페배터리', kind: 'typo', wanted: ['전기차 폐배터리'] },
  { query: '미세플라스딕', kind: 'typo', wanted: ['해양 미세플라스틱'] },
  { query: '순천먼', kind: 'typo', wanted: ['순천만 생태관광'] },
  { query: '응급씰', kind: 'typo', wanted: ['응급실 이용 안내'] },
  { query: 'gnlfcpdj', kind: 'typo', wanted: [WHEELCHAIR] },

  { query: '보훈', kind: 'theme', wanted: VETERANS },
  { query: '문화·관광', kind: 'theme', wanted: TOURISM },
  { query: '보건·의료', kind: 'theme', wanted: [HOSPITAL, '응급실 이용 안내', '보훈병원 원격 진료', '약물 부작용 예방', '재활 운동 기구'] },
  { query: '안전', kind: 'theme', wanted: SAFETY },
  { query: '지역활성화', kind: 'theme', wanted: ['협업 우수사례를', '순천만 생태관광', '공공데이터로 만든 상권', '청년 농부 정착', '마을 태양광 공동', '골목 상권 공실 점포', '농어촌 체험 마을'] },

  { query: 'veterans', kind: 'english', wanted: VETERANS },
  { query: 'Safety', kind: 'english', wanted: SAFETY },
  { query: 'volunteers', kind: 'english', wanted: [VETERAN_HOMES, '해안 쓰레기 수거', '어르신 디지털 교육', '장애인 이동 지원 차량', '해양 미세플라스틱', '학교 통학로 안전'] },
  { query: 'medical device repair', kind: 'english', wanted: [WHEELCHAIR] },
  { query: 'tourism', kind: 'english', wanted: [...TOURISM, '바다 숲 조성'] },
];
