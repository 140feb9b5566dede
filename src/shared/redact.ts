/**
 * Contact details a person may have typed into free text (a summary, a case's story). Public files
 * never carry them, whatever was typed.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Korean numbers: 010-1234-5678, 02 123 4567, (031)123-4567, +82 10…, 1588-1234, with or without separators. */
const PHONE = /(?:\+82[\s.-]?|\b0)\(?\d{1,2}\)?[\s.-]?\d{3,4}[\s.-]?\d{4}\b|\b1[5-9]\d{2}[\s.-]?\d{4}\b/g;

export function redactContacts(text: string): string {
  return text.replace(EMAIL, '[이메일 가림]').replace(PHONE, '[전화번호 가림]');
}
