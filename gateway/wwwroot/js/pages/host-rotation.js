// An alliance's rotating host (活动轮办): for a year, which member unit hosts which month, with the activities each
// month's host produced and the month's state. Planners of the lead subsidiary set the whole year in one form.
import { get, put } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, loading, problemBanner, showProblem, clearProblem, busy, table, successBanner } from '../ui.js';

export function hostRotationSection(alliance) {
  const thisYear = new Date().getFullYear();
  const year = h('select', { testid: 'rotation-year', 'aria-label': t('hostRotation.year') },
    [thisYear - 1, thisYear, thisYear + 1].map((y) => h('option', { value: y, selected: y === thisYear }, String(y))));
  const body = h('div', {}, loading());
  const element = h('section', { class: 'section', testid: 'host-rotation' },
    h('div', { class: 'section-header' }, h('h2', {}, t('hostRotation.title')), year),
    h('p', { class: 'muted' }, t('hostRotation.intro')),
    body);
  year.addEventListener('change', () => load());
  load();
  return element;

  async function load(message) {
    body.replaceChildren(loading());
    try {
      const rotation = await get(`/api/v1/alliances/${alliance.id}/host-rotation/${year.value}`);
      body.replaceChildren(...(message ? [message] : []), rotation.canChange ? form(rotation) : view(rotation));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  function produced(slot) {
    if (!slot) return null;
    return h('span', {},
      h('span', { class: `badge badge-rotation-${slot.state}`, testid: 'rotation-state' }, t(`hostRotation.state.${slot.state}`)), ' ',
      slot.activities.map((a) => h('a', { href: `/activities/${a.id}`, class: 'rotation-activity', testid: 'rotation-activity' },
        `${a.title}（${t(`activityStatus.${a.status}`)}）`)));
  }

  function view(rotation) {
    if (!rotation.exists) return h('p', { class: 'muted', testid: 'rotation-empty' }, t('hostRotation.none'));
    return table({
      testid: 'rotation-table',
      columns: [{ label: t('hostRotation.month') }, { label: t('hostRotation.host') }, { label: t('hostRotation.produced') }],
      rows: rotation.slots.map((s) => h('tr', { testid: 'rotation-row', 'data-month': s.month },
        h('th', { scope: 'row' }, t('hostRotation.monthName', { month: formatNumber(s.month) })),
        h('td', {}, s.name, s.note ? h('span', { class: 'muted' }, ` · ${s.note}`) : null),
        h('td', {}, produced(s)))),
    });
  }

  function form(rotation) {
    const current = alliance.members.filter((m) => !m.leftOn);
    const bySlot = new Map(rotation.slots.map((s) => [s.month, s]));
    const rows = Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
      const slot = bySlot.get(month);
      const unit = h('select', { testid: 'rotation-unit', 'data-month': month, 'aria-label': t('hostRotation.hostOf', { month }) },
        h('option', { value: '' }, t('hostRotation.noHost')),
        current.map((m) => h('option', { value: m.id, selected: slot?.memberUnitId === m.id }, m.name)));
      const note = h('input', { type: 'text', maxlength: 200, value: slot?.note ?? '', testid: 'rotation-note', 'data-month': month,
        'aria-label': t('hostRotation.noteOf', { month }) });
      return { month, unit, note, row: h('tr', { testid: 'rotation-row', 'data-month': month },
        h('th', { scope: 'row' }, t('hostRotation.monthName', { month: formatNumber(month) })),
        h('td', {}, unit), h('td', {}, note), h('td', {}, produced(slot))) };
    });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'rotation-save' }, t('hostRotation.save'));
    const element = h('form', { class: 'form', testid: 'rotation-form', novalidate: true },
      h('div', { class: 'form-message' }),
      table({ testid: 'rotation-table',
        columns: [{ label: t('hostRotation.month') }, { label: t('hostRotation.host') }, { label: t('hostRotation.note') }, { label: t('hostRotation.produced') }],
        rows: rows.map((r) => r.row) }),
      h('div', { class: 'form-actions' }, submit));
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(element);
      const slots = rows.filter((r) => r.unit.value)
        .map((r) => ({ month: r.month, memberUnitId: r.unit.value, note: r.note.value.trim() || null }));
      try {
        await busy(submit, t('state.saving'), () => put(`/api/v1/alliances/${alliance.id}/host-rotation/${year.value}`,
          { slots, expectedVersion: rotation.version }));
        load(successBanner(t('hostRotation.saved')));
      } catch (problem) {
        showProblem(element, problem);
      }
    });
    return element;
  }
}
