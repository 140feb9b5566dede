/**
 * Korean, the interface's first language: the texts every page shares (layout, errors, forms), then
 * each module's own catalogue from its folder (`texts.ko.ts`). Every other language has exactly these keys.
 */
import { koAccounts } from '../../modules/accounts/texts.ko.ts';
import { koAdmin } from '../../modules/admin/texts.ko.ts';
import { koBriefings } from '../../modules/briefings/texts.ko.ts';
import { koDemands } from '../../modules/demands/texts.ko.ts';
import { koDiscovery } from '../../modules/discovery/texts.ko.ts';
import { koHome } from '../../modules/home/texts.ko.ts';
import { koMatches } from '../../modules/matches/texts.ko.ts';
import { koNotifications } from '../../modules/notifications/texts.ko.ts';
import { koOpendata } from '../../modules/opendata/texts.ko.ts';
import { koOrgs } from '../../modules/orgs/texts.ko.ts';
import { koRecognition } from '../../modules/recognition/texts.ko.ts';
import { koReviews } from '../../modules/reviews/texts.ko.ts';
import { koStats } from '../../modules/stats/texts.ko.ts';
import { koSubscriptions } from '../../modules/subscriptions/texts.ko.ts';
import { koTasks } from '../../modules/tasks/texts.ko.ts';
import { koForum } from '../../modules/forum/texts.ko.ts';
import { koSos } from '../../modules/sos/texts.ko.ts';
import { koApi } from '../../modules/api/texts.ko.ts';
import { koWebhooks } from '../../modules/webhooks/texts.ko.ts';

export const ko = {
  ...koAccounts,
  ...koAdmin,
  ...koBriefings,
  ...koDemands,
  ...koDiscovery,
  ...koHome,
  ...koMatches,
  ...koNotifications,
  ...koOpendata,
  ...koOrgs,
  ...koRecognition,
  ...koReviews,
  ...koStats,
  ...koSubscriptions,
  ...koTasks,
  ...koSos,
  ...koForum,
  ...koApi,
  ...koWebhooks,
  'site.name': '이음터',
  'site.tagline': '공공과 민간이 서로를 찾아 함께 일하는 협업 플랫폼',
  'site.titleSuffix': '이음터',
  'layout.skip': '본문 바로가기',
  'layout.mainNav': '주 메뉴',
  'layout.breadcrumb': '현재 위치',
  'layout.home': '홈',
  'layout.languageOther': 'English',
  'layout.account': '내 계정',
  'layout.login': '로그인',
  'layout.logout': '로그아웃',
  'layout.signup': '회원가입',
  'layout.admin': '운영 관리',
  'layout.footerOperator': '운영 기관 안내',
  'layout.footerAccessibility': '접근성 정책',
  'layout.footerPrivacy': '개인정보 처리방침',
  'layout.footerNote': '이음터는 누구나 설치해 쓸 수 있는 공개 소프트웨어입니다.',
  'page.operator': '운영 기관 안내',
  'page.operatorBody':
    '이 이음터는 행정안전부 협업이음터를 본떠 만든 공개 소프트웨어로 운영됩니다. 설치한 기관이 운영 주체가 되며, 문의는 운영 기관의 담당 부서로 해 주세요.',
  'page.accessibility': '접근성 정책',
  'page.accessibilityBody':
    '이음터는 한국형 웹 콘텐츠 접근성 지침(KWCAG 2.2)과 WCAG 2.1 AA를 지킵니다. 모든 화면은 키보드만으로, 화면 낭독기로, 자바스크립트 없이도 쓸 수 있고 320픽셀 너비의 휴대전화에서도 가로 스크롤 없이 보입니다. 불편한 점은 운영 기관에 알려 주세요.',
  'page.privacy': '개인정보 처리방침',
  'page.privacyBody':
    '이음터는 회원가입에 필요한 이메일 주소와 이름, 비밀번호의 해시값만 보관합니다. 비밀번호 원문은 저장하지 않습니다. 탈퇴하면 이메일과 이름은 즉시 지워지고, 작성한 글은 "탈퇴한 사용자"의 글로 남습니다.',
  'error.notFound': '요청하신 페이지를 찾을 수 없습니다.',
  'error.notFoundTitle': '페이지를 찾을 수 없습니다',
  'error.forbidden': '이 작업을 할 권한이 없습니다.',
  'error.forbiddenTitle': '권한이 없습니다',
  'error.csrf': '보안 확인 값이 맞지 않아 요청을 처리하지 않았습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.',
  'error.unauthenticated': '로그인이 필요합니다.',
  'error.validation': '입력한 내용을 확인해 주세요.',
  'error.formUnreadable': '보낸 양식을 읽을 수 없습니다. 전송이 중간에 끊겼거나 형식이 맞지 않습니다. 페이지를 새로 고친 뒤 다시 보내 주세요.',
  'error.formTooLarge': '보낸 양식에 항목이나 파일이 너무 많습니다. 파일은 한 번에 하나씩 올려 주세요.',
  'error.formTitle': '양식을 처리하지 못했습니다',
  'error.rateLimited': '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  'error.rateLimitedTitle': '잠시 후 다시 시도해 주세요',
  'error.server': '일시적인 문제로 요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.',
  'error.serverTitle': '일시적인 오류',
  'error.unavailable': '데이터베이스에 잠시 연결할 수 없어 요청을 처리하지 못했습니다. 아무것도 저장되지 않았으니, 브라우저의 뒤로 가기로 돌아가 잠시 후 다시 보내 주세요.',
  'error.savedCopy': '데이터베이스에 잠시 연결할 수 없어 {time}에 저장해 둔 화면을 보여 드립니다. 그 뒤의 변경은 빠져 있을 수 있고, 지금은 로그인하거나 저장할 수 없습니다.',
  'error.unsavedTitle': '저장하지 못했습니다',
  'error.unsaved': '데이터베이스에 잠시 연결할 수 없어 보내신 내용을 저장하지 못했습니다. 입력하신 내용은 이 화면에 그대로 있으니, 잠시 뒤 ‘다시 보내기’를 누르세요.',
  'error.unsavedRetype': '비밀번호와 첨부 파일은 다시 보내지 않습니다. 필요하면 원래 화면에서 다시 입력하세요.',
  'error.unsavedText': '입력한 내용 보기',
  'error.resend': '다시 보내기',
  'error.unavailableTitle': '잠시 이용할 수 없습니다',
  'error.back': '홈으로 가기',
  'form.errorSummary': '입력한 내용에 확인이 필요한 항목이 있습니다',
  'form.required': '필수',
  'form.submit': '저장',
  'field.required': '이 항목을 입력해 주세요.',
  'field.tooLong': '너무 깁니다. 더 짧게 써 주세요.',
  'field.emailInvalid': '이메일 주소 형식이 올바르지 않습니다. 예: name@example.go.kr',
  'field.urlInvalid': 'http:// 또는 https:// 로 시작하는 주소를 입력해 주세요.',
  'field.choiceInvalid': '목록에서 골라 주세요.',
  'pagination.label': '페이지 이동',
  'pagination.next': '다음 페이지',
  'pagination.prev': '처음으로',
  'pagination.queueHead': '먼저 처리할 {shown}건을 보여 줍니다. 처리하면 다음 건이 올라옵니다.',
  'form.restored': '보안 확인 시간이 지나(다른 창에서 로그아웃했거나 오래 머무르신 경우) 보내지 못했습니다. 쓰신 내용을 그대로 되살렸으니 확인하고 다시 보내 주세요. 첨부 파일은 다시 골라 주세요.',
  'field.dateInvalid': '날짜를 2026-12-31 형식으로 입력해 주세요.',
  'field.dateOutOfRange': '2000년 1월 1일부터 2099년 12월 31일 사이의 날짜를 입력해 주세요.',
  'field.phoneInvalid': '전화번호는 숫자와 -, +, 괄호로 입력해 주세요. 예: 044-205-1234',
} as const;
