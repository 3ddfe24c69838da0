// One task list (任务清单): its tree of tasks and measures with the weighted progress the API rolls up (measure → task →
// list), overdue flags, the subordinate measures linked to each measure, its audit log; for those who may change it,
// forms to add a task or a measure and, per measure, to report progress (percent, note, evidence links).
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';
import { organizationPicker, today } from '../units.js';
import { formatGroupTime, isPlanner } from './activities.js';
import { progressBar } from './task-lists.js';

export function render(main, { params, user }) {
  const base = `/api/v1/task-lists/${encodeURIComponent(params.id)}`;
  const title = h('h1', {}, '');
  const body = h('div', {}, loading());
  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('taskLists.back') }, h('a', { href: '/task-lists', testid: 'back-to-task-lists' }, t('taskLists.back'))),
    h('div', { class: 'page-header' }, title),
    body);
  load();

  async function load(message) {
    try {
      const [list, history] = await Promise.all([get(base), get(`${base}/history`)]);
      show(list, history, message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  function show(l, history, message) {
    title.textContent = l.title;
    const saved = (text) => () => load(text);
    const mayReport = isPlanner(user);
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('dl', { class: 'details card', testid: 'task-list-details' },
            h('div', { class: 'detail-row' }, h('dt', {}, t('taskLists.owner')), h('dd', { testid: 'task-list-owner' }, t(`taskLists.owner.${l.ownerKind}`))),
            h('div', { class: 'detail-row' }, h('dt', {}, t('taskLists.year')), h('dd', {}, String(l.year))),
            h('div', { class: 'detail-row' }, h('dt', {}, t('taskLists.progress')), h('dd', {}, progressBar(l.progress, 'list-progress'),
              l.overdueCount ? h('span', { class: 'badge badge-overdue', testid: 'list-overdue' }, ` ${t('taskLists.overdueCount', { count: l.overdueCount })}`) : null))),
          h('section', { class: 'section' }, h('h2', {}, t('taskLists.tasks')),
            l.tasks.length ? h('ol', { class: 'tree', testid: 'task-tree' }, l.tasks.map((task) => h('li', { testid: 'task-node' },
              h('div', { class: 'tree-row' }, h('strong', { testid: 'task-title' }, task.title), ' ',
                h('span', { class: 'muted' }, t('taskLists.weightOf', { weight: task.weight })), ' ', progressBar(task.progress, 'task-progress')),
              task.measures.length ? h('ul', { class: 'tree' }, task.measures.map((m) => h('li', { testid: 'measure-node', class: m.overdue ? 'overdue' : null },
                h('div', { class: 'tree-row' }, h('span', { testid: 'measure-title' }, m.title), ' ',
                  h('span', { class: 'muted' }, `${m.responsibleName} · ${t('taskLists.supervisedBy', { name: m.supervisingName })} · ${t('taskLists.weightOf', { weight: m.weight })} · ${t('taskLists.dueOn', { date: m.dueOn })}`),
                  ' ', progressBar(m.progress, 'measure-progress'),
                  m.overdue ? h('span', { class: 'badge badge-overdue', testid: 'measure-overdue' }, ` ${t('taskLists.overdue')}`) : null),
                h('p', { class: 'muted' }, t('taskLists.targetOf', { target: m.targetText }), m.lastReportedOn ? ` · ${t('taskLists.lastReported', { date: m.lastReportedOn })}` : ''),
                m.linked.length ? h('ul', { class: 'plain', testid: 'linked-measures' }, m.linked.map((x) => h('li', { testid: 'linked-measure' },
                  h('a', { href: `/task-lists/${x.listId}` }, x.listTitle), ` · ${x.title} · `, progressBar(x.progress, 'linked-progress'),
                  x.overdue ? h('span', { class: 'badge badge-overdue' }, ` ${t('taskLists.overdue')}`) : null))) : null,
                mayReport ? progressForm(m, saved(t('taskLists.progressReported'))) : null))) : h('p', { class: 'muted' }, t('taskLists.noMeasures'))))) : empty(t('taskLists.noTasks'))),
          h('section', { class: 'section' }, h('h2', {}, t('meeting.history')),
            h('ol', { class: 'history-list', testid: 'task-list-history' }, history.map((c) => h('li', { testid: 'history-entry' },
              h('strong', {}, t(`taskLists.change.${c.kind}`)), ' ',
              h('span', { class: 'muted' }, `${c.changedBy} · ${t(`role.${c.changedByRole}`)} · ${formatGroupTime(c.changedAt)}`)))))),
        l.canChange ? h('div', { class: 'column-side stack' },
          taskForm(l, saved(t('taskLists.taskAdded'))),
          l.tasks.length ? measureForm(l, saved(t('taskLists.measureAdded'))) : null) : null)));
  }

  function formOf(testid, heading, controls, submitLabel, send, onSaved) {
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: `${testid}-submit` }, submitLabel);
    const form = h('form', { class: 'form card', testid, novalidate: true }, heading ? h('h2', {}, heading) : null, h('div', { class: 'form-message' }), ...controls,
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

  function taskForm(l, onSaved) {
    const title = h('input', { type: 'text', maxlength: '200', testid: 'task-title-input' });
    const weight = h('input', { type: 'number', min: '0', step: 'any', testid: 'task-weight' });
    return formOf('task-form', t('taskLists.addTask'),
      [field({ label: t('taskLists.taskTitle'), name: 'title', control: title }),
        field({ label: t('taskLists.weight'), name: 'weight', control: weight, hint: t('taskLists.weightHint') })],
      t('taskLists.addTask'),
      () => post(`${base}/tasks`, { title: title.value.trim(), weight: weight.value ? Number(weight.value) : null, expectedVersion: l.version }), onSaved);
  }

  function measureForm(l, onSaved) {
    const task = h('select', { testid: 'measure-task' }, ...l.tasks.map((x) => h('option', { value: x.id }, x.title)));
    const title = h('input', { type: 'text', maxlength: '200', testid: 'measure-title-input' });
    const responsible = organizationPicker({ name: 'responsibleOrganizationId', label: t('taskLists.responsible'), testid: 'measure-responsible' });
    const supervising = organizationPicker({ name: 'supervisingOrganizationId', label: t('taskLists.supervising'), testid: 'measure-supervising' });
    const weight = h('input', { type: 'number', min: '0', step: 'any', testid: 'measure-weight', value: '1' });
    const targetText = h('input', { type: 'text', maxlength: '500', testid: 'measure-target-text' });
    const targetValue = h('input', { type: 'number', step: 'any', testid: 'measure-target-value' });
    const targetUnit = h('input', { type: 'text', maxlength: '20', testid: 'measure-target-unit' });
    const dueOn = h('input', { type: 'date', testid: 'measure-due-on' });
    const linksTo = h('input', { type: 'text', testid: 'measure-links-to', placeholder: t('taskLists.linksToHint') });
    return formOf('measure-form', t('taskLists.addMeasure'),
      [field({ label: t('taskLists.task'), name: 'taskId', control: task }),
        field({ label: t('taskLists.measureTitle'), name: 'title', control: title }),
        responsible.element, supervising.element,
        field({ label: t('taskLists.weight'), name: 'weight', control: weight }),
        field({ label: t('taskLists.target'), name: 'targetText', control: targetText }),
        field({ label: t('taskLists.targetValue'), name: 'targetValue', control: targetValue }),
        field({ label: t('taskLists.targetUnit'), name: 'targetUnit', control: targetUnit }),
        field({ label: t('taskLists.due'), name: 'dueOn', control: dueOn }),
        field({ label: t('taskLists.linksTo'), name: 'linksToMeasureId', control: linksTo })],
      t('taskLists.addMeasure'),
      () => post(`${base}/tasks/${encodeURIComponent(task.value)}/measures`, {
        title: title.value.trim(), responsibleOrganizationId: responsible.value || null, supervisingOrganizationId: supervising.value || null,
        weight: weight.value ? Number(weight.value) : null, targetText: targetText.value.trim(), targetValue: targetValue.value ? Number(targetValue.value) : null,
        targetUnit: targetUnit.value.trim() || null, dueOn: dueOn.value || null, linksToMeasureId: linksTo.value.trim() || null, expectedVersion: l.version,
      }), onSaved);
  }

  function progressForm(m, onSaved) {
    const percent = h('input', { type: 'number', min: '0', max: '100', step: 'any', testid: 'progress-percent', value: String(m.progress) });
    const reportedOn = h('input', { type: 'date', testid: 'progress-reported-on', value: today() });
    const note = h('input', { type: 'text', maxlength: '2000', testid: 'progress-note' });
    const links = h('input', { type: 'text', testid: 'progress-links', placeholder: 'https://…' });
    const form = formOf('progress-form', null,
      [field({ label: t('taskLists.percent'), name: 'percent', control: percent }),
        field({ label: t('taskLists.reportedOn'), name: 'reportedOn', control: reportedOn }),
        field({ label: t('taskLists.note'), name: 'note', control: note }),
        field({ label: t('taskLists.evidenceLinks'), name: 'evidenceLinks[0]', control: links, hint: t('taskLists.evidenceHint') })],
      t('taskLists.report'),
      () => post(`${base}/measures/${m.id}/progress`, {
        percent: percent.value === '' ? null : Number(percent.value), reportedOn: reportedOn.value || null, note: note.value.trim() || null,
        evidenceLinks: links.value.split(/\s+/).filter((x) => x),
      }), onSaved);
    form.classList.add('form-compact');
    return form;
  }
}
