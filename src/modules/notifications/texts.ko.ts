/** Korean texts of notices and the unread badge. */
export const koNotifications = {
  'nav.notifications': '알림',
  'nav.notificationsUnread': '건 읽지 않음',
  'notice.mailBody': '{message}\n\n자세히 보기: {link}\n\n이 메일은 이음터 알림입니다.',
  'notice.title': '알림',
  'notice.none': '알림이 없습니다.',
  'notice.liveUnread': '읽지 않은 알림이 {count}건 있습니다.',
  'notice.new': '새 알림',
  'notice.readAll': '모두 읽음으로 표시',
  'notice.allRead': '모든 알림을 읽음으로 표시했습니다.',
} as const;
