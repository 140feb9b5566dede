/** What other modules may use of `opendata`. */
export { openDataPages } from './opendata.pages.tsx';
