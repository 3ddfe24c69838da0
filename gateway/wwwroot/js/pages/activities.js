// Joint activities (联合活动): a month as a calendar (weeks Monday to Sunday, China Standard Time) or as a list, filtered
// by measure, status and title, and, for planners (admins and secretaries), a form to schedule one with its hosts, the
// alliance it serves and its venue: a service center, booked for the time (an overlap is refused on the field), or an
// address. ?month=yyyy-MM opens that month; ?view=list the list. The month as filtered exports as XLSX or CSV; planners
// see their calendar feed links and revoke them.
import { get, post, put, idempotency, download } from '../api.js';
import { t, language } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { organizationPicker, today } from '../units.js';

export const measures = ['study', 'organization', 'work', 'performance', 'responsibility', 'integrity'];
export const statuses = ['planned', 'held', 'cancelled'];
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const groupOffsetMilliseconds = 8 * 60 * 60 * 1000;
const searchDelayMilliseconds = 300;

export const isPlanner = (user) => ['group-admin', 'subsidiary-admin', 'secretary'].includes(user.role);

/** The group's calendar day (yyyy-MM-dd) of an instant, whatever the browser's time zone. */
export function groupDay(iso) {
  return new Date(Date.parse(iso) + groupOffsetMilliseconds).toISOString().slice(0, 10);
}

/** An instant as "yyyy-MM-ddTHH:mm" on the group's clock: what a datetime-local field shows and the API reads back. */
export function groupLocal(iso) {
  return new Date(Date.parse(iso) + groupOffsetMilliseconds).toISOString().slice(0, 16);
}

/** A time of day, or a date and time, in the current language on the group's clock (Asia/Shanghai). */
export function formatGroupTime(iso, withDate = true) {
  const options = withDate ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' };
  return new Intl.DateTimeFormat(language(), { ...options, timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

export function statusBadge(status) {
  const look = { planned: 'active', held: 'expiring-soon', cancelled: 'ended' }[status] ?? 'ended';
  return h('span', { class: `badge badge-status-${look}`, testid: 'activity-status-badge' }, t(`activityStatus.${status}`));
}

export function measureBadge(measure) {
  return h('span', { class: 'badge badge-theme', testid: 'measure-badge' }, t(`measure.${measure}`));
}

export const typeName = (a) => (language() === 'zh-CN' ? a.typeNameZh : a.typeNameEn);

export function render(main, { query, user, onLeave }) {
  let month = monthPattern.test(query.get('month') ?? '') ? query.get('month') : today().slice(0, 7);
  let view = query.get('view') === 'list' ? 'list' : 'calendar';
  let measure = measures.includes(query.get('measure')) ? query.get('measure') : '';
  let status = statuses.includes(query.get('status')) ? query.get('status') : '';
  let search = query.get('search') ?? '';
  let latest = 0;

  const monthLabel = h('strong', { class: 'month-label', testid: 'month-label' });
  const prev = h('button', { type: 'button', class: 'button button-secondary', testid: 'month-prev', onclick: () => move(-1) }, t('activities.prevMonth'));
  const next = h('button', { type: 'button', class: 'button button-secondary', testid: 'month-next', onclick: () => move(1) }, t('activities.nextMonth'));
  const viewSelect = h('select', { testid: 'activity-view', 'aria-label': t('activities.view') },
    ['calendar', 'list'].map((v) => h('option', { value: v }, t(`activities.view.${v}`))));
  viewSelect.value = view;
  const measureSelect = h('select', { testid: 'activity-measure', 'aria-label': t('activity.measure') },
    h('option', { value: '' }, t('activities.anyMeasure')), measures.map((m) => h('option', { value: m }, t(`measure.${m}`))));
  measureSelect.value = measure;
  const statusSelect = h('select', { testid: 'activity-status', 'aria-label': t('activity.status') },
    h('option', { value: '' }, t('activities.anyStatus')), statuses.map((s) => h('option', { value: s }, t(`activityStatus.${s}`))));
  statusSelect.value = status;
  const searchBox = h('input', { type: 'search', class: 'search search-narrow', testid: 'activity-search', value: search,
    placeholder: t('activities.search'), 'aria-label': t('activities.search') });
  const results = h('div', { class: 'results' });

  let timer = null;
  searchBox.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { search = searchBox.value.trim(); load(); }, searchDelayMilliseconds);
  });
  onLeave(() => clearTimeout(timer));
  viewSelect.addEventListener('change', () => { view = viewSelect.value; load(); });
  measureSelect.addEventListener('change', () => { measure = measureSelect.value; load(); });
  statusSelect.addEventListener('change', () => { status = statusSelect.value; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('activities.title')), h('p', { class: 'page-status muted' }, t('activities.timeZone'))),
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' },
        h('div', { class: 'toolbar' }, prev, monthLabel, next, viewSelect, measureSelect, statusSelect, searchBox),
        h('div', { class: 'toolbar' }, exportButton('xlsx'), exportButton('csv')),
        results),
      isPlanner(user) ? h('div', { class: 'column-side stack' }, activityForm({ user, onSaved: () => load() }), feedList()) : null));

  function exportButton(format) {
    const button = h('button', { type: 'button', class: 'button button-secondary', testid: `activities-export-${format}` }, t(`activities.export.${format}`));
    button.addEventListener('click', async () => {
      const [y, m] = month.split('-').map(Number);
      const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      try {
        await busy(button, t('state.loading'), () => download('/api/v1/activities/export',
          { format, lang: language(), from: `${month}-01`, to: last, measure, status, search }, `activities.${format}`));
      } catch (problem) {
        results.prepend(problemBanner(problem));
      }
    });
    return button;
  }

  /** The caller's subsidiary's calendar feed links (made on an activity's page), each revocable. */
  function feedList() {
    const box = h('div', {}, loading());
    const card = h('section', { class: 'card', testid: 'feed-list' }, h('h2', {}, t('feeds.list')), box);
    show();
    return card;

    async function show(message) {
      try {
        const page = await get('/api/v1/calendar-feeds', { pageSize: 50 });
        box.replaceChildren(message ? successBanner(message) : '', page.items.length
          ? h('ul', { class: 'history-list' }, page.items.map((f) => {
            const revoke = h('button', { type: 'button', class: 'button button-ghost', testid: 'feed-revoke' }, t('feeds.revoke'));
            revoke.addEventListener('click', async () => {
              try {
                await busy(revoke, t('state.saving'), () => post(`/api/v1/calendar-feeds/${f.id}/revoke`));
                show(t('feeds.revoked'));
              } catch (problem) {
                revoke.after(problemBanner(problem));
              }
            });
            return h('li', { testid: 'feed-item' }, h('strong', {}, f.name), ' ', h('span', { class: 'muted' }, `${f.createdBy} · ${formatGroupTime(f.createdAt)}`), ' ', revoke);
          }))
          : empty(t('feeds.none'), 'feeds-empty'));
      } catch (problem) {
        box.replaceChildren(problemBanner(problem, { onRetry: () => show() }));
      }
    }
  }

  load();

  function move(by) {
    const [y, m] = month.split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 1 + by, 1));
    month = d.toISOString().slice(0, 7);
    load();
  }

  async function load() {
    const ticket = ++latest;
    const address = new URLSearchParams({ month });
    if (view === 'list') address.set('view', 'list');
    if (measure) address.set('measure', measure);
    if (status) address.set('status', status);
    if (search) address.set('search', search);
    history.replaceState(null, '', `/activities?${address}`);
    const [y, m] = month.split('-').map(Number);
    monthLabel.textContent = new Intl.DateTimeFormat(language(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/activities', { from: `${month}-01`, to: last, measure, status, search, pageSize: 200 });
      if (ticket !== latest) return;
      const more = data.total > data.items.length
        ? [h('div', { class: 'banner banner-warning', role: 'status' }, t('activities.more', { shown: data.items.length, total: data.total }))]
        : [];
      results.replaceChildren(...more, view === 'list' ? listView(data.items) : calendarView(y, m, data.items));
    } catch (problem) {
      if (ticket !== latest) return;
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function listView(items) {
    if (!items.length) return empty(search || measure || status ? t('activities.noMatch') : t('activities.empty'), 'activity-empty');
    return table({
      testid: 'activity-table',
      columns: [{ label: t('activity.startsAt') }, { label: t('activity.title') }, { label: t('activity.type') },
        { label: t('activity.hosts') }, { label: t('activity.venue') }, { label: t('activity.status') }],
      rows: items.map((a) => h('tr', { testid: 'activity-row', 'data-activity-id': a.id, class: a.status === 'cancelled' ? 'row-left' : null },
        h('td', {}, formatGroupTime(a.startsAt)),
        h('th', { scope: 'row' }, h('a', { href: `/activities/${a.id}` }, a.title)),
        h('td', {}, typeName(a), ' ', measureBadge(a.measure)),
        h('td', { class: 'muted' }, a.hosts.map((x) => x.name).join('、')),
        h('td', { class: 'muted' }, a.venue.name ?? a.venue.address),
        h('td', {}, statusBadge(a.status)))),
    });
  }

  function calendarView(y, m, items) {
    const byDay = new Map();
    for (const a of items) {
      // An activity shows on each day of the month it spans (on the group's calendar).
      for (let day = groupDay(a.startsAt); day <= groupDay(a.endsAt); day = nextDay(day)) {
        if (!byDay.has(day)) byDay.set(day, []);
        byDay.get(day).push(a);
        if (day === groupDay(a.endsAt) || byDay.size > 62) break;
      }
    }
    const first = new Date(Date.UTC(y, m - 1, 1));
    const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const lead = (first.getUTCDay() + 6) % 7; // Monday first
    const weekdays = [...Array(7)].map((_, i) => new Intl.DateTimeFormat(language(), { weekday: 'short', timeZone: 'UTC' })
      .format(new Date(Date.UTC(2024, 0, 1 + i)))); // 2024-01-01 was a Monday
    const cells = [];
    for (let i = 0; i < lead; i++) cells.push(h('div', { class: 'calendar-cell calendar-pad' }));
    const todayKey = today();
    for (let d = 1; d <= daysInMonth; d++) {
      const key = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const dayItems = byDay.get(key) ?? [];
      cells.push(h('div', { class: `calendar-cell${key === todayKey ? ' calendar-today' : ''}`, testid: 'calendar-day', 'data-day': key },
        h('span', { class: 'calendar-date' }, String(d)),
        dayItems.map((a) => h('a', { href: `/activities/${a.id}`, class: `calendar-item calendar-${a.status}`, testid: 'calendar-item',
          'data-activity-id': a.id, title: `${a.title} · ${a.venue.name ?? a.venue.address}` },
          h('span', { class: 'calendar-time' }, formatGroupTime(a.startsAt, false)), ' ', a.title))));
    }
    return h('div', { class: 'calendar', testid: 'calendar', role: 'grid', 'aria-label': monthLabel.textContent },
      weekdays.map((w) => h('div', { class: 'calendar-weekday', role: 'columnheader' }, w)), cells);
  }
}

function nextDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

async function pagedAll(path, query) {
  const items = [];
  for (let page = 1; ; page++) {
    const data = await get(path, { ...query, page, pageSize: 200 });
    items.push(...data.items);
    if (!data.items.length || items.length >= data.total) return items;
  }
}

/**
 * The schedule form, or with `activity` the revision form of a planned one: title, type, alliance served, hosts
 * (organizations picked by subsidiary, and the alliance's member units), start and end on the group's clock, venue (a
 * service center to book, or an address) and agenda. Field errors land by the API's field names.
 */
export function activityForm({ user, activity = null, onSaved }) {
  const keys = idempotency();
  const title = h('input', { type: 'text', autocomplete: 'off', maxlength: '200', testid: 'activity-title', value: activity?.title ?? '' });
  const type = h('select', { testid: 'activity-type' }, h('option', { value: '' }, t('state.loading')));
  const alliance = h('select', { testid: 'activity-alliance' }, h('option', { value: '' }, t('activity.noAlliance')));
  const startsAt = h('input', { type: 'datetime-local', testid: 'activity-starts-at', value: activity ? groupLocal(activity.startsAt) : '' });
  const endsAt = h('input', { type: 'datetime-local', testid: 'activity-ends-at', value: activity ? groupLocal(activity.endsAt) : '' });
  const agenda = h('textarea', { rows: '3', maxlength: '4000', testid: 'activity-agenda' });
  agenda.value = activity?.agenda ?? '';

  // Hosts: chosen ones as a list with a remove button each.
  let hosts = (activity?.hosts ?? []).map((x) => ({ key: x.memberUnitId && !x.organizationId ? { memberUnitId: x.memberUnitId } : { organizationId: x.organizationId }, name: x.name }));
  const hostList = h('ul', { class: 'plain-list host-list', testid: 'activity-host-list' });
  const picker = organizationPicker({ name: 'organizationId', label: t('activity.addHost'), testid: 'activity-host' });
  const addHost = h('button', { type: 'button', class: 'button button-secondary', testid: 'activity-host-add' }, t('activity.add'));
  const unitSelect = h('select', { testid: 'activity-member-unit', disabled: true }, h('option', { value: '' }, t('activity.pickAllianceFirst')));
  const addUnit = h('button', { type: 'button', class: 'button button-secondary', testid: 'activity-member-unit-add' }, t('activity.add'));
  let allianceMembers = [];

  function drawHosts() {
    hostList.replaceChildren(...(hosts.length ? hosts : []).map((x, i) => h('li', { testid: 'activity-host-item' }, x.name, ' ',
      h('button', { type: 'button', class: 'link-button', 'aria-label': t('activity.removeHost', { name: x.name }),
        onclick: () => { hosts.splice(i, 1); drawHosts(); } }, t('activity.remove')))));
    if (!hosts.length) hostList.append(h('li', { class: 'muted' }, t('activity.noHosts')));
  }
  function add(key, name) {
    if (!key || hosts.some((x) => JSON.stringify(x.key) === JSON.stringify(key))) return;
    hosts.push({ key, name });
    drawHosts();
  }
  addHost.addEventListener('click', () => {
    const select = picker.element.querySelector('[data-testid="activity-host"]');
    if (picker.value) add({ organizationId: picker.value }, select.selectedOptions[0].textContent.split(' · ')[0]);
  });
  addUnit.addEventListener('click', () => {
    const unit = allianceMembers.find((u) => u.id === unitSelect.value);
    if (unit) add(unit.organizationId ? { organizationId: unit.organizationId } : { memberUnitId: unit.id }, unit.name);
  });
  drawHosts();

  async function loadAllianceMembers() {
    allianceMembers = [];
    unitSelect.disabled = true;
    if (!alliance.value) {
      unitSelect.replaceChildren(h('option', { value: '' }, t('activity.pickAllianceFirst')));
      return;
    }
    try {
      const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
      allianceMembers = data.members.filter((u) => !u.leftOn);
      unitSelect.replaceChildren(h('option', { value: '' }, t('activity.pickMemberUnit')),
        ...allianceMembers.map((u) => h('option', { value: u.id }, u.external ? `${u.name} · ${t('activity.external')}` : u.name)));
      unitSelect.disabled = false;
    } catch (problem) {
      unitSelect.replaceChildren(h('option', { value: '' }, problem.title));
    }
  }
  alliance.addEventListener('change', loadAllianceMembers);

  // Venue: a service center to book, or an address.
  const venueMode = activity && !activity.venue.serviceCenterId ? 'address' : 'center';
  const centerRadio = h('input', { type: 'radio', name: 'venue-mode', value: 'center', testid: 'venue-mode-center', checked: venueMode === 'center' });
  const addressRadio = h('input', { type: 'radio', name: 'venue-mode', value: 'address', testid: 'venue-mode-address', checked: venueMode === 'address' });
  const center = h('select', { testid: 'activity-center' }, h('option', { value: '' }, t('state.loading')));
  const address = h('input', { type: 'text', autocomplete: 'off', maxlength: '200', testid: 'activity-address',
    value: activity && !activity.venue.serviceCenterId ? activity.venue.address : '' });
  const centerField = field({ label: t('activity.serviceCenter'), name: 'serviceCenterId', control: center, hint: t('activity.serviceCenterHint') });
  const addressField = field({ label: t('activity.address'), name: 'address', control: address });
  const showVenue = () => {
    centerField.hidden = !centerRadio.checked;
    addressField.hidden = !addressRadio.checked;
  };
  centerRadio.addEventListener('change', showVenue);
  addressRadio.addEventListener('change', showVenue);
  showVenue();

  (async () => {
    try {
      const [types, alliances, centers] = await Promise.all([
        get('/api/v1/activity-types'),
        pagedAll('/api/v1/alliances', {}),
        pagedAll('/api/v1/service-centers', { status: 'open' }),
      ]);
      type.replaceChildren(h('option', { value: '' }, t('activity.pickType')),
        ...types.map((x) => h('option', { value: x.id }, `${language() === 'zh-CN' ? x.nameZh : x.nameEn} · ${t(`measure.${x.measure}`)}`)));
      if (activity && !types.some((x) => x.id === activity.typeId))
        type.append(h('option', { value: activity.typeId }, typeName(activity)));
      type.value = activity?.typeId ?? '';
      alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
      alliance.value = activity?.allianceId ?? '';
      if (alliance.value) await loadAllianceMembers();
      center.replaceChildren(h('option', { value: '' }, centers.length ? t('activity.pickCenter') : t('activity.noCenters')),
        ...centers.map((c) => h('option', { value: c.id }, `${c.name} · ${c.address}`)));
      if (activity?.venue.serviceCenterId && !centers.some((c) => c.id === activity.venue.serviceCenterId))
        center.append(h('option', { value: activity.venue.serviceCenterId }, activity.venue.name));
      center.value = activity?.venue.serviceCenterId ?? '';
    } catch (problem) {
      form.querySelector('.form-message').replaceChildren(problemBanner(problem));
    }
  })();

  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'activity-submit' },
    activity ? t('activity.save') : t('activities.submit'));
  const form = h('form', { class: 'form card', testid: activity ? 'activity-revise-form' : 'activity-form', novalidate: true },
    h('h2', {}, activity ? t('activity.revise') : t('activities.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('activity.title'), name: 'title', control: title }),
    field({ label: t('activity.type'), name: 'typeId', control: type }),
    field({ label: t('activity.alliance'), name: 'allianceId', control: alliance, hint: t('activity.allianceHint') }),
    h('div', { class: 'field', 'data-field': 'hosts' },
      h('label', {}, t('activity.hosts')), hostList,
      h('p', { class: 'field-error', testid: 'hosts-error', hidden: true })),
    h('div', { class: 'form-inline' }, picker.element, addHost),
    h('div', { class: 'field', 'data-field': 'memberUnitId' },
      h('label', { for: 'activity-member-unit' }, t('activity.memberUnit')), h('div', { class: 'form-inline' }, unitSelect, addUnit),
      h('p', { class: 'field-error', testid: 'memberUnitId-error', hidden: true })),
    field({ label: t('activity.startsAt'), name: 'startsAt', control: startsAt }),
    field({ label: t('activity.endsAt'), name: 'endsAt', control: endsAt, hint: t('activities.timeZone') }),
    h('fieldset', { class: 'fieldset', 'data-field': 'venue' },
      h('legend', {}, t('activity.venue')),
      h('div', { class: 'radios' },
        h('label', { class: 'radio' }, centerRadio, t('activity.venueCenter')),
        h('label', { class: 'radio' }, addressRadio, t('activity.venueAddress'))),
      h('p', { class: 'field-error', testid: 'venue-error', hidden: true }),
      centerField, addressField),
    field({ label: t('activity.agenda'), name: 'agenda', control: agenda }),
    h('div', { class: 'form-actions' }, submit));
  unitSelect.id = 'activity-member-unit';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: title.value.trim(),
      typeId: type.value || null,
      allianceId: alliance.value || null,
      hosts: hosts.map((x) => x.key),
      startsAt: startsAt.value || null,
      endsAt: endsAt.value || null,
      venue: centerRadio.checked ? { serviceCenterId: center.value || null } : { address: address.value.trim() },
      agenda: agenda.value.trim() || null,
    };
    if (activity) body.expectedVersion = activity.version;
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => (activity
        ? put(`/api/v1/activities/${activity.id}`, body)
        : post('/api/v1/activities', body, keys.keyFor(body))));
      keys.done();
      if (!activity) {
        title.value = '';
        agenda.value = '';
        form.querySelector('.form-message').replaceChildren(
          successBanner(t('activities.created', { title: saved.title }), ' ',
            h('a', { href: `/activities/${saved.id}`, testid: 'created-link' }, t('activities.open'))));
      }
      onSaved(saved);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
