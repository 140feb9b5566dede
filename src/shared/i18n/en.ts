import { enAccounts } from '../../modules/accounts/texts.en.ts';
import { enAdmin } from '../../modules/admin/texts.en.ts';
import { enBriefings } from '../../modules/briefings/texts.en.ts';
import { enDemands } from '../../modules/demands/texts.en.ts';
import { enDiscovery } from '../../modules/discovery/texts.en.ts';
import { enHome } from '../../modules/home/texts.en.ts';
import { enMatches } from '../../modules/matches/texts.en.ts';
import { enNotifications } from '../../modules/notifications/texts.en.ts';
import { enOpendata } from '../../modules/opendata/texts.en.ts';
import { enOrgs } from '../../modules/orgs/texts.en.ts';
import { enRecognition } from '../../modules/recognition/texts.en.ts';
import { enReviews } from '../../modules/reviews/texts.en.ts';
import { enStats } from '../../modules/stats/texts.en.ts';
import { enSubscriptions } from '../../modules/subscriptions/texts.en.ts';
import { enTasks } from '../../modules/tasks/texts.en.ts';
import { enForum } from '../../modules/forum/texts.en.ts';
import { enSos } from '../../modules/sos/texts.en.ts';
import { enApi } from '../../modules/api/texts.en.ts';
import { enWebhooks } from '../../modules/webhooks/texts.en.ts';
import type { ko } from './ko.ts';

/** English: the shared texts, then each module's `texts.en.ts`. */
export const en: Record<keyof typeof ko, string> = {
  ...enAccounts,
  ...enAdmin,
  ...enBriefings,
  ...enDemands,
  ...enDiscovery,
  ...enHome,
  ...enMatches,
  ...enNotifications,
  ...enOpendata,
  ...enOrgs,
  ...enRecognition,
  ...enReviews,
  ...enStats,
  ...enSubscriptions,
  ...enTasks,
  ...enSos,
  ...enForum,
  ...enApi,
  ...enWebhooks,
  'site.name': 'Ieumteo',
  'site.tagline': 'Where public bodies and private organisations find each other and work together',
  'site.titleSuffix': 'Ieumteo',
  'layout.skip': 'Skip to content',
  'layout.mainNav': 'Main menu',
  'layout.breadcrumb': 'You are here',
  'layout.home': 'Home',
  'layout.languageOther': '한국어',
  'layout.account': 'My account',
  'layout.login': 'Sign in',
  'layout.logout': 'Sign out',
  'layout.signup': 'Sign up',
  'layout.admin': 'Administration',
  'layout.footerOperator': 'Who runs this site',
  'layout.footerAccessibility': 'Accessibility',
  'layout.footerPrivacy': 'Privacy policy',
  'layout.footerNote': 'Ieumteo is open-source software anyone may install.',
  'page.operator': 'Who runs this site',
  'page.operatorBody':
    'This Ieumteo runs on open-source software modelled on the Korean government\'s collaboration platform. The installing body operates it; please contact its responsible department.',
  'page.accessibility': 'Accessibility',
  'page.accessibilityBody':
    'Ieumteo follows KWCAG 2.2 and WCAG 2.1 AA. Every page works with a keyboard alone, with a screen reader, without JavaScript, and on a 320-pixel-wide phone without sideways scrolling. Please tell the operator about any barrier.',
  'page.privacy': 'Privacy policy',
  'page.privacyBody':
    'Ieumteo keeps only the email address, name and a hash of the password needed for an account, never the password itself. When you delete your account, your email and name are erased at once; your posts remain under "Deleted user".',
  'error.notFound': 'We could not find the page you asked for.',
  'error.notFoundTitle': 'Page not found',
  'error.forbidden': 'You are not allowed to do this.',
  'error.forbiddenTitle': 'Not allowed',
  'error.csrf': 'The security check failed, so nothing was done. Reload the page and try again.',
  'error.unauthenticated': 'Please sign in first.',
  'error.validation': 'Please check what you entered.',
  'error.formUnreadable': 'The form you sent could not be read: it was cut off or malformed. Reload the page and send it again.',
  'error.formTooLarge': 'The form you sent has too many fields or files. Upload one file at a time.',
  'error.formTitle': 'The form could not be processed',
  'error.rateLimited': 'Too many requests. Please try again shortly.',
  'error.rateLimitedTitle': 'Please try again shortly',
  'error.server': 'A temporary problem stopped us handling your request. Please try again shortly.',
  'error.serverTitle': 'Temporary error',
  'error.unavailable': 'The database cannot be reached for a moment, so nothing was saved. Go back in your browser and send it again shortly.',
  'error.savedCopy': 'The database cannot be reached for a moment, so this is the page as saved at {time}. Later changes may be missing, and signing in and saving are not possible right now.',
  'error.unsavedTitle': 'Not saved',
  'error.unsaved': 'The database cannot be reached for a moment, so what you sent was not saved. Your text is kept on this page: press “Send again” shortly.',
  'error.unsavedRetype': 'Passwords and attached files are not sent again; enter them on the original page if they are needed.',
  'error.unsavedText': 'Show what you entered',
  'error.resend': 'Send again',
  'error.unavailableTitle': 'Briefly unavailable',
  'error.back': 'Go to the home page',
  'form.errorSummary': 'Some answers need your attention',
  'form.required': 'required',
  'form.submit': 'Save',
  'field.required': 'Please fill this in.',
  'field.tooLong': 'This is too long; please shorten it.',
  'field.emailInvalid': 'Enter an email address like name@example.go.kr',
  'field.urlInvalid': 'Enter an address starting with http:// or https://',
  'field.choiceInvalid': 'Please pick one from the list.',
  'pagination.label': 'Pages',
  'pagination.next': 'Next page',
  'pagination.prev': 'Back to the first page',
  'pagination.queueHead': 'The first {shown} to handle are shown; the next come up as these are handled.',
  'form.restored': 'This could not be sent: the security check had expired (signed out in another window, or the page was open a long time). What you typed is back; check it and send it again. Attachments need choosing again.',
  'field.dateInvalid': 'Enter a date like 2026-12-31.',
  'field.dateOutOfRange': 'Enter a date from 1 January 2000 to 31 December 2099.',
  'field.phoneInvalid': 'Use digits, -, + and brackets, e.g. 044-205-1234.',
};
