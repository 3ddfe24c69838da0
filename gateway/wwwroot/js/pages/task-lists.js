// Task lists (任务清单, issue 19): the lists the user sees (filtered by year and owner) with their weighted progress, and
// for planners the form to create one for the group, their subsidiary or an alliance.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { isPlanner } from './activities.js';
import { allianceSelect } from './projects.js';

export const ownerKinds = ['group', 'subsidiary', 'alliance'];

/** A weighted progress (0..100, as the API returns it) as a bar with its number. */
export function progressBar(percent, testid) {
  const value = Math.round(percent * 10) / 10;
  return h('span', { class: 'progress-with-value', testid },
    h('progress', { max: '100', value: String(value), 'aria-label': t('taskLists.progress') }), ` ${value}%`);
}

export function render(main, { user }) {
  let page = 1;
  const year = h('input', { type: 'number', min: '2000', max: '2100', testid: 'task-lists-year', 'aria-label': t('taskLists.year'),
    placeholder: t('taskLists.year') });
  const owner = h('select', { testid: 'task-lists-owner', 'aria-label': t('taskLists.owner') }, h('option', { value: '' }, t('taskLists.anyOwner')),
    ...ownerKinds.map((k) => h('option', { value: k }, t(`taskLists.owner.${k}`))));
  const search = h('input', { type: 'search', testid: 'task-lists-search', 'aria-label': t('taskLists.search'), placeholder: t('taskLists.search') });
  const list = h('div', {}, loading());
  for (const control of [year, owner]) control.addEventListener('change', () => { page = 1; load(); });
  search.addEventListener('input', () => { page = 1; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('taskLists.title')), h('p', { class: 'page-status' }, t('taskLists.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, year, owner, search), list),
      isPlanner(user) ? h('div', { class: 'column-side' }, createForm(user, () => load())) : null));
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/task-lists', {
        page, pageSize: 20, year: year.value || undefined, ownerKind: owner.value || undefined, search: search.value.trim() || undefined,
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('taskLists.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'task-lists-table',
        columns: [{ label: t('taskLists.listTitle') }, { label: t('taskLists.year'), num: true }, { label: t('taskLists.owner') },
          { label: t('taskLists.counts'), num: true }, { label: t('taskLists.progress') }],
        rows: data.items.map((l) => h('tr', { testid: 'task-list-row' },
          h('td', {}, h('a', { href: `/task-lists/${l.id}` }, l.title)),
          h('td', { class: 'num' }, String(l.year)),
          h('td', {}, t(`taskLists.owner.${l.ownerKind}`)),
          h('td', { class: 'num' }, t('taskLists.countsOf', { tasks: l.taskCount, measures: l.measureCount })),
          h('td', {}, progressBar(l.progress, 'task-list-progress'),
            l.overdueCount ? h('span', { class: 'badge badge-overdue', testid: 'task-list-overdue' }, ` ${t('taskLists.overdueCount', { count: l.overdueCount })}`) : null))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function createForm(user, onSaved) {
  const keys = idempotency();
  const title = h('input', { type: 'text', maxlength: '200', testid: 'task-list-title' });
  const year = h('input', { type: 'number', min: '2000', max: '2100', testid: 'task-list-year', value: String(new Date().getFullYear()) });
  const kinds = user.role === 'group-admin' ? ownerKinds : ['subsidiary', 'alliance'];
  const kind = h('select', { testid: 'task-list-owner-kind' }, ...kinds.map((k) => h('option', { value: k }, t(`taskLists.owner.${k}`))));
  const subsidiary = h('select', { testid: 'task-list-subsidiary' }, h('option', { value: '' }, t('taskLists.pickSubsidiary')));
  get('/api/v1/subsidiaries', { pageSize: 200 }).then((data) => {
    subsidiary.append(...data.items.map((s) => h('option', { value: s.id }, s.name)));
    if (user.subsidiaryId) subsidiary.value = user.subsidiaryId;
  }).catch(() => {});
  const alliance = allianceSelect('task-list-alliance', t('taskLists.pickAlliance'));
  const subsidiaryField = field({ label: t('taskLists.subsidiary'), name: 'subsidiaryId', control: subsidiary });
  const allianceField = field({ label: t('taskLists.alliance'), name: 'allianceId', control: alliance });
  const shown = () => {
    subsidiaryField.hidden = kind.value !== 'subsidiary';
    allianceField.hidden = kind.value !== 'alliance';
  };
  kind.addEventListener('change', shown);
  shown();
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'task-list-submit' }, t('taskLists.create'));
  const form = h('form', { class: 'form card', testid: 'task-list-form', novalidate: true },
    h('h2', {}, t('taskLists.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('taskLists.listTitle'), name: 'title', control: title }),
    field({ label: t('taskLists.year'), name: 'year', control: year }),
    field({ label: t('taskLists.owner'), name: 'ownerKind', control: kind }),
    subsidiaryField, allianceField,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: title.value.trim(), year: year.value ? Number(year.value) : null, ownerKind: kind.value,
      subsidiaryId: kind.value === 'subsidiary' ? subsidiary.value || null : null, allianceId: kind.value === 'alliance' ? alliance.value || null : null,
    };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/task-lists', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('taskLists.created', { title: saved.title }), ' ',
        h('a', { href: `/task-lists/${saved.id}`, testid: 'created-link' }, t('meetings.open'))));
      onSaved(saved);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
