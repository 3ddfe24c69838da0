// Shared results (成果共享): a page of results member units published to their alliances (by alliance and kind, most
// reused first on request) with how often each was reused, a form per result to record a reuse by a unit, and for
// planners the form to share one.
import { get, post, idempotency } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { isPlanner } from './activities.js';
import { allianceSelect } from './projects.js';
import { unitSelect } from './practical-projects.js';

export const resultKinds = ['method', 'course', 'venue', 'mechanism', 'case', 'tool'];

export function render(main, { user }) {
  let page = 1;
  const alliance = allianceSelect('results-alliance', t('meetings.anyAlliance'));
  const kind = h('select', { testid: 'results-kind', 'aria-label': t('results.kind') }, h('option', { value: '' }, t('results.anyKind')),
    ...resultKinds.map((k) => h('option', { value: k }, t(`resultKind.${k}`))));
  const sort = h('select', { testid: 'results-sort', 'aria-label': t('results.sort') },
    h('option', { value: '-shared' }, t('results.newest')), h('option', { value: '-reuses' }, t('results.mostReused')));
  const list = h('div', {}, loading());
  for (const control of [alliance, kind, sort]) control.addEventListener('change', () => { page = 1; load(); });
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('results.title')), h('p', { class: 'page-status' }, t('results.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, alliance, kind, sort), list),
      isPlanner(user) ? h('div', { class: 'column-side' }, shareForm(() => load())) : null));
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/shared-results', { page, pageSize: 20, allianceId: alliance.value || undefined, kind: kind.value || undefined, sort: sort.value });
      if (!data.items.length) {
        list.replaceChildren(empty(t('results.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'results-table',
        columns: [{ label: t('project.title') }, { label: t('results.kind') }, { label: t('practical.unit') }, { label: t('results.sharedOn') },
          { label: t('results.reuses'), num: true }],
        rows: data.items.map((r) => h('tr', { testid: 'result-row' },
          h('td', {}, r.title, h('div', { class: 'muted' }, r.allianceName), r.canRecordReuse ? reuseForm(r) : null),
          h('td', {}, t(`resultKind.${r.kind}`)),
          h('td', {}, r.unitName),
          h('td', {}, r.sharedOn),
          h('td', { class: 'num', testid: 'result-reuses' }, formatNumber(r.reuseCount)))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function reuseForm(r) {
    const keys = idempotency();
    const unit = h('select', { testid: 'reuse-unit', 'aria-label': t('practical.unit') }, h('option', { value: '' }, t('item.pickUnit')));
    get(`/api/v1/alliances/${encodeURIComponent(r.allianceId)}`).then((data) =>
      unit.append(...data.members.filter((u) => !u.leftOn && u.id !== r.memberUnitId).map((u) => h('option', { value: u.id }, u.name)))).catch(() => {});
    const on = h('input', { type: 'date', testid: 'reuse-on', 'aria-label': t('results.reusedOn') });
    const how = h('input', { type: 'text', maxlength: '1000', testid: 'reuse-how', placeholder: t('results.how'), 'aria-label': t('results.how') });
    const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'reuse-submit' }, t('results.recordReuse'));
    const form = h('form', { class: 'form-inline', testid: 'reuse-form', novalidate: true }, h('div', { class: 'form-message' }),
      h('div', { 'data-field': 'memberunitid' }, unit, h('p', { class: 'field-error', hidden: true })),
      h('div', { 'data-field': 'reusedon' }, on, h('p', { class: 'field-error', hidden: true })),
      h('div', { 'data-field': 'how' }, how, h('p', { class: 'field-error', hidden: true })), submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { memberUnitId: unit.value || null, reusedOn: on.value || null, how: how.value.trim() };
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => post(`/api/v1/shared-results/${r.id}/reuses`, body, keys.keyFor(body)));
        keys.done();
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}

function shareForm(onSaved) {
  const keys = idempotency();
  const alliance = allianceSelect('result-alliance', t('meeting.pickAlliance'));
  const unit = unitSelect(alliance, 'result-unit');
  const kind = h('select', { testid: 'result-kind' }, h('option', { value: '' }, '—'), ...resultKinds.map((k) => h('option', { value: k }, t(`resultKind.${k}`))));
  const title = h('input', { type: 'text', maxlength: '200', testid: 'result-title' });
  const description = h('textarea', { rows: '3', maxlength: '4000', testid: 'result-description' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'result-submit' }, t('results.submit'));
  const form = h('form', { class: 'form card', testid: 'result-form', novalidate: true }, h('h2', {}, t('results.create')), h('div', { class: 'form-message' }),
    field({ label: t('project.alliance'), name: 'allianceId', control: alliance }),
    field({ label: t('practical.unit'), name: 'memberUnitId', control: unit }),
    field({ label: t('results.kind'), name: 'kind', control: kind }),
    field({ label: t('project.title'), name: 'title', control: title }),
    field({ label: t('project.description'), name: 'description', control: description }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { allianceId: alliance.value || null, memberUnitId: unit.value || null, kind: kind.value || null, title: title.value.trim(),
      description: description.value.trim() || null };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/shared-results', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('results.created', { title: saved.title })));
      onSaved();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
