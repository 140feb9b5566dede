import { getChoseong, romanize } from 'es-hangul';
import type { Locale } from '../../shared/i18n/index.ts';

/** The 시·도 as they call themselves in English. */
const PROVINCES_EN: Record<string, string> = {
  서울특별시: 'Seoul',
  부산광역시: 'Busan',
  대구광역시: 'Daegu',
  인천광역시: 'Incheon',
  광주광역시: 'Gwangju',
  대전광역시: 'Daejeon',
  울산광역시: 'Ulsan',
  세종특별자치시: 'Sejong',
  경기도: 'Gyeonggi-do',
  강원특별자치도: 'Gangwon State',
  충청북도: 'Chungcheongbuk-do',
  충청남도: 'Chungcheongnam-do',
  전북특별자치도: 'Jeonbuk State',
  전라남도: 'Jeollanam-do',
  경상북도: 'Gyeongsangbuk-do',
  경상남도: 'Gyeongsangnam-do',
  제주특별자치도: 'Jeju',
};

const UNITS: Record<string, string> = { 시: 'si', 군: 'gun', 구: 'gu', 도: 'do', 읍: 'eup', 면: 'myeon', 동: 'dong' };

/**
 * es-hangul romanizes by the standard pronunciation, including the ㄴ it inserts before 야·여
 * (안양 → Annyang), which place names do not take (Anyang, Namyangju, Tongyeong). So a name is
 * romanized in parts cut before each syllable that starts with a silent ㅇ, and a final ㄹ before
 * such a syllable is r (밀양 → Miryang), as it is said.
 */
function romanizePlace(stem: string): string {
  const parts: string[] = [];
  for (const [i, syllable] of [...stem].entries()) {
    if (i === 0 || getChoseong(syllable) === 'ㅇ') parts.push(syllable);
    else parts[parts.length - 1] += syllable;
  }
  return parts.map((part, i) => romanize(part).replace(/l$/, i < parts.length - 1 ? 'r' : 'l')).join('');
}

/**
 * A region's English name. Korean place names are written in English by the Revised Romanization,
 * the administrative unit hyphenated (종로구 → Jongno-gu, 수원시 → Suwon-si, 가평군 → Gapyeong-gun),
 * so a name is derived rather than stored: a district an operator adds or renames has its English
 * name at once. The 시·도 use their own English names.
 */
export function regionNameEn(name: string): string {
  const province = PROVINCES_EN[name];
  if (province) return province;
  return name
    .split(' ')
    .map((word) => {
      const unit = UNITS[word.at(-1) ?? ''];
      const stem = unit && word.length > 1 ? word.slice(0, -1) : word;
      const latin = romanizePlace(stem);
      return `${latin.charAt(0).toUpperCase()}${latin.slice(1)}${unit && word.length > 1 ? `-${unit}` : ''}`;
    })
    .join(' ');
}

/** A region's name in the reader's language. */
export function regionName(locale: Locale, name: string): string {
  return locale === 'en' ? regionNameEn(name) : name;
}
