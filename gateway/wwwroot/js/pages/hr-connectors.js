// HR connectors: pull connectors to HR systems' REST/JSON APIs (WeCom, DingTalk, Feishu, Beisen style), one subsidiary
// each. Admins list them with their last run, create or edit one (the definition as JSON, checked before sending; see
// docs/api.md "HR connectors"), enable/disable one and run one now.
import { get, post, put, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, showProblem, clearProblem, busy, table } from '../ui.js';

const sample = {
  baseUrl: 'https://openapi.example.com', listPath: '/api/employees', auth: { kind: 'bearer' },
  cursorMode: 'updatedSince', cursorParameter: 'updated_since', pageSizeParameter: 'page_size', pageSize: 100,
  itemsPath: 'data.list',
  fields: {
    employeeNumber: 'jobNumber', externalId: 'userID', name: 'name', department: 'departmentName', position: 'jobTitle',
    active: 'status', activeValues: { 1: true, 0: false }, updatedAt: 'modifiedTime', dateFormat: 'yyyy-MM-dd HH:mm:ss',
  },
};

export function render(main, { user }) {
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  if (!isAdmin) {
    main.replaceChildren(h('div', { class: 'page-header' }, h('h1', {}, t('hrConnectors.title'))),
      h('div', { class: 'banner banner-error', role: 'alert' }, t('error.forbidden')));
    return;
  }
  const results = h('div', { class: 'results' });
  const formSlot = h('div', { class: 'column-side' });
  let subsidiaries = [];

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('hrConnectors.title'))),
    h('p', { class: 'muted' }, t('hrConnectors.intro')),
    h('div', { class: 'columns' }, h('section', { class: 'column-main' }, results), formSlot));

  formSlot.replaceChildren(connectorForm(null));
  load();

  async function load() {
    results.replaceChildren(loading());
    try {
      if (user.role === 'group-admin' && !subsidiaries.length) {
        subsidiaries = (await get('/api/v1/subsidiaries', { pageSize: 200 })).items;
        formSlot.replaceChildren(connectorForm(null));
      }
      const data = await get('/api/v1/hr-connectors', {});
      results.replaceChildren(...view(data));
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function subsidiaryName(id) {
    return subsidiaries.find((s) => s.id === id)?.name ?? (id === user.subsidiaryId ? t('hrConnectors.ownSubsidiary') : id);
  }

  function lastRun(c) {
    if (!c.lastRunStatus) return h('span', { class: 'muted', testid: 'hr-connector-status' }, t('hrConnectors.neverRun'));
    const counts = t('hrConnectors.counts', { created: c.lastRunCreated, updated: c.lastRunUpdated, deactivated: c.lastRunDeactivated, pages: c.lastRunPages });
    return h('div', {},
      h('span', { class: `badge badge-${c.lastRunStatus}`, testid: 'hr-connector-status', 'data-status': c.lastRunStatus }, t(`hrConnectors.status.${c.lastRunStatus}`)),
      ' ', h('span', { class: 'muted' }, new Date(c.lastRunAt).toLocaleString()),
      h('div', { class: 'muted', testid: 'hr-connector-counts' }, counts),
      c.lastRunError ? h('div', { class: 'field-error', testid: 'hr-connector-error' }, c.lastRunError) : null);
  }

  function view(data) {
    if (!data.items.length) return [empty(t('hrConnectors.empty'), 'hr-connector-empty')];
    return [table({
      testid: 'hr-connector-table',
      columns: [{ label: t('hrConnectors.name') }, { label: t('hrConnectors.subsidiary') }, { label: t('hrConnectors.interval') },
        { label: t('hrConnectors.lastRun') }, { label: '' }],
      rows: data.items.map((c) => h('tr', { 'data-hr-connector-id': c.id, testid: 'hr-connector-row' },
        h('th', { scope: 'row' }, c.name, c.enabled ? null : h('span', { class: 'muted' }, ` (${t('hrConnectors.disabled')})`)),
        h('td', {}, subsidiaryName(c.subsidiaryId)),
        h('td', { class: 'muted' }, t('hrConnectors.everyMinutes', { minutes: Math.round(c.intervalSeconds / 60) })),
        h('td', {}, lastRun(c)),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'button', testid: 'hr-connector-run', disabled: !c.enabled,
            onclick: (event) => act(event.currentTarget, () => post(`/api/v1/hr-connectors/${c.id}/run`, {}), t('hrConnectors.running')) },
          t('hrConnectors.runNow')),
          h('button', { type: 'button', class: 'button button-ghost', testid: 'hr-connector-edit',
            onclick: () => formSlot.replaceChildren(connectorForm(c)) }, t('hrConnectors.edit')),
          h('button', { type: 'button', class: 'button button-ghost', testid: 'hr-connector-toggle',
            onclick: (event) => act(event.currentTarget, () => post(`/api/v1/hr-connectors/${c.id}/${c.enabled ? 'disable' : 'enable'}`,
              { expectedVersion: c.version }), t('state.saving')) },
          c.enabled ? t('hrConnectors.disable') : t('hrConnectors.enable'))))),
    })];
  }

  async function act(button, call, label) {
    try {
      await busy(button, label, call);
      load();
    } catch (problem) {
      results.prepend(problemBanner(problem));
    }
  }

  function connectorForm(existing) {
    const name = h('input', { type: 'text', testid: 'hr-connector-name', autocomplete: 'off', maxlength: '100', value: existing?.name ?? '' });
    const subsidiary = h('select', { testid: 'hr-connector-subsidiary' },
      h('option', { value: '' }, t('hrConnectors.chooseSubsidiary')), subsidiaries.map((s) => h('option', { value: s.id }, s.name)));
    const secret = h('input', { type: 'password', testid: 'hr-connector-secret', autocomplete: 'new-password' });
    const interval = h('input', { type: 'number', testid: 'hr-connector-interval', min: '1', max: '10080',
      value: String(Math.round((existing?.intervalSeconds ?? 3600) / 60)) });
    const definition = h('textarea', { testid: 'hr-connector-definition', rows: '18', spellcheck: 'false', class: 'code' });
    definition.value = JSON.stringify(existing?.definition ?? sample, null, 2);
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'hr-connector-submit' },
      existing ? t('hrConnectors.save') : t('hrConnectors.submit'));
    const form = h('form', { class: 'form card', testid: 'hr-connector-form', novalidate: true },
      h('h2', {}, existing ? t('hrConnectors.editTitle', { name: existing.name }) : t('hrConnectors.create')),
      h('div', { class: 'form-message' }),
      field({ label: t('hrConnectors.name'), name: 'name', control: name }),
      user.role === 'group-admin' && !existing ? field({ label: t('hrConnectors.subsidiary'), name: 'subsidiaryId', control: subsidiary }) : null,
      field({ label: t('hrConnectors.secret'), name: 'secret', control: secret,
        hint: existing?.hasSecret ? t('hrConnectors.secretKept') : t('hrConnectors.secretHint') }),
      field({ label: t('hrConnectors.intervalMinutes'), name: 'intervalSeconds', control: interval }),
      field({ label: t('hrConnectors.definition'), name: 'definition', control: definition, hint: t('hrConnectors.definitionHint') }),
      h('div', { class: 'form-actions' }, submit,
        existing ? h('button', { type: 'button', class: 'button button-ghost', onclick: () => formSlot.replaceChildren(connectorForm(null)) },
          t('hrConnectors.cancel')) : null));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      let parsed;
      try {
        parsed = JSON.parse(definition.value);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      } catch {
        showProblem(form, { errors: { definition: [t('hrConnectors.definitionNotJson')] } });
        return;
      }
      const body = {
        name: name.value.trim(), definition: parsed, intervalSeconds: Math.round(Number(interval.value) * 60),
        secret: secret.value === '' ? (existing ? null : '') : secret.value,
      };
      try {
        if (existing) {
          await busy(submit, t('state.saving'), () => put(`/api/v1/hr-connectors/${existing.id}`, { ...body, expectedVersion: existing.version }));
        } else {
          body.subsidiaryId = user.role === 'group-admin' ? (subsidiary.value || null) : user.subsidiaryId;
          body.enabled = true;
          await busy(submit, t('state.saving'), () => post('/api/v1/hr-connectors', body, idempotency()));
        }
        formSlot.replaceChildren(connectorForm(null));
        load();
      } catch (problem) {
        // Errors inside the definition (definition.fields.name, …) carry their path in the message ("fields.name: …"):
        // they are shown under the definition.
        if (problem.errors) {
          const errors = {};
          for (const [key, messages] of Object.entries(problem.errors)) {
            for (const message of messages) {
              const target = /^[a-z][A-Za-z.]*: /.test(message) ? 'definition' : key;
              (errors[target] ??= []).push(message);
            }
          }
          problem.errors = errors;
        }
        showProblem(form, problem);
      }
    });
    return form;
  }
}
