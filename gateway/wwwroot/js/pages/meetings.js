// Joint meetings (联席会议): a page of an alliance's meetings (filtered by alliance, period and title, newest first) and,
// for planners, the form to record one: the alliance, title, time (China time), place, attending member units with the
// people who came for each, minutes, and optionally the activity it was held as.
import { get, post, put, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { isPlanner, formatGroupTime, groupLocal } from './activities.js';

/** Every page of a paged list. */
export async function pagedAll(path, query = {}) {
  const items = [];
  for (let page = 1; ; page++) {
    const data = await get(path, { ...query, page, pageSize: 200 });
    items.push(...data.items);
    if (!data.items.length || items.length >= data.total) return items;
  }
}

export function render(main, { query, user }) {
  let allianceId = query.get('allianceId') ?? '';
  let from = query.get('from') ?? '';
  let to = query.get('to') ?? '';
  let page = 1;
  const alliance = h('select', { testid: 'meetings-alliance', 'aria-label': t('meeting.alliance') }, h('option', { value: '' }, t('meetings.anyAlliance')));
  const fromInput = h('input', { type: 'date', testid: 'meetings-from', 'aria-label': t('meetings.from'), value: from });
  const toInput = h('input', { type: 'date', testid: 'meetings-to', 'aria-label': t('meetings.to'), value: to });
  const list = h('div', {}, loading());
  for (const control of [alliance, fromInput, toInput]) control.addEventListener('change', () => { page = 1; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('meetings.title')), h('p', { class: 'page-status' }, t('meetings.intro')),
      h('p', {}, h('a', { href: '/supervision', testid: 'to-board' }, t('meetings.toBoard')))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' },
        h('div', { class: 'toolbar form-inline' }, alliance, fromInput, toInput),
        list),
      isPlanner(user) ? h('div', { class: 'column-side' }, meetingForm({ onSaved: () => load() })) : null));

  pagedAll('/api/v1/alliances').then((alliances) => {
    alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    alliance.value = allianceId;
  }).catch(() => {});
  load();

  async function load() {
    allianceId = alliance.value || allianceId;
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/meetings', {
        page, pageSize: 20, allianceId: alliance.value || undefined, from: fromInput.value || undefined, to: toInput.value || undefined,
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('meetings.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'meetings-table',
        columns: [{ label: t('meeting.title') }, { label: t('meeting.when') }, { label: t('meeting.alliance') },
          { label: t('meeting.attendees') }, { label: t('meeting.items'), num: true }],
        rows: data.items.map((m) => h('tr', { testid: 'meeting-row' },
          h('td', {}, h('a', { href: `/meetings/${m.id}` }, m.title)),
          h('td', {}, formatGroupTime(m.startsAt)),
          h('td', {}, m.allianceName),
          h('td', {}, m.attendees.map((a) => a.name).join('、')),
          h('td', { class: 'num' }, String(m.decisionItemCount)))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

/**
 * The record form, or with `meeting` the revision form. Attendees are the alliance's current member units, ticked, each
 * with the names of the people who came (comma separated). Field errors land by the API's field names.
 */
export function meetingForm({ meeting = null, onSaved }) {
  const keys = idempotency();
  const title = h('input', { type: 'text', maxlength: '200', testid: 'meeting-title', value: meeting?.title ?? '' });
  const alliance = h('select', { testid: 'meeting-alliance', disabled: !!meeting }, h('option', { value: '' }, t('meeting.pickAlliance')));
  const startsAt = h('input', { type: 'datetime-local', testid: 'meeting-starts-at', value: meeting ? groupLocal(meeting.startsAt) : '' });
  const place = h('input', { type: 'text', maxlength: '200', testid: 'meeting-place', value: meeting?.place ?? '' });
  const minutes = h('textarea', { rows: '4', maxlength: '20000', testid: 'meeting-minutes' });
  minutes.value = meeting?.minutes ?? '';
  const attendees = h('div', { class: 'stack', testid: 'meeting-attendees' }, h('p', { class: 'muted' }, t('meeting.pickAllianceFirst')));
  let rows = [];

  async function loadMembers() {
    rows = [];
    if (!alliance.value) {
      attendees.replaceChildren(h('p', { class: 'muted' }, t('meeting.pickAllianceFirst')));
      return;
    }
    try {
      const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
      const present = new Map((meeting?.attendees ?? []).map((a) => [a.memberUnitId, a]));
      rows = data.members.filter((u) => !u.leftOn || present.has(u.id)).map((u) => {
        const tick = h('input', { type: 'checkbox', testid: 'meeting-attendee', value: u.id, checked: present.has(u.id) });
        const people = h('input', { type: 'text', testid: 'meeting-attendee-people', placeholder: t('meeting.people'),
          'aria-label': t('meeting.peopleOf', { name: u.name }), value: (present.get(u.id)?.people ?? []).join('，') });
        return { id: u.id, tick, people, element: h('div', { class: 'form-inline' }, h('label', { class: 'radio' }, tick, u.external ? `${u.name}（${t('activity.external')}）` : u.name), people) };
      });
      attendees.replaceChildren(...rows.map((r) => r.element));
    } catch (problem) {
      attendees.replaceChildren(problemBanner(problem));
    }
  }
  alliance.addEventListener('change', loadMembers);
  pagedAll('/api/v1/alliances').then(async (alliances) => {
    alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    if (meeting && !alliances.some((a) => a.id === meeting.allianceId)) alliance.append(h('option', { value: meeting.allianceId }, meeting.allianceName));
    alliance.value = meeting?.allianceId ?? '';
    if (alliance.value) await loadMembers();
  }).catch((problem) => form.querySelector('.form-message').replaceChildren(problemBanner(problem)));

  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'meeting-submit' }, meeting ? t('meeting.save') : t('meetings.submit'));
  const form = h('form', { class: 'form card', testid: meeting ? 'meeting-revise-form' : 'meeting-form', novalidate: true },
    h('h2', {}, meeting ? t('meeting.revise') : t('meetings.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('meeting.title'), name: 'title', control: title }),
    field({ label: t('meeting.alliance'), name: 'allianceId', control: alliance }),
    field({ label: t('meeting.startsAt'), name: 'startsAt', control: startsAt, hint: t('activities.timeZone') }),
    field({ label: t('meeting.place'), name: 'place', control: place }),
    h('div', { class: 'field', 'data-field': 'attendees' }, h('label', {}, t('meeting.attendees')), attendees,
      h('p', { class: 'field-hint' }, t('meeting.attendeesHint')),
      h('p', { class: 'field-error', testid: 'attendees-error', hidden: true })),
    field({ label: t('meeting.minutes'), name: 'minutes', control: minutes }),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: title.value.trim(), allianceId: alliance.value || null, startsAt: startsAt.value || null, place: place.value.trim(),
      minutes: minutes.value.trim() || null, activityId: meeting?.activityId ?? null,
      attendees: rows.filter((r) => r.tick.checked).map((r) => ({ memberUnitId: r.id,
        people: r.people.value.split(/[,，、]/).map((p) => p.trim()).filter((p) => p) })),
    };
    if (meeting) body.expectedVersion = meeting.version;
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => (meeting
        ? put(`/api/v1/meetings/${meeting.id}`, body)
        : post('/api/v1/meetings', body, keys.keyFor(body))));
      keys.done();
      if (!meeting) {
        title.value = '';
        minutes.value = '';
        form.querySelector('.form-message').replaceChildren(successBanner(t('meetings.created', { title: saved.title }), ' ',
          h('a', { href: `/meetings/${saved.id}`, testid: 'created-link' }, t('meetings.open'))));
      }
      onSaved(saved);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
