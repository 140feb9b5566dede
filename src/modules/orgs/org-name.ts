/**
 * An organisation's name as compared for uniqueness: compatibility-normalised (NFKC: full-width
 * letters and the like fold to their plain forms), lower case, without white space — so "(주) 바퀴"
 * and "(주)바퀴" are one name. Migration 0016 computes the same for the rows it found.
 */
export function orgNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s/g, '');
}
