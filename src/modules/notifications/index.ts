export { createMailTransport, mailSendHandler, queueMail } from './mail.ts';
export { type Notice, notify, notifyInApp, type Recipient } from './notices.ts';
export { notificationPages } from './notifications.pages.tsx';
export { unreadBadge } from './unread-badge.ts';
