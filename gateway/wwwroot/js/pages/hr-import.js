// HR file import: upload an HR export (CSV in UTF-8 or GBK, or XLSX; employees or departments), preview what it
// would do (nothing is written), apply it, and download each row's result.
import { get, postForm, downloadFile, Problem } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, problemBanner, showProblem, clearProblem, busy, table } from '../ui.js';

export const outcomes = ['created', 'updated', 'deactivated', 'unchanged', 'stale', 'conflict', 'error'];

export function render(main, { user, query }) {
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  if (!isAdmin) {
    main.replaceChildren(h('div', { class: 'page-header' }, h('h1', {}, t('hrImport.title'))),
      h('div', { class: 'banner banner-error', role: 'alert' }, t('error.forbidden')));
    return;
  }
  const subsidiary = h('select', { id: 'hr-import-subsidiary', testid: 'hr-import-subsidiary' });
  const kind = h('select', { id: 'hr-import-kind', testid: 'hr-import-kind' },
    h('option', { value: '' }, t('hrImport.kind.detect')),
    h('option', { value: 'employees' }, t('hrImport.kind.employees')),
    h('option', { value: 'departments' }, t('hrImport.kind.departments')));
  const file = h('input', { type: 'file', id: 'hr-import-file', testid: 'hr-import-file', accept: '.csv,.xlsx,text/csv' });
  const previewButton = h('button', { type: 'submit', class: 'button button-secondary', testid: 'hr-import-preview' }, t('hrImport.preview'));
  const applyButton = h('button', { type: 'button', class: 'button button-primary', testid: 'hr-import-apply', disabled: true }, t('hrImport.apply'));
  const results = h('div', { class: 'results', testid: 'hr-import-results' });
  const form = h('form', { class: 'form card', testid: 'hr-import-form', novalidate: true },
    h('div', { class: 'form-message' }),
    user.role === 'group-admin' ? field({ label: t('hrImport.subsidiary'), name: 'subsidiaryId', control: subsidiary }) : null,
    field({ label: t('hrImport.kind'), name: 'kind', control: kind }),
    field({ label: t('hrImport.file'), name: 'file', control: file, hint: t('hrImport.fileHint') }),
    h('div', { class: 'form-actions' }, previewButton, applyButton));

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('hrImport.title'))),
    h('p', { class: 'muted' }, t('hrImport.intro')),
    h('p', {}, h('a', { href: '/hr-sync-runs' }, t('nav.hrSyncRuns')), ' · ', h('a', { href: '/hr-conflicts' }, t('nav.hrConflicts'))),
    form, results);

  if (user.role === 'group-admin') {
    // ?subsidiaryId= preselects one (a link from the subsidiary's pages); it is added when not among the first 200.
    const wanted = query?.get('subsidiaryId');
    Promise.all([get('/api/v1/subsidiaries', { pageSize: 200 }), wanted ? get(`/api/v1/subsidiaries/${wanted}`).catch(() => null) : null])
      .then(([data, chosenOne]) => {
        const items = chosenOne && !data.items.some((s) => s.id === chosenOne.id) ? [chosenOne, ...data.items] : data.items;
        subsidiary.replaceChildren(h('option', { value: '' }, t('hrImport.chooseSubsidiary')), ...items.map((s) => h('option', { value: s.id }, s.name)));
        if (chosenOne) subsidiary.value = chosenOne.id;
      })
      .catch((problem) => results.replaceChildren(problemBanner(problem)));
  }
  const subsidiaryId = () => (user.role === 'group-admin' ? subsidiary.value : user.subsidiaryId);
  file.addEventListener('change', () => { applyButton.disabled = true; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    if (!chosen()) return;
    try {
      const preview = await busy(previewButton, t('hrImport.previewing'), () => postForm(`/api/v1/subsidiaries/${subsidiaryId()}/hr-imports/preview`, { file: file.files[0], kind: kind.value || null }));
      results.replaceChildren(...view(preview));
      applyButton.disabled = false;
    } catch (problem) {
      showProblem(form, problem);
    }
  });

  applyButton.addEventListener('click', async () => {
    clearProblem(form);
    if (!chosen()) return;
    try {
      const applied = await busy(applyButton, t('hrImport.applying'), () => postForm(`/api/v1/subsidiaries/${subsidiaryId()}/hr-imports`, { file: file.files[0], kind: kind.value || null }));
      results.replaceChildren(...view(applied));
      applyButton.disabled = true;
    } catch (problem) {
      showProblem(form, problem);
    }
  });

  function chosen() {
    if (!subsidiaryId()) { showProblem(form, new Problem({ title: t('hrImport.chooseSubsidiary'), errors: { subsidiaryId: [t('hrImport.chooseSubsidiary')] } })); return false; }
    if (!file.files.length) { showProblem(form, new Problem({ title: t('hrImport.chooseFile'), errors: { file: [t('hrImport.chooseFile')] } })); return false; }
    return true;
  }
}

function view(result) {
  const summary = h('p', { testid: result.dryRun ? 'hr-import-preview-summary' : 'hr-import-applied-summary', role: 'status',
    class: result.dryRun ? 'banner' : 'banner banner-success' },
    (result.dryRun ? t('hrImport.previewSummary') : t('hrImport.appliedSummary')) + ' ' +
    outcomes.map((o) => `${t(`hrOutcome.${o}`)} ${formatNumber(result.counts[o] ?? 0)}`).join(' · '));
  const download = result.run
    ? h('button', { type: 'button', class: 'button', testid: 'hr-import-download', onclick: () => downloadResults(result.run.id) }, t('hrImport.download'))
    : null;
  const truncated = result.rowsTruncated
    ? h('p', { class: 'muted', testid: 'hr-import-truncated' }, t('hrImport.truncated', { shown: formatNumber(result.rows.length) }))
    : null;
  return [summary, download, truncated, table({
    testid: 'hr-import-table',
    columns: [{ label: t('hrImport.row'), num: true }, { label: t('hrImport.employeeNumber') }, { label: t('hrImport.name') },
      { label: t('hrImport.outcome') }, { label: t('hrImport.message') }],
    rows: result.rows.map((r) => h('tr', { testid: 'hr-import-row', 'data-outcome': r.outcome },
      h('td', { class: 'num' }, String(r.rowNumber)),
      h('td', {}, r.employeeNumber ?? r.externalId ?? ''),
      h('td', {}, r.name ?? ''),
      h('td', {}, h('span', { class: `badge badge-outcome-${r.outcome}` }, t(`hrOutcome.${r.outcome}`))),
      h('td', { class: 'muted' }, r.message ?? ''))),
  })];
}

/** The results of a sync run as CSV. */
export const downloadResults = (runId) => downloadFile(`/api/v1/hr-sync-runs/${runId}/results.csv`, `hr-sync-${runId}.csv`).catch(() => {});
