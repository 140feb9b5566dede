export { createMailTransport, mailSendHandler, queueMail } from './mail.ts';
