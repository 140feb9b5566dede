// Live notices, an enhancement: the header's unread count and, on the notification list, new notices
// follow the server's Server-Sent Events. Without this script every page shows the state it was loaded
// with. A hidden tab closes its stream, so background tabs never use up the browser's connections.
const badge = document.querySelector('[data-live-unread]');
const list = document.getElementById('notice-list');
let unread = Number(badge?.dataset.liveUnread ?? 0);
let after = list?.dataset.after;
let source = null;

function show(update) {
  badge.querySelector('.unread-count').textContent = update.unread > 99 ? '99+' : String(update.unread);
  badge.hidden = update.unread === 0;
  const readAll = document.getElementById('read-all');
  if (readAll) readAll.hidden = update.unread === 0;
  // Said aloud by screen readers only when something new arrived, not when notices were read.
  if (update.unread > unread) document.getElementById('live-status').textContent = update.label;
  unread = update.unread;
  if (list && update.items.length > 0) {
    document.getElementById('notice-empty')?.remove();
    list.insertAdjacentHTML('afterbegin', update.items.join(''));
  }
}

function connect() {
  source = new EventSource(after === undefined ? '/notifications/stream' : `/notifications/stream?after=${after}`);
  source.addEventListener('notices', (event) => {
    if (after !== undefined && event.lastEventId) after = event.lastEventId;
    show(JSON.parse(event.data));
  });
}

if (badge && 'EventSource' in window) {
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      source?.close();
      source = null;
    } else if (!source) connect();
  });
  if (!document.hidden) connect();
}
