// One activity: when and where, its hosts, type and measure, the alliance or pairing it serves, agenda and outcome, its
// history (who changed what), and for planners of a host's subsidiary (canChange): revise a planned one, record it as held
// with its outcome, revise a held one's outcome, or cancel a planned one with a reason. Its attendance (participants,
// check-in, the venue's code, exports, feed links) comes from activity-attendance.js.
import { get, post, put } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';
import { statusBadge, measureBadge, typeName, formatGroupTime, groupDay, activityForm } from './activities.js';
import { attachmentsSection } from './activity-attachments.js';
import { attendanceSections, partnerSections } from './activity-attendance.js';

export function render(main, { params, user }) {
  const id = params.id;
  const title = h('h1', {}, '');
  const subtitle = h('p', { class: 'page-status' });
  const body = h('div', {}, loading());

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('activity.back') },
      h('a', { href: '/activities', testid: 'back-to-activities' }, t('activity.back'))),
    h('div', { class: 'page-header' }, title, subtitle),
    body);

  load();

  async function load(message) {
    body.replaceChildren(loading());
    try {
      const [activity, history] = await Promise.all([
        get(`/api/v1/activities/${encodeURIComponent(id)}`),
        // Partners read the activity, not its audit log (who of the group changed what).
        user.role === 'partner' ? Promise.resolve(null) : get(`/api/v1/activities/${encodeURIComponent(id)}/history`),
      ]);
      show(activity, history, message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  function show(a, history, message) {
    title.textContent = a.title;
    subtitle.replaceChildren(statusBadge(a.status), ' ', measureBadge(a.measure));
    // Partners read the activity and check in at it; its participants and attendance stay internal.
    const attendance = user.role === 'partner' ? partnerSections(a) : attendanceSections(a, { reload: load });
    const side = [...attendance.side];
    if (a.canChange && a.status === 'planned') {
      side.push(heldForm(a), cancelForm(a), activityForm({ user, activity: a, onSaved: () => load(t('activity.saved')) }));
    } else if (a.canChange && a.status === 'held') {
      side.push(outcomeForm(a));
    }
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('section', {}, h('h2', {}, t('activity.details')), details(a)),
          attendance.main,
          attachmentsSection(a),
          history ? h('section', { class: 'section' }, h('h2', {}, t('activity.history')), historyList(history)) : null),
        side.length ? h('div', { class: 'column-side stack' }, side) : null)));
  }

  function details(a) {
    const row = (label, value, testid) => h('div', { class: 'detail-row' }, h('dt', {}, label), h('dd', { testid }, value));
    const sameDay = groupDay(a.startsAt) === groupDay(a.endsAt);
    return h('dl', { class: 'details card', testid: 'activity-details' },
      row(t('activity.when'), `${formatGroupTime(a.startsAt)} – ${formatGroupTime(a.endsAt, !sameDay)}`, 'activity-when'),
      row(t('activity.type'), typeName(a), 'activity-type-name'),
      row(t('activity.measure'), t(`measure.${a.measure}`), 'activity-measure-name'),
      row(t('activity.hosts'), a.hosts.map((x) => x.external ? `${x.name}（${t('activity.external')}）` : x.name).join('、'), 'activity-hosts'),
      a.allianceId ? row(t('activity.alliance'), h('a', { href: `/alliances/${a.allianceId}` }, a.allianceName), 'activity-alliance-name') : null,
      a.pairingId ? row(t('activity.pairing'), h('a', { href: `/pairings/${a.pairingId}` }, a.pairingTitle), 'activity-pairing-title') : null,
      row(t('activity.venue'), a.venue.serviceCenterId
        ? h('span', {}, h('a', { href: `/service-centers/${a.venue.serviceCenterId}` }, a.venue.name), ` · ${a.venue.address}`)
        : a.venue.address, 'activity-venue'),
      a.agenda ? row(t('activity.agenda'), a.agenda, 'activity-agenda-text') : null,
      a.outcomeNotes ? row(t('activity.outcomeNotes'), a.outcomeNotes, 'activity-outcome') : null,
      a.cancelReason ? row(t('activity.cancelReason'), a.cancelReason, 'activity-cancel-reason') : null,
      row(t('activity.createdBy'), `${a.createdBy} · ${formatGroupTime(a.createdAt)}`, 'activity-created-by'));
  }

  function historyList(history) {
    if (!history.length) return empty(t('activity.noHistory'));
    return h('ol', { class: 'history-list', testid: 'activity-history' }, history.map((c) => h('li', { testid: 'history-entry' },
      h('strong', {}, t(`change.${c.kind}`)), ' ',
      h('span', { class: 'muted' }, `${c.changedBy} · ${t(`role.${c.changedByRole}`)} · ${formatGroupTime(c.changedAt)}`),
      c.kind === 'scheduled' ? null : h('ul', {}, c.changes.map((f) => h('li', {},
        t('activity.changeLine', { field: t(`activityField.${f.field}`), from: fieldValue(f.field, f.oldValue), to: fieldValue(f.field, f.newValue) })))))));
  }

  // Statuses and measures travel as codes; the rest as the text that was stored.
  function fieldValue(name, value) {
    if (!value) return '—';
    if (name === 'status') return t(`activityStatus.${value}`);
    if (name === 'measure') return t(`measure.${value}`);
    return value;
  }

  function smallForm({ testid, heading, fields, submitLabel, send }) {
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: `${testid}-submit` }, submitLabel);
    const form = h('form', { class: 'form card', testid, novalidate: true },
      h('h2', {}, heading), h('div', { class: 'form-message' }), fields, h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), send);
        load(t('activity.saved'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function heldForm(a) {
    const notes = h('textarea', { rows: '3', maxlength: '8000', testid: 'held-notes' });
    return smallForm({
      testid: 'held-form', heading: t('activity.recordHeld'), submitLabel: t('activity.recordHeldSubmit'),
      fields: field({ label: t('activity.outcomeNotes'), name: 'outcomeNotes', control: notes, hint: t('activity.heldHint') }),
      send: () => post(`/api/v1/activities/${a.id}/held`, { outcomeNotes: notes.value.trim() || null, expectedVersion: a.version }),
    });
  }

  function outcomeForm(a) {
    const notes = h('textarea', { rows: '4', maxlength: '8000', testid: 'outcome-notes' });
    notes.value = a.outcomeNotes ?? '';
    return smallForm({
      testid: 'outcome-form', heading: t('activity.reviseOutcome'), submitLabel: t('activity.save'),
      fields: field({ label: t('activity.outcomeNotes'), name: 'outcomeNotes', control: notes }),
      send: () => put(`/api/v1/activities/${a.id}/outcome`, { outcomeNotes: notes.value.trim(), expectedVersion: a.version }),
    });
  }

  function cancelForm(a) {
    const reason = h('input', { type: 'text', maxlength: '500', testid: 'cancel-reason' });
    return smallForm({
      testid: 'cancel-form', heading: t('activity.cancel'), submitLabel: t('activity.cancelSubmit'),
      fields: field({ label: t('activity.cancelReason'), name: 'reason', control: reason, hint: t('activity.cancelHint') }),
      send: () => post(`/api/v1/activities/${a.id}/cancel`, { reason: reason.value.trim(), expectedVersion: a.version }),
    });
  }
}
