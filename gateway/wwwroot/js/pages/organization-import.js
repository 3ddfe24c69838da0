// Importing a subsidiary's party tree from a CSV file: choose a file, preview what each row would do, then apply.
import { get, postForm, Problem } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, problemBanner, successBanner, showProblem, clearProblem, busy, kindBadge, table } from '../ui.js';

const templateUrl = '/api/v1/organization-imports/template.csv';
const kinds = ['committee', 'general-branch', 'branch', 'group'];
// After an apply, a row to create was created and a row with an error was skipped.
const appliedOutcome = { create: 'created', exists: 'exists', error: 'skipped' };

export function render(main, { params }) {
  const id = params.id;
  const base = `/api/v1/subsidiaries/${encodeURIComponent(id)}/organization-imports`;
  const treeHref = `/subsidiaries/${encodeURIComponent(id)}`;
  const subtitle = h('p', { class: 'muted page-status' });
  const file = h('input', { type: 'file', accept: '.csv,text/csv', testid: 'import-file' });
  const previewButton = h('button', { type: 'submit', class: 'button button-primary', testid: 'import-preview' }, t('import.preview'));
  const form = h('form', { class: 'form card', testid: 'import-form', novalidate: true },
    h('div', { class: 'form-message' }),
    field({ label: t('import.file'), name: 'file', control: file, hint: t('import.fileHint') }),
    h('div', { class: 'form-actions' }, previewButton,
      h('a', { href: templateUrl, download: 'organization-tree-template.csv', class: 'button button-secondary', testid: 'import-template' },
        t('import.template'))));
  const result = h('section', { class: 'section', testid: 'import-result' });
  // One key per chosen file: a retried apply of the same file returns the first result instead of importing twice.
  let idempotencyKey = null;

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('import.back') },
      h('a', { href: treeHref, testid: 'back-to-subsidiary' }, t('import.back'))),
    h('div', { class: 'page-header' }, h('h1', {}, t('import.title')), subtitle),
    h('p', {}, t('import.intro')),
    h('p', { class: 'muted' }, t('import.format')),
    form,
    result);

  get(`/api/v1/subsidiaries/${encodeURIComponent(id)}`)
    .then((subsidiary) => { subtitle.textContent = subsidiary.name; })
    .catch((problem) => result.replaceChildren(problemBanner(problem)));

  file.addEventListener('change', () => {
    idempotencyKey = null;
    result.replaceChildren();
    clearProblem(form);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const chosen = file.files[0];
    if (!chosen) {
      showProblem(form, new Problem({ title: t('error.fieldsBelow'), errors: { file: [t('import.chooseFile')] } }));
      return;
    }
    result.replaceChildren(loading());
    try {
      const preview = await busy(previewButton, t('import.previewing'), () => postForm(`${base}/preview`, { file: chosen }));
      idempotencyKey ??= newKey();
      showPreview(preview, chosen);
    } catch (problem) {
      result.replaceChildren();
      showProblem(form, problem);
    }
  });

  function showPreview(preview, chosen) {
    const skip = h('input', { type: 'checkbox', id: 'import-skip-invalid', testid: 'import-skip-invalid' });
    const apply = h('button', { type: 'button', class: 'button button-primary', testid: 'import-apply' }, t('import.apply'));
    const message = h('div', { class: 'form-message' });
    const hint = h('p', { class: 'muted', testid: 'import-apply-hint' });
    const nothingToCreate = preview.totals.create === 0;
    const update = () => {
      apply.disabled = nothingToCreate || (preview.totals.errors > 0 && !skip.checked);
      hint.textContent = nothingToCreate ? t('import.nothingToCreate')
        : preview.totals.errors > 0 && !skip.checked ? t('import.fixOrSkip') : '';
    };
    skip.addEventListener('change', update);
    update();
    apply.addEventListener('click', async () => {
      message.replaceChildren();
      try {
        const applied = await busy(apply, t('import.applying'),
          () => postForm(skip.checked ? `${base}?skipInvalid=true` : base, { file: chosen }, idempotencyKey));
        showApplied(applied);
      } catch (problem) {
        message.replaceChildren(problemBanner(problem));
        update();
      }
    });
    result.replaceChildren(
      h('h2', {}, t('import.previewTitle')),
      totals(preview.totals, false),
      rowsTable(preview.rows, false),
      message,
      h('div', { class: 'form-actions' },
        preview.totals.errors > 0
          ? h('label', { class: 'radio', for: 'import-skip-invalid' }, skip, t('import.skipInvalid'))
          : null,
        apply),
      hint);
  }

  function showApplied(applied) {
    result.replaceChildren(
      h('h2', {}, t('import.resultTitle')),
      successBanner(t('import.applied', { created: formatNumber(applied.totals.create) }), ' ',
        h('a', { href: treeHref, testid: 'import-back-to-tree' }, t('import.backToTree'))),
      totals(applied.totals, true),
      rowsTable(applied.rows, true));
    file.value = '';
    idempotencyKey = null;
  }
}

function totals({ rows, create, exists, errors }, applied) {
  const stat = (label, value, testid) => h('div', { class: 'stat card', testid },
    h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, formatNumber(value)));
  return h('div', { class: 'cards', testid: 'import-totals' },
    stat(t('import.totalRows'), rows, 'import-total-rows'),
    stat(applied ? t('import.created') : t('import.toCreate'), create, 'import-total-create'),
    stat(t('import.exists'), exists, 'import-total-exists'),
    stat(applied ? t('import.skipped') : t('import.errors'), errors, 'import-total-errors'));
}

function rowsTable(rows, applied) {
  return table({
    testid: 'import-rows',
    columns: [{ label: t('import.col.line'), num: true }, { label: t('import.col.code') }, { label: t('import.col.name') },
      { label: t('import.col.kind') }, { label: t('import.col.parent') }, { label: t('import.col.outcome') },
      { label: t('import.col.message') }],
    rows: rows.map((r) => h('tr', { testid: 'import-row', 'data-outcome': r.outcome, 'data-line': r.line,
      class: r.outcome === 'error' ? 'row-warning' : null },
      h('td', { class: 'num' }, String(r.line)),
      h('td', { class: 'code' }, r.code),
      h('th', { scope: 'row' }, r.name),
      h('td', {}, kinds.includes(r.kind) ? kindBadge(r.kind) : r.kind),
      h('td', { class: 'code' }, r.parent),
      h('td', { testid: 'import-outcome' }, t(`import.outcome.${applied ? appliedOutcome[r.outcome] : r.outcome}`)),
      h('td', { title: r.message ?? null, testid: 'import-message' },
        r.column ? h('span', { class: 'muted' }, `${t('import.column', { column: t(`import.field.${r.column}`) })} `) : null, rowMessage(r)))),
  });
}

/** The row's outcome in the user's language; the service's own (English) message stays in the cell's tooltip. */
function rowMessage(r) {
  if (r.outcome === 'exists') return t('import.existsMessage');
  if (!r.reason) return r.message ?? '';
  const kindName = kinds.includes(r.kind) ? t(`kind.${r.kind}`) : r.kind;
  const key = `import.reason.${r.reason}`;
  const text = t(key, { code: r.code, name: r.name, kind: r.kind, kindName, parent: r.parent, line: r.relatedLine ?? '' });
  return text === key ? r.message ?? '' : text;
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
