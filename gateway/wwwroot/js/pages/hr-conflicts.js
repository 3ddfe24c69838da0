// HR conflicts: HR deactivated someone who holds party roles. The deactivation applied and the roles were kept; an
// administrator resolves each with a note, optionally ending the roles (through the People commands).
import { get, post } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, loading, empty, problemBanner, showProblem, clearProblem, busy, pager, table } from '../ui.js';

export function render(main, { user }) {
  const results = h('div', { class: 'results' });
  const status = h('select', { id: 'hr-conflict-status', testid: 'hr-conflict-status' },
    ['open', 'resolved', ''].map((s) => h('option', { value: s }, t(`hrConflicts.filter.${s || 'all'}`))));
  let page = 1;
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('hrConflicts.title'))),
    h('p', { class: 'muted' }, t('hrConflicts.intro')),
    h('div', { class: 'toolbar' }, field({ label: t('hrConflicts.status'), name: 'status', control: status })),
    results);
  if (!(user.role === 'group-admin' || user.role === 'subsidiary-admin')) {
    results.replaceChildren(h('div', { class: 'banner banner-error', role: 'alert' }, t('error.forbidden')));
    return;
  }
  status.addEventListener('change', () => { page = 1; load(); });
  load();

  async function load() {
    results.replaceChildren(loading());
    try {
      const data = await get('/api/v1/hr-conflicts', { status: status.value, page, pageSize: 20 });
      results.replaceChildren(...view(data));
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(data) {
    if (!data.items.length) return [empty(t('hrConflicts.empty'), 'hr-conflicts-empty')];
    return [table({
      testid: 'hr-conflicts-table',
      columns: [{ label: t('hrConflicts.person') }, { label: t('hrConflicts.kind') }, { label: t('hrConflicts.details') },
        { label: t('hrConflicts.raisedAt') }, { label: t('hrConflicts.status') }, { label: '' }],
      rows: data.items.map((c) => h('tr', { testid: 'hr-conflict-row', 'data-conflict-id': c.id, 'data-status': c.status },
        h('th', { scope: 'row' }, c.personName),
        h('td', {}, t(`hrConflicts.kind.${c.kind}`)),
        h('td', { class: 'muted' }, c.details),
        h('td', { class: 'muted' }, formatDateTime(c.raisedAt)),
        h('td', {}, c.status === 'open' ? t('hrConflicts.open') : `${t('hrConflicts.resolved')}: ${c.resolutionNote ?? ''}`),
        h('td', {}, c.status === 'open' ? resolveForm(c) : null))),
    }), pager({ page, pageSize: 20, total: data.total }, (p) => { page = p; load(); })];
  }

  function resolveForm(conflict) {
    const note = h('input', { type: 'text', testid: 'hr-conflict-note', maxlength: '1000', autocomplete: 'off' });
    const endRoles = h('input', { type: 'checkbox', testid: 'hr-conflict-end-roles' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'hr-conflict-resolve' }, t('hrConflicts.resolve'));
    const form = h('form', { class: 'form form-inline', novalidate: true },
      h('div', { class: 'form-message' }),
      field({ label: t('hrConflicts.note'), name: 'note', control: note }),
      h('label', { class: 'checkbox' }, endRoles, ' ', t('hrConflicts.endRoles')),
      submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      if (endRoles.checked && !window.confirm(t('hrConflicts.confirmEndRoles', { name: conflict.personName }))) return;
      try {
        await busy(submit, t('state.saving'), () => post(`/api/v1/hr-conflicts/${conflict.id}/resolve`,
          { note: note.value.trim(), endRoles: endRoles.checked, expectedVersion: conflict.version }));
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}
