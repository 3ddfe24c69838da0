// The group dashboard. Its read model is eventually consistent, so the page polls while it is visible.
import { get } from '../api.js';
import { t, formatNumber, formatTime } from '../i18n.js';
import { h, loading, empty, problemBanner, table } from '../ui.js';
import { jointWorkSection } from '../joint-work.js';
import { jointWorkRateSections } from '../joint-work-rates.js';

const pollMilliseconds = 2500;

export function render(main, { onLeave }) {
  const status = h('p', { class: 'muted page-status', testid: 'dashboard-updated', 'aria-live': 'polite' });
  const body = h('div', {}, loading());
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('dashboard.title')), status),
    body,
    jointWorkSection(),
    ...jointWorkRateSections());

  let shown = '';
  let timer = null;
  let inFlight = false;
  let stopped = false;

  async function refresh() {
    timer = null;
    inFlight = true;
    try {
      const data = await get('/api/v1/dashboard');
      if (stopped) return;
      // Rebuild only on change, so a poll does not disturb a reader's selection or focus.
      const json = JSON.stringify(data);
      if (json !== shown) body.replaceChildren(...content(data));
      shown = json;
      status.textContent = t('dashboard.updatedAt', { time: formatTime(new Date()) });
    } catch (problem) {
      if (stopped) return;
      if (shown) {
        // Keep the last good numbers on screen; say that they may be old.
        status.textContent = t('dashboard.stale', { reason: problem.title });
      } else {
        const retry = () => { body.replaceChildren(loading()); refresh(); };
        body.replaceChildren(problemBanner(problem, { onRetry: retry }));
        return;
      }
    } finally {
      inFlight = false;
    }
    schedule();
  }

  function schedule() {
    if (!stopped && !timer && document.visibilityState === 'visible') timer = setTimeout(refresh, pollMilliseconds);
  }

  function onVisibility() {
    if (document.visibilityState === 'visible' && !timer && !inFlight) refresh();
    else if (document.visibilityState !== 'visible') { clearTimeout(timer); timer = null; }
  }

  document.addEventListener('visibilitychange', onVisibility);
  onLeave(() => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  });
  refresh();
}

function content(data) {
  // Subsidiary names are Chinese whatever the interface language, so they sort in pinyin order.
  const rows = [...data.perSubsidiary]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((s) => h('tr', { 'data-subsidiary-id': s.subsidiaryId },
      h('th', { scope: 'row' }, h('a', { href: `/subsidiaries/${s.subsidiaryId}` }, s.name)),
      [s.organizations, s.committees, s.generalBranches, s.branches, s.groups]
        .map((n) => h('td', { class: 'num' }, formatNumber(n)))));

  return [
    h('div', { class: 'cards' },
      card(t('dashboard.subsidiaries'), data.subsidiaries, 'dashboard-subsidiaries'),
      card(t('dashboard.organizations'), data.organizations, 'dashboard-organizations')),
    h('section', { class: 'section' },
      h('h2', {}, t('dashboard.perSubsidiary')),
      rows.length
        ? table({
          testid: 'dashboard-table',
          columns: [
            { label: t('col.subsidiary') },
            { label: t('col.organizations'), num: true },
            { label: t('col.committees'), num: true },
            { label: t('col.generalBranches'), num: true },
            { label: t('col.branches'), num: true },
            { label: t('col.groups'), num: true },
          ],
          rows,
        })
        : empty(t('dashboard.empty'))),
  ];
}

function card(label, value, testid) {
  return h('div', { class: 'card stat' },
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value', testid }, formatNumber(value)));
}
