// Pairings (结对共建): a paged table filterable by status and searchable by a party's name or the agreement title, with a
// badge on the ones expiring soon, and, for admins, a form to sign a pairing under its first agreement.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager, table }
  from '../ui.js';
import { organizationPicker, unitChooser, unitLabel, today, formatDate } from '../units.js';

const pageSize = 20;
const searchDelayMilliseconds = 300;
export const statuses = ['active', 'expiring-soon', 'ended'];

export function statusBadge(status) {
  return h('span', { class: `badge badge-status-${status}`, testid: 'status-badge' }, t(`pairingStatus.${status}`));
}

export function render(main, { query, user, onLeave }) {
  let page = Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
  let search = query.get('search') ?? '';
  let status = statuses.includes(query.get('status')) ? query.get('status') : '';
  let latest = 0;

  const searchBox = h('input', { type: 'search', class: 'search', testid: 'pairing-search', value: search,
    placeholder: t('pairings.search'), 'aria-label': t('pairings.search') });
  const statusFilter = h('select', { testid: 'pairing-status', 'aria-label': t('pairing.status') },
    h('option', { value: '' }, t('pairings.anyStatus')),
    statuses.map((s) => h('option', { value: s }, t(`pairingStatus.${s}`))));
  statusFilter.value = status;
  const results = h('div', { class: 'results' });

  let timer = null;
  searchBox.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { search = searchBox.value.trim(); page = 1; load(); }, searchDelayMilliseconds);
  });
  statusFilter.addEventListener('change', () => { status = statusFilter.value; page = 1; load(); });
  onLeave(() => clearTimeout(timer));

  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('pairings.title'))),
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, h('div', { class: 'toolbar' }, searchBox, statusFilter), results),
      isAdmin ? signForm(() => { page = 1; load(); }) : null));

  load();

  async function load() {
    const ticket = ++latest;
    const address = new URLSearchParams();
    if (page > 1) address.set('page', page);
    if (search) address.set('search', search);
    if (status) address.set('status', status);
    history.replaceState(null, '', `/pairings${address.size ? `?${address}` : ''}`);

    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/pairings', { page, pageSize, search, status });
      if (ticket !== latest) return;
      results.replaceChildren(...view(data));
    } catch (problem) {
      if (ticket !== latest) return;
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(data) {
    if (!data.items.length) return [empty(search || status ? t('pairings.noMatch') : t('pairings.empty'), 'pairing-empty')];
    const expiring = data.items.filter((p) => p.status === 'expiring-soon').length;
    return [
      expiring && status !== 'expiring-soon'
        ? h('div', { class: 'banner banner-warning', role: 'status', testid: 'expiry-warning' },
          t('pairings.expiringWarning', { count: expiring }))
        : null,
      table({
        testid: 'pairing-table',
        columns: [{ label: t('pairing.parties') }, { label: t('pairing.agreementTitle') }, { label: t('pairing.signedOn') },
          { label: t('pairing.expiresOn') }, { label: t('pairing.status') }],
        rows: data.items.map((p) => h('tr', { 'data-pairing-id': p.id, testid: 'pairing-row',
          class: p.status === 'expiring-soon' ? 'row-warning' : null },
        h('th', { scope: 'row' }, h('a', { href: `/pairings/${p.id}` }, unitLabel(p.first), ' ⇄ ', unitLabel(p.second))),
        h('td', {}, p.agreement.title),
        h('td', { class: 'muted' }, formatDate(p.agreement.signedOn)),
        h('td', {}, formatDate(p.agreement.expiresOn)),
        h('td', {}, statusBadge(p.status)))),
      }),
      pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (to) => { page = to; load(); }),
    ].filter(Boolean);
  }
}

/** Title, obligations and dates of an agreement; error slots match the last segment of `agreement.title` etc. */
export function agreementFields(prefix) {
  const title = h('input', { type: 'text', testid: `${prefix}-title`, autocomplete: 'off', maxlength: '200' });
  const obligations = h('textarea', { testid: `${prefix}-obligations`, rows: '4', maxlength: '20000' });
  const signedOn = h('input', { type: 'date', testid: `${prefix}-signed-on`, value: today() });
  const expiresOn = h('input', { type: 'date', testid: `${prefix}-expires-on` });
  for (const [control, id] of [[title, 'title'], [obligations, 'obligations'], [signedOn, 'signedOn'], [expiresOn, 'expiresOn']]) {
    control.id = `${prefix}-${id}`;
  }
  return {
    element: h('fieldset', { class: 'fieldset' }, h('legend', {}, t('pairing.agreement')),
      field({ label: t('pairing.agreementTitle'), name: 'title', control: title }),
      field({ label: t('pairing.obligations'), name: 'obligations', control: obligations }),
      field({ label: t('pairing.signedOn'), name: 'signedOn', control: signedOn }),
      field({ label: t('pairing.expiresOn'), name: 'expiresOn', control: expiresOn })),
    value: () => ({ title: title.value.trim(), obligations: obligations.value.trim(), signedOn: signedOn.value,
      expiresOn: expiresOn.value }),
    reset() { for (const input of [title, obligations, expiresOn]) input.value = ''; },
  };
}

// The first side is always a party organization of the group (one side must be), so field errors of the external
// side can only come from the second and land on its fields unambiguously.
function signForm(created) {
  const first = organizationPicker({ name: 'first', label: t('pairing.first'), testid: 'pairing-first' });
  const second = unitChooser({ prefix: 'pairing-second', name: 'second', label: t('pairing.second') });
  const agreement = agreementFields('pairing-agreement');
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'pairing-submit' },
    t('pairings.submit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card column-side', testid: 'pairing-form', novalidate: true },
    h('h2', {}, t('pairings.create')),
    h('div', { class: 'form-message' }),
    first.element, second.element, agreement.element,
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { first: { organizationId: first.value || null }, second: second.value(), agreement: agreement.value() };
    clearProblem(form);
    try {
      const pairing = await busy(submit, t('state.saving'), () => post('/api/v1/pairings', body, keys.keyFor(body)));
      keys.done();
      second.reset();
      agreement.reset();
      form.querySelector('.form-message').replaceChildren(
        successBanner(t('pairings.created', { title: pairing.agreement.title }), ' ',
          h('a', { href: `/pairings/${pairing.id}`, testid: 'created-link' }, t('pairings.open'))));
      created();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
