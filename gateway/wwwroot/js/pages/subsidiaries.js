// Subsidiaries: a paged, searchable table and, for the group admin, a create form.
import { get, post, idempotency } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager, table }
  from '../ui.js';

const pageSize = 20;
const searchDelayMilliseconds = 300;

export function render(main, { query, user, onLeave }) {
  let page = Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
  let search = query.get('search') ?? '';
  let latest = 0;

  const searchBox = h('input', { type: 'search', class: 'search', testid: 'subsidiary-search', value: search,
    placeholder: t('subsidiaries.search'), 'aria-label': t('subsidiaries.search') });
  const results = h('div', { class: 'results' });

  let searchTimer = null;
  searchBox.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { search = searchBox.value.trim(); page = 1; load(); }, searchDelayMilliseconds);
  });
  onLeave(() => clearTimeout(searchTimer));

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('subsidiaries.title'))),
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, h('div', { class: 'toolbar' }, searchBox), results),
      user.role === 'group-admin' ? createForm(() => { page = 1; load(); }) : null));

  load();

  async function load() {
    const ticket = ++latest;
    // The address keeps page and search, so reload and back return to the same view.
    const params = new URLSearchParams();
    if (page > 1) params.set('page', page);
    if (search) params.set('search', search);
    history.replaceState(null, '', `/subsidiaries${params.size ? `?${params}` : ''}`);

    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/subsidiaries', { page, pageSize, search });
      if (ticket !== latest) return;
      results.replaceChildren(...view(data));
    } catch (problem) {
      if (ticket !== latest) return;
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(data) {
    if (!data.items.length) {
      return [empty(search ? t('subsidiaries.noMatch', { search }) : t('subsidiaries.empty'))];
    }
    return [
      table({
        testid: 'subsidiary-table',
        columns: [{ label: t('col.code') }, { label: t('col.name') }, { label: t('col.createdAt') }],
        rows: data.items.map((s) => h('tr', { 'data-subsidiary-id': s.id },
          h('td', { class: 'code' }, s.code),
          h('th', { scope: 'row' }, h('a', { href: `/subsidiaries/${s.id}` }, s.name)),
          h('td', { class: 'muted' }, formatDateTime(s.createdAt)))),
      }),
      pager(data, (next) => { page = next; load(); }),
    ];
  }
}

function createForm(created) {
  const code = h('input', { type: 'text', testid: 'subsidiary-code', autocomplete: 'off', maxlength: '64' });
  const name = h('input', { type: 'text', testid: 'subsidiary-name', autocomplete: 'off', maxlength: '200' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'subsidiary-submit' },
    t('subsidiaries.submit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card column-side', testid: 'subsidiary-form', novalidate: true },
    h('h2', {}, t('subsidiaries.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('subsidiaries.code'), name: 'code', control: code }),
    field({ label: t('subsidiaries.name'), name: 'name', control: name }),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { code: code.value.trim(), name: name.value.trim() };
    clearProblem(form);
    try {
      const subsidiary = await busy(submit, t('state.saving'),
        () => post('/api/v1/subsidiaries', body, keys.keyFor(body)));
      keys.done();
      form.reset();
      // The new row may sort onto another page of the table, so the banner links to it.
      form.querySelector('.form-message').replaceChildren(
        successBanner(t('subsidiaries.created', { name: subsidiary.name }), ' ',
          h('a', { href: `/subsidiaries/${subsidiary.id}`, testid: 'created-link' }, t('subsidiaries.open'))));
      created();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
