export { apiPages, apiSelf } from './api.pages.tsx';
export { apiPlumbing, apiV1 } from './api-v1.ts';
