// People of one subsidiary: a paged table searchable by name and filterable by membership status, and, for admins,
// a form to register a person. ID and phone numbers arrive masked unless the caller's role may see them.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager, table }
  from '../ui.js';

const pageSize = 20;
const searchDelayMilliseconds = 300;
const statuses = ['probationary', 'full', 'transferred-out'];
const personKinds = ['employee', 'external'];

export function render(main, { params, query, user, onLeave }) {
  const id = params.id;
  const base = `/subsidiaries/${encodeURIComponent(id)}/people`;
  let page = Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
  let search = query.get('search') ?? '';
  let status = statuses.includes(query.get('status')) ? query.get('status') : '';
  let latest = 0;

  const searchBox = h('input', { type: 'search', class: 'search', testid: 'people-search', value: search,
    placeholder: t('people.search'), 'aria-label': t('people.search') });
  const statusFilter = h('select', { testid: 'people-status', 'aria-label': t('people.status') },
    h('option', { value: '' }, t('people.anyStatus')),
    statuses.map((s) => h('option', { value: s }, t(`status.${s}`))));
  statusFilter.value = status;
  const results = h('div', { class: 'results' });

  let searchTimer = null;
  searchBox.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { search = searchBox.value.trim(); page = 1; load(); }, searchDelayMilliseconds);
  });
  statusFilter.addEventListener('change', () => { status = statusFilter.value; page = 1; load(); });
  onLeave(() => clearTimeout(searchTimer));

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('people.back') },
      h('a', { href: `/subsidiaries/${encodeURIComponent(id)}`, testid: 'back-to-subsidiary' }, t('people.back'))),
    h('div', { class: 'page-header' }, h('h1', {}, t('people.title'))),
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, h('div', { class: 'toolbar' }, searchBox, statusFilter), results),
      user.role === 'group-admin' || user.role === 'subsidiary-admin' ? createForm(id, () => { page = 1; load(); }) : null));

  load();

  async function load() {
    const ticket = ++latest;
    const address = new URLSearchParams();
    if (page > 1) address.set('page', page);
    if (search) address.set('search', search);
    if (status) address.set('status', status);
    history.replaceState(null, '', `${base}${address.size ? `?${address}` : ''}`);

    results.replaceChildren(loading());
    try {
      const data = await get(`/api/v1${base}`, { page, pageSize, search, ...(status ? { status } : {}) });
      if (ticket !== latest) return;
      results.replaceChildren(...view(data));
    } catch (problem) {
      if (ticket !== latest) return;
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(data) {
    if (!data.items.length) return [empty(search || status ? t('people.noMatch') : t('people.empty'), 'people-empty')];
    return [
      table({
        testid: 'people-table',
        columns: [{ label: t('col.name') }, { label: t('people.kind') }, { label: t('people.status') },
          { label: t('people.phone') }, { label: t('people.roles') }],
        rows: data.items.map((p) => h('tr', { 'data-person-id': p.id, testid: 'person-row' },
          h('th', { scope: 'row' }, h('a', { href: `/people/${encodeURIComponent(p.id)}`, testid: 'person-link' }, p.name),
            p.crossAppointed ? h('span', { class: 'badge', testid: 'cross-appointed' }, t('people.crossAppointed')) : null),
          h('td', {}, t(`personKind.${p.kind}`)),
          h('td', {}, p.membership ? t(`status.${p.membership.status}`) : h('span', { class: 'muted' }, t('people.notMember'))),
          h('td', { class: 'code' }, p.phone ?? ''),
          h('td', {}, p.roles.filter((r) => !r.endsOn).map((r) => t(`orgRole.${r.role}`)).join('、')))),
      }),
      pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (to) => { page = to; load(); }),
    ];
  }
}

function createForm(subsidiaryId, created) {
  const name = h('input', { type: 'text', testid: 'person-name', autocomplete: 'off', maxlength: '50' });
  const kind = h('select', { testid: 'person-kind' }, personKinds.map((k) => h('option', { value: k }, t(`personKind.${k}`))));
  const idNumber = h('input', { type: 'text', testid: 'person-id-number', autocomplete: 'off', maxlength: '18' });
  const phone = h('input', { type: 'tel', testid: 'person-phone', autocomplete: 'off', maxlength: '11' });
  const post_ = h('input', { type: 'text', testid: 'person-management-post', autocomplete: 'off', maxlength: '100' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'person-submit' }, t('people.submit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card column-side', testid: 'person-form', novalidate: true },
    h('h2', {}, t('people.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('people.name'), name: 'name', control: name }),
    field({ label: t('people.kind'), name: 'kind', control: kind }),
    field({ label: t('people.idNumber'), name: 'idNumber', control: idNumber }),
    field({ label: t('people.phone'), name: 'phone', control: phone }),
    field({ label: t('people.managementPost'), name: 'managementPost', control: post_ }),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { subsidiaryId, name: name.value.trim(), kind: kind.value, idNumber: idNumber.value.trim() || null,
      phone: phone.value.trim() || null, managementPost: post_.value.trim() || null };
    clearProblem(form);
    try {
      const person = await busy(submit, t('state.saving'), () => post('/api/v1/people', body, keys.keyFor(body)));
      keys.done();
      for (const input of [name, idNumber, phone, post_]) input.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('people.created', { name: person.name })));
      created();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
