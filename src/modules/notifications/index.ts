export { createMailTransport, mailSendHandler, queueMail } from './mail.ts';
export { type Notice, notify, type Recipient, unreadCount } from './notices.ts';
