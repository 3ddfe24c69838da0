// Practical projects (办实事): a page of what member units did for whom and how many (by alliance, kind of beneficiary and
// title) with the people served in all, and for planners the form to register one for their unit.
import { get, post, idempotency } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { isPlanner } from './activities.js';
import { allianceSelect } from './projects.js';

export const beneficiaryKinds = ['residents', 'elderly', 'children', 'students', 'workers', 'enterprises', 'patients', 'others'];

/** A select of the alliance's current member units, filled when the alliance select changes. */
export function unitSelect(alliance, testid) {
  const select = h('select', { testid }, h('option', { value: '' }, t('meeting.pickAllianceFirst')));
  alliance.addEventListener('change', async () => {
    select.replaceChildren(h('option', { value: '' }, t('item.pickUnit')));
    if (!alliance.value) return;
    const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
    select.append(...data.members.filter((u) => !u.leftOn).map((u) => h('option', { value: u.id }, u.name)));
  });
  return select;
}

export function render(main, { user }) {
  let page = 1;
  const alliance = allianceSelect('practical-alliance', t('meetings.anyAlliance'));
  const kind = h('select', { testid: 'practical-kind', 'aria-label': t('practical.kind') }, h('option', { value: '' }, t('practical.anyKind')),
    ...beneficiaryKinds.map((k) => h('option', { value: k }, t(`beneficiaryKind.${k}`))));
  const list = h('div', {}, loading());
  for (const control of [alliance, kind]) control.addEventListener('change', () => { page = 1; load(); });
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('practical.title')), h('p', { class: 'page-status' }, t('practical.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, alliance, kind), list),
      isPlanner(user) ? h('div', { class: 'column-side' }, practicalForm(() => load())) : null));
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/practical-projects', { page, pageSize: 20, allianceId: alliance.value || undefined, beneficiaryKind: kind.value || undefined });
      if (!data.items.length) {
        list.replaceChildren(empty(t('practical.none')));
        return;
      }
      list.replaceChildren(h('p', { testid: 'practical-total' }, t('practical.served', { count: formatNumber(data.beneficiaryTotal) })), table({
        testid: 'practical-table',
        columns: [{ label: t('project.title') }, { label: t('practical.unit') }, { label: t('practical.kind') }, { label: t('practical.count'), num: true },
          { label: t('practical.doneOn') }],
        rows: data.items.map((p) => h('tr', { testid: 'practical-row' },
          h('td', {}, p.title, h('div', { class: 'muted' }, p.beneficiaries)),
          h('td', {}, p.unitName),
          h('td', {}, t(`beneficiaryKind.${p.beneficiaryKind}`)),
          h('td', { class: 'num' }, formatNumber(p.beneficiaryCount)),
          h('td', {}, p.doneOn))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function practicalForm(onSaved) {
  const keys = idempotency();
  const alliance = allianceSelect('practical-form-alliance', t('meeting.pickAlliance'));
  const unit = unitSelect(alliance, 'practical-unit');
  const title = h('input', { type: 'text', maxlength: '200', testid: 'practical-title' });
  const kind = h('select', { testid: 'practical-form-kind' }, h('option', { value: '' }, '—'), ...beneficiaryKinds.map((k) => h('option', { value: k }, t(`beneficiaryKind.${k}`))));
  const beneficiaries = h('input', { type: 'text', maxlength: '500', testid: 'practical-beneficiaries' });
  const count = h('input', { type: 'number', min: '1', testid: 'practical-count' });
  const doneOn = h('input', { type: 'date', testid: 'practical-done-on' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'practical-submit' }, t('practical.submit'));
  const form = h('form', { class: 'form card', testid: 'practical-form', novalidate: true }, h('h2', {}, t('practical.create')), h('div', { class: 'form-message' }),
    field({ label: t('project.alliance'), name: 'allianceId', control: alliance }),
    field({ label: t('practical.unit'), name: 'memberUnitId', control: unit }),
    field({ label: t('project.title'), name: 'title', control: title }),
    field({ label: t('practical.kind'), name: 'beneficiaryKind', control: kind }),
    field({ label: t('practical.beneficiaries'), name: 'beneficiaries', control: beneficiaries }),
    field({ label: t('practical.count'), name: 'beneficiaryCount', control: count }),
    field({ label: t('practical.doneOn'), name: 'doneOn', control: doneOn }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      allianceId: alliance.value || null, memberUnitId: unit.value || null, title: title.value.trim(), beneficiaryKind: kind.value || null,
      beneficiaries: beneficiaries.value.trim(), beneficiaryCount: count.value === '' ? null : Number(count.value), doneOn: doneOn.value || null,
    };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/practical-projects', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('practical.created', { title: saved.title })));
      onSaved();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
