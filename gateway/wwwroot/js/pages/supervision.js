// The supervision board (督办): decision items still supervised in three columns, red (overdue), yellow (due soon or
// behind its plan) and green, each grouped by owner unit; the counts per colour and per owner of the whole filtered set;
// filters by alliance, owner unit, supervising unit and state; paged. Colours are today's, computed by the server.
// A partner's "My decision items": the same board holding only their unit's items (the server's rule), filtered by
// alliance and state; each item's page has their progress form and claim.
import { get, put } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager } from '../ui.js';
import { pagedAll } from './meetings.js';

export const colours = ['red', 'yellow', 'green'];
export const states = ['open', 'in-progress', 'done', 'verified', 'cancelled'];

export function stateBadge(state) {
  const look = { open: 'active', 'in-progress': 'active', done: 'expiring-soon', verified: 'ended', cancelled: 'ended' }[state] ?? 'ended';
  return h('span', { class: `badge badge-status-${look}`, testid: 'item-state-badge' }, t(`itemState.${state}`));
}

export function colourBadge(colour) {
  return h('span', { class: `badge badge-colour-${colour}`, testid: 'item-colour-badge' }, t(`colour.${colour}`));
}

/** An item as a card: title (a link), owner, due date, state, and why it has its colour. */
export function itemCard(i) {
  return h('article', { class: `card item-card item-${i.colour}`, testid: 'board-item', 'data-colour': i.colour },
    h('h3', {}, h('a', { href: `/decision-items/${i.id}` }, i.title)),
    h('p', {}, colourBadge(i.colour), ' ', stateBadge(i.state),
      i.behindPlan ? h('span', { class: 'badge badge-colour-yellow', testid: 'item-behind-plan' }, t('item.behindPlan')) : null,
      i.escalated ? h('span', { class: 'badge badge-colour-red', testid: 'item-escalated' }, t('item.escalated')) : null),
    h('p', { class: 'muted' }, t('item.ownerDue', { owner: i.ownerName, due: i.dueOn })),
    h('p', { class: 'muted' }, t('item.supervisedBy', { supervisor: i.supervisorName })));
}

export function render(main, { query, user }) {
  const partner = user?.role === 'partner';
  const filters = {
    allianceId: query.get('allianceId') ?? '', ownerMemberUnitId: query.get('ownerMemberUnitId') ?? '',
    supervisorMemberUnitId: query.get('supervisorMemberUnitId') ?? '', state: states.includes(query.get('state')) ? query.get('state') : '',
  };
  let page = 1;
  const alliance = h('select', { testid: 'board-alliance', 'aria-label': t('meeting.alliance') }, h('option', { value: '' }, t('meetings.anyAlliance')));
  const owner = h('select', { testid: 'board-owner-filter', 'aria-label': t('item.owner'), disabled: true }, h('option', { value: '' }, t('board.anyOwner')));
  const supervisor = h('select', { testid: 'board-supervisor-filter', 'aria-label': t('item.supervisor'), disabled: true }, h('option', { value: '' }, t('board.anySupervisor')));
  const state = h('select', { testid: 'board-state', 'aria-label': t('item.state') },
    h('option', { value: '' }, t('board.supervised')), states.map((s) => h('option', { value: s }, t(`itemState.${s}`))));
  state.value = filters.state;
  const summary = h('div', { class: 'board-summary', testid: 'board-summary' });
  const setting = h('div', { testid: 'board-setting' });
  const board = h('div', {}, loading());

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', { testid: 'board-title' }, t(partner ? 'board.mineTitle' : 'board.title')),
      h('p', { class: 'page-status' }, t(partner ? 'board.mineIntro' : 'board.intro'))),
    h('div', { class: 'toolbar form-inline' }, alliance, partner ? null : [owner, supervisor], state),
    summary, setting, board);

  async function loadUnits() {
    for (const select of [owner, supervisor]) {
      select.replaceChildren(select.firstChild);
      select.disabled = !alliance.value;
    }
    setting.replaceChildren();
    if (!alliance.value || partner) return;
    loadSetting();
    try {
      const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
      for (const select of [owner, supervisor]) select.append(...data.members.map((u) => h('option', { value: u.id }, u.name)));
      owner.value = filters.ownerMemberUnitId;
      supervisor.value = filters.supervisorMemberUnitId;
    } catch { /* the board still loads without unit filters */ }
  }
  alliance.addEventListener('change', async () => { filters.ownerMemberUnitId = ''; filters.supervisorMemberUnitId = ''; page = 1; await loadUnits(); load(); });
  owner.addEventListener('change', () => { filters.ownerMemberUnitId = owner.value; page = 1; load(); });
  supervisor.addEventListener('change', () => { filters.supervisorMemberUnitId = supervisor.value; page = 1; load(); });
  state.addEventListener('change', () => { page = 1; load(); });
  pagedAll('/api/v1/alliances').then(async (alliances) => {
    alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    alliance.value = filters.allianceId;
    await loadUnits();
  }).catch(() => {});
  load();

  async function loadSetting(message) {
    try {
      const s = await get(`/api/v1/supervision-settings/${encodeURIComponent(alliance.value)}`);
      const text = h('p', { class: 'muted', testid: 'board-due-soon' },
        t(s.own ? 'board.dueSoonOwn' : 'board.dueSoonGroup', { days: s.dueSoonDays }));
      if (!s.canChange) {
        setting.replaceChildren(text);
        return;
      }
      const days = h('input', { type: 'number', min: '0', max: '60', testid: 'due-soon-days', value: String(s.dueSoonDays) });
      const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'due-soon-submit' }, t('board.dueSoonSave'));
      const form = h('form', { class: 'form-inline', testid: 'due-soon-form', novalidate: true },
        h('div', { class: 'form-message' }), field({ label: t('board.dueSoonDays'), name: 'dueSoonDays', control: days }), submit);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearProblem(form);
        try {
          await busy(submit, t('state.saving'), () => put(`/api/v1/supervision-settings/${encodeURIComponent(alliance.value)}`,
            { dueSoonDays: days.value === '' ? null : Number(days.value), expectedVersion: s.version }));
          await loadSetting(t('item.saved'));
          load();
        } catch (problem) {
          showProblem(form, problem);
        }
      });
      setting.replaceChildren(message ? successBanner(message) : '', text, form);
    } catch (problem) {
      setting.replaceChildren(problemBanner(problem));
    }
  }

  async function load() {
    board.replaceChildren(loading());
    try {
      const data = await get('/api/v1/decision-items', {
        page, pageSize: 60, allianceId: alliance.value || filters.allianceId || undefined,
        ownerMemberUnitId: owner.value || filters.ownerMemberUnitId || undefined,
        supervisorMemberUnitId: supervisor.value || filters.supervisorMemberUnitId || undefined, state: state.value || undefined,
      });
      const count = (colour) => data.colours.find((c) => c.colour === colour)?.count ?? 0;
      summary.replaceChildren(...colours.map((c) => h('span', { class: `badge badge-colour-${c}`, testid: `board-count-${c}` },
        `${t(`colour.${c}`)} ${formatNumber(count(c))}`)));
      if (!data.items.length) {
        board.replaceChildren(empty(t('board.none')));
        return;
      }
      const shown = state.value === 'verified' || state.value === 'cancelled' ? [...colours, 'none'] : colours;
      board.replaceChildren(
        h('div', { class: 'board', testid: 'board' }, shown.map((colour) => {
          const items = data.items.filter((i) => i.colour === colour);
          const owners = [...new Set(items.map((i) => i.ownerName))];
          return h('section', { class: `board-column board-${colour}`, testid: `board-column-${colour}` },
            h('h2', {}, `${t(`colour.${colour}`)} · ${formatNumber(colour === 'none' ? items.length : count(colour))}`),
            h('p', { class: 'muted' }, t(`board.means.${colour}`)),
            owners.length ? owners.map((name) => h('div', { class: 'board-owner', testid: 'board-owner' },
              h('h3', {}, name), items.filter((i) => i.ownerName === name).map(itemCard))) : empty(t('board.columnEmpty')));
        })),
        h('section', { class: 'section' }, h('h2', {}, t('board.byOwner')),
          h('ul', { class: 'plain-list', testid: 'board-owners' }, data.owners.map((o) => h('li', { testid: 'board-owner-count' },
            t('board.ownerLine', { owner: o.ownerName, red: o.red, yellow: o.yellow, green: o.green }))))),
        pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      board.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}
