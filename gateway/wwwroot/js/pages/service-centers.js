// Service centers (党群服务中心 / 阵地): a paged table searchable by name (characters, pinyin or initials), filterable by
// status and sortable by name or capacity, and, for admins, a form to open a center for one of their party organizations.
// ?allianceId= lists the centers shared with that alliance (the alliance page links here).
import { get, post, idempotency } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager, table }
  from '../ui.js';
import { organizationPicker, today } from '../units.js';

const pageSize = 20;
const searchDelayMilliseconds = 300;
export const statuses = ['open', 'closed'];
const sorts = ['name', '-capacity', 'capacity', '-created'];

export function statusBadge(status) {
  // The pairing status colours: open reads as active, closed as ended.
  const look = status === 'open' ? 'active' : 'ended';
  return h('span', { class: `badge badge-status-${look}`, testid: 'center-status-badge' }, t(`centerStatus.${status}`));
}

export function render(main, { query, user, onLeave }) {
  let page = Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
  let search = query.get('search') ?? '';
  let status = statuses.includes(query.get('status')) ? query.get('status') : '';
  let sort = sorts.includes(query.get('sort')) ? query.get('sort') : 'name';
  const allianceId = query.get('allianceId') ?? '';
  let latest = 0;

  const searchBox = h('input', { type: 'search', class: 'search', testid: 'center-search', value: search,
    placeholder: t('centers.search'), 'aria-label': t('centers.search') });
  const statusFilter = h('select', { testid: 'center-status', 'aria-label': t('center.status') },
    h('option', { value: '' }, t('centers.anyStatus')),
    statuses.map((s) => h('option', { value: s }, t(`centerStatus.${s}`))));
  statusFilter.value = status;
  const sortSelect = h('select', { testid: 'center-sort', 'aria-label': t('centers.sort') },
    sorts.map((s) => h('option', { value: s }, t(`centers.sort.${s}`))));
  sortSelect.value = sort;
  const results = h('div', { class: 'results' });

  let timer = null;
  searchBox.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { search = searchBox.value.trim(); page = 1; load(); }, searchDelayMilliseconds);
  });
  statusFilter.addEventListener('change', () => { status = statusFilter.value; page = 1; load(); });
  sortSelect.addEventListener('change', () => { sort = sortSelect.value; page = 1; load(); });
  onLeave(() => clearTimeout(timer));

  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  const sharedWith = allianceId
    ? h('div', { class: 'banner banner-info', role: 'status', testid: 'center-alliance-filter' },
      t('centers.sharedWithFilter'), ' ', h('a', { href: '/service-centers' }, t('centers.clearFilter')))
    : null;
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('centers.title'))),
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, sharedWith, h('div', { class: 'toolbar' }, searchBox, statusFilter, sortSelect), results),
      isAdmin && !allianceId ? openForm(() => { page = 1; load(); }) : null));

  load();

  async function load() {
    const ticket = ++latest;
    const address = new URLSearchParams();
    if (allianceId) address.set('allianceId', allianceId);
    if (page > 1) address.set('page', page);
    if (search) address.set('search', search);
    if (status) address.set('status', status);
    if (sort !== 'name') address.set('sort', sort);
    history.replaceState(null, '', `/service-centers${address.size ? `?${address}` : ''}`);

    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/service-centers', { page, pageSize, search, status, sort, allianceId });
      if (ticket !== latest) return;
      results.replaceChildren(...view(data));
    } catch (problem) {
      if (ticket !== latest) return;
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(data) {
    if (!data.items.length) return [empty(search || status || allianceId ? t('centers.noMatch') : t('centers.empty'), 'center-empty')];
    return [
      table({
        testid: 'center-table',
        columns: [{ label: t('center.name') }, { label: t('center.owner') }, { label: t('center.address') },
          { label: t('center.capacity'), num: true }, { label: t('center.sharedWith') }, { label: t('center.status') }],
        rows: data.items.map((c) => h('tr', { 'data-center-id': c.id, testid: 'center-row', class: c.status === 'closed' ? 'row-left' : null },
          h('th', { scope: 'row' }, h('a', { href: `/service-centers/${c.id}` }, c.name)),
          h('td', {}, c.ownerName),
          h('td', { class: 'muted' }, c.address),
          h('td', { class: 'num' }, formatNumber(c.capacity)),
          h('td', { class: 'muted' }, openShares(c).map((s) => s.allianceName).join('、')),
          h('td', {}, statusBadge(c.status)))),
      }),
      pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (to) => { page = to; load(); }),
    ];
  }
}

/** The sharing periods not yet over (no last day, or a last day from today on). */
export function openShares(center) {
  const day = today();
  return center.shares.filter((s) => !s.sharedUntil || s.sharedUntil >= day);
}

/** Name, address, capacity, contact, opening hours and facilities; error slots are named like the API's fields. */
export function detailFields(prefix, center = null) {
  const controls = {
    name: h('input', { type: 'text', autocomplete: 'off', maxlength: '100' }),
    address: h('input', { type: 'text', autocomplete: 'off', maxlength: '200' }),
    capacity: h('input', { type: 'number', min: '1', max: '100000', step: '1', inputmode: 'numeric' }),
    contactName: h('input', { type: 'text', autocomplete: 'off', maxlength: '50' }),
    contactPhone: h('input', { type: 'tel', autocomplete: 'off', maxlength: '50' }),
    openingHours: h('input', { type: 'text', autocomplete: 'off', maxlength: '200' }),
    facilities: h('textarea', { rows: '3', maxlength: '2000' }),
  };
  const testids = { name: 'name', address: 'address', capacity: 'capacity', contactName: 'contact-name',
    contactPhone: 'contact-phone', openingHours: 'opening-hours', facilities: 'facilities' };
  for (const [name, control] of Object.entries(controls)) {
    control.id = `${prefix}-${name}`;
    control.dataset.testid = `${prefix}-${testids[name]}`;
  }
  function fill(c) {
    for (const name of Object.keys(controls)) controls[name].value = c?.[name] ?? '';
  }
  fill(center);
  return {
    elements: Object.entries(controls).map(([name, control]) => field({ label: t(`center.${name}`), name, control })),
    value() {
      const text = (name) => controls[name].value.trim() || null;
      const capacity = controls.capacity.value.trim();
      return { name: text('name') ?? '', address: text('address') ?? '', capacity: capacity === '' ? null : Number(capacity),
        contactName: text('contactName'), contactPhone: text('contactPhone'), openingHours: text('openingHours'),
        facilities: text('facilities') };
    },
    fill,
  };
}

function openForm(opened) {
  const owner = organizationPicker({ name: 'ownerOrganizationId', label: t('center.owner'), testid: 'center-owner' });
  const details = detailFields('center');
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'center-submit' }, t('centers.submit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card column-side', testid: 'center-form', novalidate: true },
    h('h2', {}, t('centers.create')),
    h('div', { class: 'form-message' }),
    owner.element, details.elements,
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { ownerOrganizationId: owner.value || null, ...details.value() };
    clearProblem(form);
    try {
      const center = await busy(submit, t('state.saving'), () => post('/api/v1/service-centers', body, keys.keyFor(body)));
      keys.done();
      details.fill(null);
      form.querySelector('.form-message').replaceChildren(
        successBanner(t('centers.created', { name: center.name }), ' ',
          h('a', { href: `/service-centers/${center.id}`, testid: 'created-link' }, t('centers.open'))));
      opened();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
