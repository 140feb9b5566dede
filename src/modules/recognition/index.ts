/** What other modules may use of `recognition`. */
export { recognitionPages } from './recognition.pages.tsx';
