export { createMailTransport, DEMO_MAIL_DOMAIN, keepDemoMail, mailSendHandler, queueMail, rebaseDemoMail } from './mail.ts';
export { type Notice, notify, notifyInApp, type Recipient, unreadColumn } from './notices.ts';
export { notificationPages } from './notifications.pages.tsx';
