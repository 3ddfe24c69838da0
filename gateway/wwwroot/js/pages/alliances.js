// Party-building alliances (党建联盟): a paged table searchable by name and filterable by theme, and, for admins, a form
// to form an alliance around a lead unit (牵头单位) from the subsidiaries the caller can see.
import { post, get, idempotency } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager, table }
  from '../ui.js';
import { organizationPicker, today, formatDate } from '../units.js';

const pageSize = 20;
const searchDelayMilliseconds = 300;

export function render(main, { query, user, onLeave }) {
  let page = Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
  let search = query.get('search') ?? '';
  let theme = query.get('theme') ?? '';
  let latest = 0;

  const searchBox = h('input', { type: 'search', class: 'search', testid: 'alliance-search', value: search,
    placeholder: t('alliances.search'), 'aria-label': t('alliances.search') });
  const themeBox = h('input', { type: 'search', class: 'search search-narrow', testid: 'alliance-theme-filter',
    value: theme, placeholder: t('alliances.themeFilter'), 'aria-label': t('alliances.themeFilter') });
  const results = h('div', { class: 'results' });

  let timer = null;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { search = searchBox.value.trim(); theme = themeBox.value.trim(); page = 1; load(); },
      searchDelayMilliseconds);
  };
  searchBox.addEventListener('input', later);
  themeBox.addEventListener('input', later);
  onLeave(() => clearTimeout(timer));

  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('alliances.title'))),
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, h('div', { class: 'toolbar' }, searchBox, themeBox), results),
      isAdmin ? createForm(() => { page = 1; load(); }) : null));

  load();

  async function load() {
    const ticket = ++latest;
    const address = new URLSearchParams();
    if (page > 1) address.set('page', page);
    if (search) address.set('search', search);
    if (theme) address.set('theme', theme);
    history.replaceState(null, '', `/alliances${address.size ? `?${address}` : ''}`);

    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/alliances', { page, pageSize, search, theme });
      if (ticket !== latest) return;
      results.replaceChildren(...view(data));
    } catch (problem) {
      if (ticket !== latest) return;
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(data) {
    if (!data.items.length) {
      return [empty(search || theme ? t('alliances.noMatch') : t('alliances.empty'), 'alliance-empty')];
    }
    return [
      table({
        testid: 'alliance-table',
        columns: [{ label: t('col.name') }, { label: t('alliance.theme') }, { label: t('alliance.lead') },
          { label: t('alliance.memberUnits'), num: true }, { label: t('alliance.formedOn') }],
        rows: data.items.map((a) => {
          const current = a.members.filter((m) => !m.leftOn);
          const lead = a.members.find((m) => m.organizationId === a.leadOrganizationId);
          return h('tr', { 'data-alliance-id': a.id, testid: 'alliance-row' },
            h('th', { scope: 'row' }, h('a', { href: `/alliances/${a.id}` }, a.name)),
            h('td', {}, h('span', { class: 'badge badge-theme' }, a.theme)),
            h('td', {}, lead?.name ?? ''),
            h('td', { class: 'num' }, formatNumber(current.length)),
            h('td', { class: 'muted' }, formatDate(lead?.joinedOn)));
        }),
      }),
      pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (to) => { page = to; load(); }),
    ];
  }
}

function createForm(created) {
  const name = h('input', { type: 'text', testid: 'alliance-name', autocomplete: 'off', maxlength: '100' });
  const theme = h('input', { type: 'text', testid: 'alliance-theme', autocomplete: 'off', maxlength: '100',
    placeholder: t('alliance.themeHint') });
  const lead = organizationPicker({ name: 'leadOrganizationId', label: t('alliance.lead'), testid: 'alliance-lead' });
  const plan = h('textarea', { testid: 'alliance-plan', rows: '4', maxlength: '20000' });
  const formedOn = h('input', { type: 'date', testid: 'alliance-formed-on', value: today() });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'alliance-submit' },
    t('alliances.submit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card column-side', testid: 'alliance-form', novalidate: true },
    h('h2', {}, t('alliances.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('alliance.name'), name: 'name', control: name }),
    field({ label: t('alliance.theme'), name: 'theme', control: theme }),
    lead.element,
    field({ label: t('alliance.plan'), name: 'plan', control: plan }),
    field({ label: t('alliance.formedOn'), name: 'formedOn', control: formedOn }),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), theme: theme.value.trim(), leadOrganizationId: lead.value || null,
      plan: plan.value.trim() || null, formedOn: formedOn.value };
    clearProblem(form);
    try {
      const alliance = await busy(submit, t('state.saving'), () => post('/api/v1/alliances', body, keys.keyFor(body)));
      keys.done();
      for (const input of [name, theme, plan]) input.value = '';
      form.querySelector('.form-message').replaceChildren(
        successBanner(t('alliances.created', { name: alliance.name }), ' ',
          h('a', { href: `/alliances/${alliance.id}`, testid: 'created-link' }, t('alliances.open'))));
      created();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
