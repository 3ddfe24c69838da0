// HR clients: the credentials HR systems use to provision employees and departments over SCIM (/scim/v2). Admins list
// them, create one (its secret is shown once, with a copy button and a warning) and revoke one.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { formatDate } from '../units.js';

export function render(main, { user }) {
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  if (!isAdmin) {
    main.replaceChildren(h('div', { class: 'page-header' }, h('h1', {}, t('hrClients.title'))),
      h('div', { class: 'banner banner-error', role: 'alert' }, t('error.forbidden')));
    return;
  }
  const results = h('div', { class: 'results' });
  const secretSlot = h('div', { testid: 'hr-secret-slot' });
  let subsidiaries = [];

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('hrClients.title'))),
    h('p', { class: 'muted' }, t('hrClients.intro')),
    h('p', {}, h('a', { href: '/hr-import', testid: 'hr-import-link' }, t('hrClients.importLink'))),
    secretSlot,
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, results),
      createForm()));

  load();

  async function load() {
    results.replaceChildren(loading());
    try {
      if (user.role === 'group-admin' && !subsidiaries.length) {
        subsidiaries = (await get('/api/v1/subsidiaries', { pageSize: 200 })).items;
        fillSubsidiaries();
      }
      const data = await get('/api/v1/hr-clients', {});
      results.replaceChildren(...view(data));
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function subsidiaryName(id) {
    return subsidiaries.find((s) => s.id === id)?.name ?? (id === user.subsidiaryId ? t('hrClients.ownSubsidiary') : id);
  }

  function view(data) {
    if (!data.items.length) return [empty(t('hrClients.empty'), 'hr-client-empty')];
    return [table({
      testid: 'hr-client-table',
      columns: [{ label: t('hrClients.name') }, { label: t('hrClients.subsidiary') }, { label: t('hrClients.createdAt') },
        { label: t('hrClients.createdBy') }, { label: '' }],
      rows: data.items.map((c) => h('tr', { 'data-hr-client-id': c.id, testid: 'hr-client-row' },
        h('th', { scope: 'row' }, c.name),
        h('td', {}, subsidiaryName(c.subsidiaryId)),
        h('td', { class: 'muted' }, formatDate(c.createdAt.slice(0, 10))),
        h('td', { class: 'muted' }, c.createdBy),
        h('td', {}, h('button', { type: 'button', class: 'button button-ghost', testid: 'hr-client-revoke',
          onclick: (event) => revoke(c, event.currentTarget) }, t('hrClients.revoke'))))),
    })];
  }

  async function revoke(client, button) {
    if (!window.confirm(t('hrClients.confirmRevoke', { name: client.name }))) return;
    try {
      await busy(button, t('state.saving'), () => post(`/api/v1/hr-clients/${client.id}/revoke`, {}));
      secretSlot.replaceChildren(h('div', { class: 'banner banner-success', role: 'status', testid: 'hr-client-revoked' },
        t('hrClients.revoked', { name: client.name })));
      load();
    } catch (problem) {
      results.prepend(problemBanner(problem));
    }
  }

  function fillSubsidiaries() {
    const select = main.querySelector('[data-testid="hr-client-subsidiary"]');
    if (!select) return;
    select.replaceChildren(h('option', { value: '' }, t('hrClients.chooseSubsidiary')),
      ...subsidiaries.map((s) => h('option', { value: s.id }, s.name)));
  }

  function createForm() {
    const name = h('input', { type: 'text', id: 'hr-client-name', testid: 'hr-client-name', autocomplete: 'off', maxlength: '100' });
    const subsidiary = h('select', { id: 'hr-client-subsidiary', testid: 'hr-client-subsidiary' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'hr-client-submit' }, t('hrClients.submit'));
    const form = h('form', { class: 'form card column-side', testid: 'hr-client-form', novalidate: true },
      h('h2', {}, t('hrClients.create')),
      h('div', { class: 'form-message' }),
      field({ label: t('hrClients.name'), name: 'name', control: name, hint: t('hrClients.nameHint') }),
      user.role === 'group-admin' ? field({ label: t('hrClients.subsidiary'), name: 'subsidiaryId', control: subsidiary }) : null,
      h('div', { class: 'form-actions' }, submit));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { name: name.value.trim(), subsidiaryId: user.role === 'group-admin' ? (subsidiary.value || null) : user.subsidiaryId };
      clearProblem(form);
      try {
        const created = await busy(submit, t('state.saving'), () => post('/api/v1/hr-clients', body));
        name.value = '';
        showSecret(created);
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function showSecret(created) {
    const secret = h('code', { class: 'secret', testid: 'hr-client-secret' }, created.secret);
    const copied = h('span', { class: 'muted', role: 'status' });
    const copy = h('button', { type: 'button', class: 'button', testid: 'hr-client-copy', onclick: async () => {
      try {
        await navigator.clipboard.writeText(created.secret);
        copied.textContent = t('hrClients.copied');
      } catch {
        copied.textContent = t('hrClients.copyFailed');
      }
    } }, t('hrClients.copy'));
    const dismiss = h('button', { type: 'button', class: 'button button-ghost', testid: 'hr-client-secret-dismiss',
      onclick: () => secretSlot.replaceChildren() }, t('hrClients.dismiss'));
    secretSlot.replaceChildren(h('div', { class: 'banner banner-warning', role: 'alert', testid: 'hr-client-secret-banner' },
      h('p', {}, h('strong', {}, t('hrClients.secretOnce', { name: created.name }))),
      h('p', {}, secret),
      h('p', {}, t('hrClients.usage')),
      h('div', { class: 'form-actions' }, copy, dismiss, copied)));
  }
}
