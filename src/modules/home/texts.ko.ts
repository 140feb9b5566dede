/** Korean texts of the home page. */
export const koHome = {
  'home.title': '함께 일할 기관을 찾고, 협업을 끝까지 이어 갑니다',
  'home.lead': '공공기관과 민간 단체·기업이 서로 필요한 역량과 제공할 자원을 나누고, 협업을 성사시키는 곳입니다.',
  'home.statOrgs': '참여 기관',
  'home.stats': '이음터 현황',
  'home.newOrgs': '새로 참여한 기관',
  'home.noOrgs': '아직 등록된 기관이 없습니다.',
  'home.cta': '협업 수요 둘러보기',
  'home.ctaJoin': '우리 기관 등록하기',
  'home.statOpenDemands': '모집·협의 중인 수요과제',
  'home.statConcluded': '성사된 협업',
  'home.ctaPost': '수요과제 등록하기',
  'home.newDemands': '새로 올라온 협업 수요',
  'home.noDemands': '아직 게시된 수요과제가 없습니다.',
  'home.allDemands': '수요과제 전체 보기',
  'home.cases': '최근 성사 사례',
  'home.allCases': '성사 사례 전체 보기',
} as const;
