// One joint meeting: when and where, attending units and people, minutes; its decision items with their colours and
// states; for planners of the alliance, a form to record a decision item (owner and supervising units among the
// alliance's member units, due date, plan of milestones) and the revision form.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';
import { formatGroupTime } from './activities.js';
import { meetingForm } from './meetings.js';
import { itemCard } from './supervision.js';

export function render(main, { params, user }) {
  const id = params.id;
  // Partners read the meeting and their own unit's items, not its audit log (who of the group changed what).
  const partner = user?.role === 'partner';
  const title = h('h1', {}, '');
  const body = h('div', {}, loading());
  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('meeting.back') }, h('a', { href: '/meetings', testid: 'back-to-meetings' }, t('meeting.back'))),
    h('div', { class: 'page-header' }, title),
    body);
  load();

  async function load(message) {
    body.replaceChildren(loading());
    try {
      const [meeting, items, history] = await Promise.all([
        get(`/api/v1/meetings/${encodeURIComponent(id)}`),
        get(`/api/v1/meetings/${encodeURIComponent(id)}/decision-items`, { pageSize: 200 }),
        partner ? Promise.resolve([]) : get(`/api/v1/meetings/${encodeURIComponent(id)}/history`),
      ]);
      show(meeting, items, history, message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  function show(m, items, history, message) {
    title.textContent = m.title;
    const row = (label, value, testid) => h('div', { class: 'detail-row' }, h('dt', {}, label), h('dd', { testid }, value));
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('dl', { class: 'details card', testid: 'meeting-details' },
            row(t('meeting.when'), formatGroupTime(m.startsAt), 'meeting-when'),
            row(t('meeting.alliance'), h('a', { href: `/alliances/${m.allianceId}` }, m.allianceName), 'meeting-alliance-name'),
            row(t('meeting.place'), m.place, 'meeting-place-text'),
            row(t('meeting.attendees'), m.attendees.map((a) => (a.people.length ? `${a.name}（${a.people.join('、')}）` : a.name)).join('；'), 'meeting-attendee-list'),
            m.minutes ? row(t('meeting.minutes'), m.minutes, 'meeting-minutes-text') : null,
            m.activityId ? row(t('meeting.activity'), h('a', { href: `/activities/${m.activityId}` }, t('meeting.openActivity')), 'meeting-activity') : null,
            partner ? null : row(t('activity.createdBy'), `${m.createdBy} · ${formatGroupTime(m.createdAt)}`, 'meeting-created-by')),
          h('section', { class: 'section' }, h('h2', {}, t(partner ? 'meeting.ownItems' : 'meeting.items')),
            items.items.length ? h('div', { class: 'stack', testid: 'meeting-items' }, items.items.map(itemCard)) : empty(t('meeting.noItems'))),
          partner ? null : h('section', { class: 'section' }, h('h2', {}, t('meeting.history')),
            h('ol', { class: 'history-list', testid: 'meeting-history' }, history.map((c) => h('li', { testid: 'history-entry' },
              h('strong', {}, t(`meetingChange.${c.kind}`)), ' ',
              h('span', { class: 'muted' }, `${c.changedBy} · ${t(`role.${c.changedByRole}`)} · ${formatGroupTime(c.changedAt)}`),
              c.kind === 'recorded' ? null : h('ul', {}, c.changes.map((f) => h('li', {},
                t('activity.changeLine', { field: t(`meetingField.${f.field}`), from: f.oldValue || '—', to: f.newValue || '—' }))))))))),
        m.canChange ? h('div', { class: 'column-side stack' },
          itemForm(m), meetingForm({ meeting: m, onSaved: () => load(t('meeting.saved')) })) : null)));
  }

  function itemForm(m) {
    const keys = idempotency();
    const units = (m.attendees.length ? m.attendees : []);
    const unitOptions = () => [h('option', { value: '' }, t('item.pickUnit')), ...units.map((u) => h('option', { value: u.memberUnitId }, u.name))];
    const itemTitle = h('input', { type: 'text', maxlength: '200', testid: 'item-title' });
    const criteria = h('textarea', { rows: '2', maxlength: '2000', testid: 'item-criteria' });
    const owner = h('select', { testid: 'item-owner' }, unitOptions());
    const ownerPerson = h('input', { type: 'text', maxlength: '100', testid: 'item-owner-person' });
    const dueOn = h('input', { type: 'date', testid: 'item-due-on' });
    const supervisor = h('select', { testid: 'item-supervisor' }, unitOptions());
    const milestones = h('div', { class: 'stack', testid: 'item-milestones' });
    const addMilestone = h('button', { type: 'button', class: 'button button-secondary', testid: 'item-milestone-add' }, t('item.addMilestone'));
    addMilestone.addEventListener('click', () => {
      const index = milestones.children.length;
      milestones.append(h('div', { class: 'form-inline', 'data-field': `milestones[${index}].dueon` },
        h('input', { type: 'text', maxlength: '200', testid: 'item-milestone-title', placeholder: t('item.milestoneTitle'), 'aria-label': t('item.milestoneTitle') }),
        h('input', { type: 'date', testid: 'item-milestone-due', 'aria-label': t('item.milestoneDue') }),
        h('p', { class: 'field-error', testid: `milestones[${index}].dueOn-error`, hidden: true })));
    });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'item-submit' }, t('item.submit'));
    const form = h('form', { class: 'form card', testid: 'item-form', novalidate: true },
      h('h2', {}, t('item.create')),
      h('div', { class: 'form-message' }),
      field({ label: t('item.title'), name: 'title', control: itemTitle }),
      field({ label: t('item.criteria'), name: 'acceptanceCriteria', control: criteria, hint: t('item.criteriaHint') }),
      field({ label: t('item.owner'), name: 'ownerMemberUnitId', control: owner }),
      field({ label: t('item.ownerPerson'), name: 'ownerPerson', control: ownerPerson }),
      field({ label: t('item.dueOn'), name: 'dueOn', control: dueOn }),
      field({ label: t('item.supervisor'), name: 'supervisorMemberUnitId', control: supervisor }),
      h('div', { class: 'field', 'data-field': 'milestones' }, h('label', {}, t('item.plan')), milestones, addMilestone,
        h('p', { class: 'field-hint' }, t('item.planHint')),
        h('p', { class: 'field-error', testid: 'milestones-error', hidden: true })),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        title: itemTitle.value.trim(), acceptanceCriteria: criteria.value.trim(), ownerMemberUnitId: owner.value || null,
        ownerPerson: ownerPerson.value.trim() || null, dueOn: dueOn.value || null, supervisorMemberUnitId: supervisor.value || null,
        milestones: [...milestones.children].map((row) => ({
          title: row.querySelector('[data-testid=item-milestone-title]').value.trim(),
          dueOn: row.querySelector('[data-testid=item-milestone-due]').value || null,
        })),
      };
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => post(`/api/v1/meetings/${m.id}/decision-items`, body, keys.keyFor(body)));
        keys.done();
        load(t('item.created', { title: body.title }));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}
