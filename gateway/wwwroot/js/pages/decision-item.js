// One decision item: what "done" means, owner and supervising units, due date, plan, state and today's colour, its
// history (states, colours, progress with evidence, escalations); for the owner unit a progress form (reaching
// milestones) and a claim; for the supervising unit verify, reject (reopen with a reason) and cancel with a reason.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';
import { formatGroupTime } from './activities.js';
import { stateBadge, colourBadge } from './supervision.js';

export function render(main, { params }) {
  const id = params.id;
  const title = h('h1', {}, '');
  const subtitle = h('p', { class: 'page-status' });
  const back = h('a', { href: '/supervision', testid: 'back-to-board' }, t('item.back'));
  const body = h('div', {}, loading());
  main.replaceChildren(h('nav', { class: 'breadcrumb', 'aria-label': t('item.back') }, back), h('div', { class: 'page-header' }, title, subtitle), body);
  load();

  async function load(message) {
    body.replaceChildren(loading());
    try {
      const [item, history] = await Promise.all([
        get(`/api/v1/decision-items/${encodeURIComponent(id)}`),
        get(`/api/v1/decision-items/${encodeURIComponent(id)}/history`),
      ]);
      show(item, history, message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  function show(i, history, message) {
    title.textContent = i.title;
    subtitle.replaceChildren(colourBadge(i.colour), ' ', stateBadge(i.state),
      i.behindPlan ? h('span', { class: 'badge badge-colour-yellow', testid: 'item-behind-plan' }, t('item.behindPlan')) : null,
      i.escalated ? h('span', { class: 'badge badge-colour-red', testid: 'item-escalated' }, t('item.escalated')) : null);
    const row = (label, value, testid) => h('div', { class: 'detail-row' }, h('dt', {}, label), h('dd', { testid }, value));
    const side = [];
    if (i.mayProgress && (i.state === 'open' || i.state === 'in-progress')) side.push(progressForm(i), claimForm(i));
    if (i.maySupervise && i.state === 'done') side.push(verifyForm(i), reasonForm(i, 'reject'));
    if (i.maySupervise && i.state !== 'verified' && i.state !== 'cancelled') side.push(reasonForm(i, 'cancel'));
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('dl', { class: 'details card', testid: 'item-details' },
            row(t('item.meeting'), h('a', { href: `/meetings/${i.meetingId}` }, i.meetingTitle), 'item-meeting'),
            row(t('meeting.alliance'), i.allianceName, 'item-alliance'),
            row(t('item.criteria'), i.acceptanceCriteria, 'item-criteria-text'),
            row(t('item.owner'), i.ownerPerson ? `${i.ownerName}（${i.ownerPerson}）` : i.ownerName, 'item-owner-name'),
            row(t('item.supervisor'), i.supervisorName, 'item-supervisor-name'),
            row(t('item.dueOn'), i.dueOn, 'item-due'),
            i.cancelReason ? row(t('item.cancelReason'), i.cancelReason, 'item-cancel-reason') : null),
          i.milestones.length ? h('section', { class: 'section' }, h('h2', {}, t('item.plan')),
            h('ol', { class: 'plain-list', testid: 'item-plan' }, i.milestones.map((m) => h('li', { testid: 'item-milestone' },
              `${m.title} · ${m.dueOn} · `, m.reachedOn ? t('item.reachedOn', { day: m.reachedOn }) : t('item.notReached'))))) : null,
          h('section', { class: 'section' }, h('h2', {}, t('item.history')), historyList(history))),
        side.length ? h('div', { class: 'column-side stack' }, side) : null)));
  }

  function historyList(history) {
    if (!history.length) return empty(t('item.noHistory'));
    return h('ol', { class: 'history-list', testid: 'item-history' }, history.map((e) => h('li', { testid: 'history-entry' },
      h('strong', {}, t(`entry.${e.kind}`)), ' ',
      // A partner is not shown who of the group acted (by is empty then): only the role.
      h('span', { class: 'muted' }, [e.by, t(`role.${e.byRole}`), formatGroupTime(e.at)].filter((x) => x).join(' · ')),
      e.fromState !== e.toState ? h('div', {}, t('item.stateLine', { from: t(`itemState.${e.fromState}`), to: t(`itemState.${e.toState}`) })) : null,
      e.fromColour !== e.toColour && e.kind !== 'recorded' ? h('div', {}, t('item.colourLine', { from: t(`colour.${e.fromColour}`), to: t(`colour.${e.toColour}`) })) : null,
      e.note ? h('p', { testid: 'entry-note' }, e.kind === 'escalated' ? t('item.escalatedTo', { name: e.note || t('item.noSecretary') }) : e.note) : null,
      e.links.length ? h('ul', {}, e.links.map((l) => h('li', {}, h('a', { href: l, target: '_blank', rel: 'noopener noreferrer' }, l)))) : null)));
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
        load(t('item.saved'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  const linksOf = (input) => input.value.split(/\s+/).map((l) => l.trim()).filter((l) => l);

  function progressForm(i) {
    const note = h('textarea', { rows: '3', maxlength: '4000', testid: 'progress-note' });
    const links = h('input', { type: 'text', testid: 'progress-links' });
    const reached = i.milestones.filter((m) => !m.reachedOn).map((m) => ({ m, tick: h('input', { type: 'checkbox', value: String(m.index), testid: 'progress-milestone' }) }));
    return smallForm({
      testid: 'progress-form', heading: t('item.progress'), submitLabel: t('item.progressSubmit'),
      fields: [field({ label: t('item.evidence'), name: 'note', control: note }),
        field({ label: t('item.links'), name: 'links', control: links, hint: t('item.linksHint') }),
        reached.length ? h('fieldset', { class: 'fieldset' }, h('legend', {}, t('item.milestonesReached')),
          reached.map((r) => h('label', { class: 'radio' }, r.tick, `${r.m.title} · ${r.m.dueOn}`))) : null],
      send: () => post(`/api/v1/decision-items/${i.id}/progress`, { note: note.value.trim(), links: linksOf(links),
        milestonesReached: reached.filter((r) => r.tick.checked).map((r) => r.m.index), expectedVersion: i.version }),
    });
  }

  function claimForm(i) {
    const note = h('textarea', { rows: '3', maxlength: '4000', testid: 'claim-note' });
    const links = h('input', { type: 'text', testid: 'claim-links' });
    return smallForm({
      testid: 'claim-form', heading: t('item.claim'), submitLabel: t('item.claimSubmit'),
      fields: [field({ label: t('item.evidence'), name: 'note', control: note, hint: t('item.claimHint') }),
        field({ label: t('item.links'), name: 'links', control: links, hint: t('item.linksHint') })],
      send: () => post(`/api/v1/decision-items/${i.id}/claim`, { note: note.value.trim(), links: linksOf(links), expectedVersion: i.version }),
    });
  }

  function verifyForm(i) {
    const note = h('input', { type: 'text', maxlength: '4000', testid: 'verify-note' });
    return smallForm({
      testid: 'verify-form', heading: t('item.verify'), submitLabel: t('item.verifySubmit'),
      fields: field({ label: t('item.verifyNote'), name: 'note', control: note }),
      send: () => post(`/api/v1/decision-items/${i.id}/verify`, { note: note.value.trim() || null, expectedVersion: i.version }),
    });
  }

  function reasonForm(i, action) {
    const reason = h('input', { type: 'text', maxlength: '500', testid: `${action}-reason` });
    return smallForm({
      testid: `${action}-form`, heading: t(`item.${action}`), submitLabel: t(`item.${action}Submit`),
      fields: field({ label: t('item.reason'), name: 'reason', control: reason }),
      send: () => post(`/api/v1/decision-items/${i.id}/${action}`, { reason: reason.value.trim(), expectedVersion: i.version }),
    });
  }
}
