import type { koNotifications } from './texts.ko.ts';

/** English texts of notices and the unread badge. */
export const enNotifications: Record<keyof typeof koNotifications, string> = {
  'nav.notifications': 'Notifications',
  'nav.notificationsUnread': ' unread',
  'notice.mailBody': '{message}\n\nDetails: {link}\n\nThis is a notification from Ieumteo.',
  'notice.title': 'Notifications',
  'notice.none': 'No notifications.',
  'notice.liveUnread': 'You have {count|one=# unread notification|other=# unread notifications}.',
  'notice.new': 'New',
  'notice.readAll': 'Mark all as read',
  'notice.allRead': 'All notifications marked as read.',
};
