// Organization life (三会一课): the board over a subsidiary or an organization's subtree for a month, worst first: each
// organization's meetings as coloured chips (done green, due amber, overdue red), the totals, a state filter and paging.
import { get } from '../api.js';
import { t, formatNumber, language } from '../i18n.js';
import { h, field, loading, empty, problemBanner, showProblem, clearProblem, kindBadge, pager, table } from '../ui.js';

export function stateChip(rule, testid = 'rule-state') {
  return h('span', { class: `badge badge-life-${rule.state}`, testid, 'data-state': rule.state, title: t('orgLife.dueOn', { date: rule.dueOn }) },
    `${rule.nameZh && language() === 'zh-CN' ? rule.nameZh : rule.nameEn} · ${t(`orgLife.state.${rule.state}`)}`);
}

export function render(main, { user, query, navigate }) {
  const results = h('div', { class: 'results' });
  const subsidiary = h('select', { testid: 'org-life-subsidiary' });
  const organization = h('input', { type: 'text', testid: 'org-life-subtree', value: query.get('organizationId') ?? '' });
  const month = h('input', { type: 'month', testid: 'org-life-month', value: query.get('on') ?? '' });
  const state = h('select', { testid: 'org-life-state' },
    h('option', { value: '' }, t('orgLife.anyState')),
    ['overdue', 'due', 'done'].map((s) => h('option', { value: s }, t(`orgLife.state.${s}`))));
  state.value = query.get('state') ?? '';
  const search = h('input', { type: 'search', testid: 'org-life-search', value: query.get('search') ?? '' });
  const form = h('form', { class: 'filters', testid: 'org-life-filters', onsubmit: (e) => { e.preventDefault(); go(1); } },
    h('div', { class: 'form-message' }),
    field({ label: t('orgLife.subsidiary'), name: 'subsidiaryId', control: subsidiary }),
    field({ label: t('orgLife.subtree'), name: 'organizationId', control: organization }),
    field({ label: t('orgLife.month'), name: 'on', control: month }),
    field({ label: t('orgLife.state'), name: 'state', control: state }),
    field({ label: t('orgLife.search'), name: 'search', control: search }),
    h('button', { type: 'submit', class: 'button', testid: 'org-life-show' }, t('orgLife.show')));

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('orgLife.title')),
      h('a', { href: '/organization-life/rules', class: 'button button-secondary', testid: 'org-life-rules-link' }, t('orgLife.rulesLink'))),
    h('p', { class: 'muted' }, t('orgLife.intro')),
    form, results);
  start();

  async function start() {
    if (user.role === 'group-admin') {
      try {
        const list = (await get('/api/v1/subsidiaries', { pageSize: 200 })).items;
        subsidiary.replaceChildren(...list.map((s) => h('option', { value: s.id }, s.name)));
      } catch (problem) {
        results.replaceChildren(problemBanner(problem));
        return;
      }
    } else {
      subsidiary.replaceChildren(h('option', { value: user.subsidiaryId }, t('nav.mySubsidiary')));
    }
    if (query.get('subsidiaryId')) subsidiary.value = query.get('subsidiaryId');
    if (!subsidiary.value) {
      results.replaceChildren(empty(t('orgLife.empty'), 'org-life-empty'));
      return;
    }
    load(Number(query.get('page') ?? 1));
  }

  function go(page) {
    const params = new URLSearchParams();
    for (const [name, value] of [['subsidiaryId', subsidiary.value], ['organizationId', organization.value.trim()], ['on', month.value],
      ['state', state.value], ['search', search.value.trim()], ['page', page > 1 ? page : '']]) if (value) params.set(name, value);
    history.replaceState(null, '', `/organization-life?${params}`);
    load(page);
  }

  async function load(page) {
    clearProblem(form);
    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/organization-life/boards', {
        subsidiaryId: subsidiary.value, organizationId: organization.value.trim(), on: month.value, state: state.value,
        search: search.value.trim(), page, pageSize: 20,
      });
      results.replaceChildren(...view(data));
    } catch (problem) {
      results.replaceChildren();
      if (Object.keys(problem.errors).length) showProblem(form, problem);
      else results.replaceChildren(problemBanner(problem, { onRetry: () => load(page) }));
    }
  }

  function view(data) {
    const summary = h('p', { class: 'summary', testid: 'org-life-summary' }, t('orgLife.summary', {
      organizations: formatNumber(data.organizations), done: formatNumber(data.done), due: formatNumber(data.due),
      overdue: formatNumber(data.overdue), today: data.today,
    }));
    if (!data.items.length) return [summary, empty(t('orgLife.empty'), 'org-life-empty')];
    return [summary, table({
      testid: 'org-life-table',
      columns: [{ label: t('orgLife.organization') }, { label: t('orgLife.kind') }, { label: t('orgLife.meetings') }],
      rows: data.items.map((o) => h('tr', { testid: 'org-life-row', 'data-organization-id': o.organizationId },
        h('th', { scope: 'row' }, h('a', { href: `/organization-life/organizations/${o.organizationId}${month.value ? `?on=${month.value}` : ''}`,
          testid: 'org-life-link' }, o.name)),
        h('td', {}, o.organizationKind ? kindBadge(o.organizationKind) : null),
        h('td', { class: 'chips' }, o.rules.map((r) => stateChip(r))))),
    }), pager(data, go)];
  }
}
