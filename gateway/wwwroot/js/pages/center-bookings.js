// A service center's bookings (场地预约): the activities held at it, coming or past, a page at a time. An activity books
// the center when it is scheduled there; the activity service refuses a second booking of the same time (issue 18).
import { get } from '../api.js';
import { t } from '../i18n.js';
import { h, loading, empty, problemBanner, table, pager } from '../ui.js';
import { formatGroupTime, statusBadge } from './activities.js';
import { today } from '../units.js';

export function centerBookingsSection(center) {
  const box = h('div', { testid: 'center-bookings' }, loading());
  const when = h('select', { testid: 'center-bookings-when', 'aria-label': t('bookings.when') },
    ['coming', 'past'].map((v) => h('option', { value: v }, t(`bookings.${v}`))));
  when.addEventListener('change', () => show(1));
  show(1);
  return h('section', { class: 'section' },
    h('div', { class: 'section-header' }, h('h2', {}, t('bookings.title')), when),
    h('p', { class: 'muted' }, t('bookings.intro')),
    box);

  async function show(page) {
    // Days on the group's calendar: coming from today on, past up to yesterday (the list's `to` is inclusive).
    const day = today();
    const yesterday = new Date(Date.parse(`${day}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    const coming = when.value === 'coming';
    try {
      const data = await get('/api/v1/activities', {
        serviceCenterId: center.id, page, pageSize: 20, sort: coming ? 'starts' : '-starts', ...(coming ? { from: day } : { to: yesterday }),
      });
      box.replaceChildren(data.items.length
        ? h('div', {},
          table({
            testid: 'center-bookings-table',
            columns: [{ label: t('activity.when') }, { label: t('activity.title') }, { label: t('activity.hosts') }, { label: t('activity.status') }],
            rows: data.items.map((a) => h('tr', { testid: 'center-booking-row', 'data-activity-id': a.id },
              h('td', {}, `${formatGroupTime(a.startsAt)} – ${formatGroupTime(a.endsAt, false)}`),
              h('th', { scope: 'row' }, h('a', { href: `/activities/${a.id}` }, a.title)),
              h('td', { class: 'muted' }, a.hosts.map((x) => x.name).join('、')),
              h('td', {}, statusBadge(a.status)))),
          }),
          data.total > data.pageSize ? pager(data, show) : null)
        : empty(t(coming ? 'bookings.noneComing' : 'bookings.nonePast'), 'center-bookings-empty'));
    } catch (problem) {
      box.replaceChildren(problemBanner(problem, { onRetry: () => show(page) }));
    }
  }
}
