// One tackling project: its details and team, progress, milestones (overdue flagged) with their evidence files, outcome
// measures (typed: a number in a fixed unit), links to activities and problems, and its audit log; for those who may
// change it, forms to move its status, plan and reach milestones, upload evidence, record outcomes and set links.
import { get, post, put, postForm, downloadFile } from '../api.js';
import { t, formatPercent, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { formatGroupTime } from './activities.js';
import { projectStatuses, measureUnits } from './projects.js';

const moves = { planned: ['in-progress', 'cancelled'], 'in-progress': ['completed', 'suspended', 'cancelled'], suspended: ['in-progress', 'cancelled'] };

export function render(main, { params }) {
  const id = params.id;
  const base = `/api/v1/projects/${encodeURIComponent(id)}`;
  const title = h('h1', {}, '');
  const body = h('div', {}, loading());
  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('project.back') }, h('a', { href: '/projects', testid: 'back-to-projects' }, t('project.back'))),
    h('div', { class: 'page-header' }, title),
    body);
  load();

  async function load(message) {
    try {
      const [project, history] = await Promise.all([get(base), get(`${base}/history`)]);
      show(project, history, message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  function show(p, history, message) {
    title.textContent = p.title;
    const row = (label, value, testid) => h('div', { class: 'detail-row' }, h('dt', {}, label), h('dd', { testid }, value));
    const saved = (text) => () => load(text);
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('dl', { class: 'details card', testid: 'project-details' },
            row(t('project.status'), t(`projectStatus.${p.status}`), 'project-status'),
            row(t('project.category'), t(`projectCategory.${p.category}`), 'project-category-text'),
            row(t('project.year'), String(p.year), 'project-year-text'),
            row(t('project.organization'), p.organizationName, 'project-organization-name'),
            p.allianceId ? row(t('project.alliance'), h('a', { href: `/alliances/${p.allianceId}` }, p.allianceName), 'project-alliance-name') : null,
            p.leaderName ? row(t('project.leader'), p.leaderName, 'project-leader') : null,
            p.description ? row(t('project.description'), p.description, 'project-description-text') : null,
            row(t('project.progress'), `${formatPercent(p.progress)} · ${t('project.reachedOf', { reached: p.milestonesReached, total: p.milestones.length })}`,
              'project-progress-text')),
          h('section', { class: 'section' }, h('h2', {}, t('project.team')),
            p.team.length ? h('ul', { testid: 'project-team' }, p.team.map((m) => h('li', { testid: 'team-member' },
              `${m.name}（${m.unitName || '—'}）`, m.external ? ` · ${t('activity.external')}` : ''))) : empty(t('project.noTeam'))),
          h('section', { class: 'section' }, h('h2', {}, t('project.milestones')),
            p.milestones.length ? table({
              testid: 'milestones-table',
              columns: [{ label: t('project.milestone') }, { label: t('project.plannedOn') }, { label: t('project.reachedOn') }, { label: t('project.evidence') }],
              rows: p.milestones.map((m) => h('tr', { testid: 'milestone-row', class: m.overdue ? 'overdue' : null },
                h('td', {}, m.title, m.overdue ? h('span', { class: 'badge badge-overdue', testid: 'milestone-overdue' }, ` ${t('project.overdue')}`) : null),
                h('td', {}, m.plannedOn),
                h('td', { testid: 'milestone-reached' }, m.reachedOn ?? (p.canChange && p.status === 'in-progress' ? reachForm(p, m, saved(t('project.reached'))) : '—')),
                h('td', {}, h('ul', { class: 'plain' }, m.evidence.map((e) => h('li', {}, h('button', { type: 'button', class: 'link-button', testid: 'evidence-download',
                  onclick: () => downloadFile(`${base}/evidence/${e.id}`, e.fileName).catch((problem) => body.prepend(problemBanner(problem))) }, e.fileName)))),
                p.canChange ? evidenceForm(p, m, saved(t('project.evidenceAdded'))) : null))),
            }) : empty(t('project.noMilestones'))),
          h('section', { class: 'section' }, h('h2', {}, t('project.outcomes')),
            p.outcomes.length ? table({
              testid: 'outcomes-table',
              columns: [{ label: t('project.label') }, { label: t('project.value'), num: true }, { label: t('project.baseline'), num: true },
                { label: t('project.target'), num: true }, { label: t('project.recordedOn') }],
              rows: p.outcomes.map((o) => h('tr', { testid: 'outcome-row' },
                h('td', {}, o.label),
                h('td', { class: 'num' }, `${formatNumber(o.value)} ${t(`measureUnit.${o.unit}`)}`),
                h('td', { class: 'num' }, o.baseline === null ? '—' : formatNumber(o.baseline)),
                h('td', { class: 'num' }, o.target === null ? '—' : formatNumber(o.target)),
                h('td', {}, o.recordedOn))),
            }) : empty(t('project.noOutcomes'))),
          h('section', { class: 'section' }, h('h2', {}, t('project.links')),
            h('ul', { testid: 'project-links' },
              p.activityIds.map((a) => h('li', {}, h('a', { href: `/activities/${a}`, testid: 'linked-activity' }, t('project.activityLink', { id: a.slice(0, 8) })))),
              p.problemIds.map((x) => h('li', { testid: 'linked-problem' }, t('project.problemLink', { id: x.slice(0, 8) })))),
            p.activityIds.length || p.problemIds.length ? null : empty(t('project.noLinks'))),
          h('section', { class: 'section' }, h('h2', {}, t('meeting.history')),
            h('ol', { class: 'history-list', testid: 'project-history' }, history.map((c) => h('li', { testid: 'history-entry' },
              h('strong', {}, t(`projectChange.${c.kind}`)), ' ',
              h('span', { class: 'muted' }, `${c.changedBy} · ${t(`role.${c.changedByRole}`)} · ${formatGroupTime(c.changedAt)}`)))))),
        p.canChange ? h('div', { class: 'column-side stack' },
          statusForm(p, saved(t('project.statusChanged'))),
          p.status === 'completed' || p.status === 'cancelled' ? null : milestoneForm(p, saved(t('project.milestoneAdded'))),
          p.status === 'cancelled' ? null : outcomeForm(p, saved(t('project.outcomeRecorded'))),
          linksForm(p, saved(t('project.linksSaved')))) : null)));
  }

  function formOf(testid, heading, controls, submitLabel, send, onSaved) {
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: `${testid}-submit` }, submitLabel);
    const form = h('form', { class: 'form card', testid, novalidate: true }, h('h2', {}, heading), h('div', { class: 'form-message' }), ...controls,
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), send);
        onSaved();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function statusForm(p, onSaved) {
    const next = moves[p.status] ?? [];
    const status = h('select', { testid: 'project-next-status' }, h('option', { value: '' }, t('project.pickStatus')),
      ...next.map((s) => h('option', { value: s }, t(`projectStatus.${s}`))));
    const reason = h('input', { type: 'text', maxlength: '500', testid: 'project-reason' });
    if (!next.length) return h('p', { class: 'muted card', testid: 'project-closed' }, t('project.closed'));
    return formOf('project-status-form', t('project.changeStatus'),
      [field({ label: t('project.status'), name: 'status', control: status }), field({ label: t('project.reason'), name: 'reason', control: reason })],
      t('project.changeStatus'),
      () => post(`${base}/status`, { status: status.value || null, reason: reason.value.trim() || null, expectedVersion: p.version }), onSaved);
  }

  function milestoneForm(p, onSaved) {
    const title = h('input', { type: 'text', maxlength: '200', testid: 'milestone-title' });
    const plannedOn = h('input', { type: 'date', testid: 'milestone-planned-on' });
    return formOf('milestone-form', t('project.addMilestone'),
      [field({ label: t('project.milestone'), name: 'title', control: title }), field({ label: t('project.plannedOn'), name: 'plannedOn', control: plannedOn })],
      t('project.addMilestone'),
      () => post(`${base}/milestones`, { title: title.value.trim(), plannedOn: plannedOn.value || null, expectedVersion: p.version }), onSaved);
  }

  function reachForm(p, m, onSaved) {
    const on = h('input', { type: 'date', testid: 'milestone-reached-on', 'aria-label': t('project.reachedOn') });
    const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'milestone-reach' }, t('project.reach'));
    const form = h('form', { class: 'form-inline', novalidate: true }, h('div', { class: 'form-message' }),
      h('div', { class: 'field-inline', 'data-field': 'reachedon' }, on, h('p', { class: 'field-error', hidden: true })), submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => post(`${base}/milestones/${m.id}/reached`, { reachedOn: on.value || null, expectedVersion: p.version }));
        onSaved();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function evidenceForm(p, m, onSaved) {
    const file = h('input', { type: 'file', testid: 'evidence-file', 'aria-label': t('project.evidenceFor', { title: m.title }),
      accept: '.pdf,.png,.jpg,.jpeg,.gif,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.txt,.csv' });
    const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'evidence-upload' }, t('attachments.upload'));
    const form = h('form', { class: 'form-inline', novalidate: true }, h('div', { class: 'form-message' }),
      h('div', { class: 'field-inline', 'data-field': 'file' }, file, h('p', { class: 'field-error', hidden: true })), submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      if (!file.files.length) {
        showProblem(form, { title: t('attachments.choose'), errors: { file: [t('attachments.choose')] } });
        return;
      }
      try {
        await busy(submit, t('state.saving'), () => postForm(`${base}/milestones/${m.id}/evidence`, { file: file.files[0] }));
        onSaved();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function outcomeForm(p, onSaved) {
    const label = h('input', { type: 'text', maxlength: '100', testid: 'outcome-label' });
    const unit = h('select', { testid: 'outcome-unit' }, h('option', { value: '' }, t('project.pickUnit')),
      ...measureUnits.map((u) => h('option', { value: u }, t(`measureUnit.${u}`))));
    const number = (testid) => h('input', { type: 'number', step: 'any', testid });
    const value = number('outcome-value');
    const baseline = number('outcome-baseline');
    const target = number('outcome-target');
    const asNumber = (input) => (input.value === '' ? null : Number(input.value));
    return formOf('outcome-form', t('project.recordOutcome'),
      [field({ label: t('project.label'), name: 'label', control: label }), field({ label: t('project.unit'), name: 'unit', control: unit }),
        field({ label: t('project.value'), name: 'value', control: value }), field({ label: t('project.baseline'), name: 'baseline', control: baseline }),
        field({ label: t('project.target'), name: 'target', control: target })],
      t('project.recordOutcome'),
      () => post(`${base}/outcomes`, { label: label.value.trim(), unit: unit.value || null, value: asNumber(value), baseline: asNumber(baseline),
        target: asNumber(target), expectedVersion: p.version }), onSaved);
  }

  function linksForm(p, onSaved) {
    const activities = h('textarea', { rows: '2', testid: 'links-activities' });
    activities.value = p.activityIds.join('\n');
    const problems = h('textarea', { rows: '2', testid: 'links-problems' });
    problems.value = p.problemIds.join('\n');
    const ids = (input) => input.value.split(/[\s,，]+/).map((x) => x.trim()).filter((x) => x);
    return formOf('links-form', t('project.setLinks'),
      [field({ label: t('project.activityIds'), name: 'activityIds', control: activities, hint: t('project.idsHint') }),
        field({ label: t('project.problemIds'), name: 'problemIds', control: problems, hint: t('project.idsHint') })],
      t('project.setLinks'),
      () => put(`${base}/links`, { activityIds: ids(activities), problemIds: ids(problems), expectedVersion: p.version }), onSaved);
  }
}

export { projectStatuses };
