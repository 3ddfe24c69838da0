// One organization's organization life for the period containing a month: each rule with its period, due date, state
// (coloured) and how often it was held.
import { get } from '../api.js';
import { t, formatDateTime, language } from '../i18n.js';
import { h, loading, empty, problemBanner, kindBadge, table } from '../ui.js';
import { stateChip } from './organization-life.js';

export function render(main, { params, query }) {
  const results = h('div', { class: 'results' });
  const title = h('h1', { testid: 'org-board-title' }, t('orgLife.title'));
  const month = h('input', { type: 'month', testid: 'org-board-month', value: query.get('on') ?? '', 'aria-label': t('orgLife.month'),
    onchange: () => {
      history.replaceState(null, '', `/organization-life/organizations/${params.id}${month.value ? `?on=${month.value}` : ''}`);
      load();
    } });
  main.replaceChildren(
    h('div', { class: 'page-header' }, title, h('a', { href: '/organization-life', class: 'link' }, t('orgLife.back'))),
    h('div', { class: 'filters' }, h('label', { for: 'org-board-month' }, t('orgLife.month')), month),
    results);
  month.id = 'org-board-month';
  load();

  async function load() {
    results.replaceChildren(loading());
    try {
      const board = await get(`/api/v1/organization-life/organizations/${params.id}`, { on: month.value });
      title.textContent = t('orgLife.boardTitle', { name: board.name });
      results.replaceChildren(
        h('p', { class: 'summary' }, board.organizationKind ? kindBadge(board.organizationKind) : null, ' ',
          t('orgLife.summary', { organizations: 1, done: board.done, due: board.due, overdue: board.overdue, today: board.today })),
        board.rules.length ? table({
          testid: 'org-board-table',
          columns: [{ label: t('orgLife.rule') }, { label: t('orgLife.period') }, { label: t('orgLife.due') }, { label: t('orgLife.state') },
            { label: t('orgLife.lastHeld') }],
          rows: board.rules.map((r) => h('tr', { testid: 'org-board-row', 'data-state': r.state },
            h('th', { scope: 'row' }, language() === 'zh-CN' ? r.nameZh : r.nameEn),
            h('td', {}, `${t(`period.${r.period}`)} · ${r.periodKey}`),
            h('td', {}, r.dueOn),
            h('td', {}, stateChip(r, 'org-board-state'), r.heldCount ? h('span', { class: 'muted' }, ' ', t('orgLife.held', { count: r.heldCount })) : null),
            h('td', { class: 'muted' }, r.lastHeldAt ? formatDateTime(r.lastHeldAt) : '—'))),
        }) : empty(t('orgLife.noRules'), 'org-board-empty'));
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}
