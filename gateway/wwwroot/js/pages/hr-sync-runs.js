// HR sync runs: every file import, connector run and day of SCIM writes with its counts, conflicts, errors and
// duration. A running one is refreshed every two seconds, so its progress shows.
import { get } from '../api.js';
import { t, formatNumber, formatDateTime } from '../i18n.js';
import { h, loading, empty, problemBanner, pager, table } from '../ui.js';
import { downloadResults } from './hr-import.js';

export function render(main, { user, onLeave }) {
  const results = h('div', { class: 'results' });
  let page = 1;
  let timer = null;
  onLeave(() => clearTimeout(timer));
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('hrRuns.title')), h('a', { class: 'button', href: '/hr-import' }, t('hrImport.title'))),
    h('p', { class: 'muted' }, t('hrRuns.intro')),
    results);
  if (!(user.role === 'group-admin' || user.role === 'subsidiary-admin')) {
    results.replaceChildren(h('div', { class: 'banner banner-error', role: 'alert' }, t('error.forbidden')));
    return;
  }
  load(true);

  async function load(first) {
    clearTimeout(timer);
    if (first) results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/hr-sync-runs', { page, pageSize: 20 });
      results.replaceChildren(...view(data));
      if (data.items.some((r) => r.status === 'running')) timer = setTimeout(() => load(false), 2000);
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: () => load(true) }));
    }
  }

  function view(data) {
    if (!data.items.length) return [empty(t('hrRuns.empty'), 'hr-runs-empty')];
    return [table({
      testid: 'hr-runs-table',
      columns: [{ label: t('hrRuns.source') }, { label: t('hrRuns.startedAt') }, { label: t('hrRuns.status') },
        { label: t('hrRuns.progress'), num: true }, ...['created', 'updated', 'deactivated', 'unchanged', 'stale', 'conflict', 'error']
          .map((o) => ({ label: t(`hrOutcome.${o}`), num: true })), { label: t('hrRuns.duration'), num: true }, { label: '' }],
      rows: data.items.map((r) => h('tr', { testid: 'hr-run-row', 'data-status': r.status, 'data-run-id': r.id },
        h('th', { scope: 'row' }, r.source === 'scim' ? t('hrRuns.scim') : r.source),
        h('td', { class: 'muted' }, formatDateTime(r.startedAt)),
        h('td', {}, h('span', { class: `badge badge-run-${r.status}`, testid: 'hr-run-status', title: r.errorMessages.join('\n') }, t(`hrRuns.status.${r.status}`))),
        h('td', { class: 'num', testid: 'hr-run-progress' }, r.total ? `${formatNumber(r.processed)} / ${formatNumber(r.total)}` : formatNumber(r.processed)),
        [r.created, r.updated, r.deactivated, r.unchanged, r.stale, r.conflicts, r.errors].map((n) => h('td', { class: 'num' }, formatNumber(n))),
        h('td', { class: 'num muted' }, t('hrRuns.seconds', { seconds: formatNumber(Math.round(r.durationMs / 100) / 10) })),
        h('td', {}, r.source === 'scim' ? null : h('button', { type: 'button', class: 'button button-ghost', testid: 'hr-run-download',
          onclick: () => downloadResults(r.id) }, t('hrImport.download'))))),
    }), pager({ page, pageSize: 20, total: data.total }, (p) => { page = p; load(true); })];
  }
}
