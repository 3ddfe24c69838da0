// The notification inbox: reminders, overdue notices and escalations for the user's scope, newest first; unread ones
// stand out and are marked read one by one or all at once (the bell in the header follows).
import { get, post } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, loading, empty, problemBanner, pager } from '../ui.js';

export function render(main, { query, navigate }) {
  const results = h('div', { class: 'results' });
  const unreadOnly = h('input', { type: 'checkbox', id: 'notifications-unread-only', testid: 'notifications-unread-only',
    checked: query.get('unread') === '1', onchange: () => load(1) });
  const markAll = h('button', { type: 'button', class: 'button button-secondary', testid: 'notifications-mark-all',
    onclick: async () => { await post('/api/v1/notifications/read-all', {}); changed(); load(1); } }, t('notifications.markAll'));
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('notifications.title')), markAll),
    h('div', { class: 'filters' }, unreadOnly, h('label', { for: 'notifications-unread-only' }, t('notifications.unreadOnly'))),
    results);
  load(1);

  function changed() {
    window.dispatchEvent(new CustomEvent('notifications-changed'));
  }

  async function load(page) {
    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/notifications', { page, pageSize: 20, unreadOnly: unreadOnly.checked });
      if (!data.items.length) {
        results.replaceChildren(empty(t('notifications.empty'), 'notifications-empty'));
        return;
      }
      results.replaceChildren(
        h('ul', { class: 'notifications', testid: 'notifications-list' }, data.items.map((n) => h('li', {
          class: n.read ? 'notification' : 'notification notification-unread', testid: 'notification', 'data-read': String(n.read), 'data-kind': n.kind },
          h('div', { class: 'notification-head' },
            h('span', { class: `badge badge-notice-${n.kind}` }, t(`notifications.kind.${n.kind}`)), ' ',
            h('strong', { testid: 'notification-title' }, n.title),
            h('span', { class: 'muted' }, ' · ', formatDateTime(n.createdAt))),
          h('p', { class: 'notification-text' }, n.text),
          h('div', { class: 'actions' },
            n.link ? h('a', { href: n.link, class: 'link', testid: 'notification-open' }, t('notifications.open')) : null,
            n.read ? h('span', { class: 'muted' }, t('notifications.read'))
              : h('button', { type: 'button', class: 'button button-ghost', testid: 'notification-mark-read',
                onclick: async () => { await post(`/api/v1/notifications/${n.id}/read`, {}); changed(); load(page); } }, t('notifications.markRead')))))),
        pager(data, load));
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: () => load(page) }));
    }
  }
}
