/** A few entries from the Big List of Naughty Strings: markup, SQL, control and odd Unicode. */
export const NAUGHTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE users; --",
  '\u202eevil\u202c',
  '𝕿𝖊𝖘𝖙 👨‍👩‍👧',
  '%00%0d%0a',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '{{7*7}}${7*7}',
];
