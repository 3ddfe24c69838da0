// One subsidiary: its party organization tree browser (tree.js) and a form to add an organization to it.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';
import { treeBrowser } from './tree.js';

const kinds = ['committee', 'general-branch', 'branch', 'group'];

export function render(main, { params, user }) {
  const id = params.id;
  const title = h('h1', {}, '');
  const subtitle = h('p', { class: 'muted page-status code' });
  const status = h('div');
  const canCreate = user.role !== 'member';
  const browser = treeBrowser(id, { canEdit: canCreate, onChange: () => form?.setParents(activeInTreeOrder()) });
  const form = canCreate ? createForm(id, () => load()) : null;
  // The form appears once the subsidiary is known to exist.
  if (form) form.element.hidden = true;

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('subsidiary.back') },
      h('a', { href: '/subsidiaries', testid: 'back-to-subsidiaries' }, t('subsidiary.back'))),
    h('div', { class: 'page-header' }, title, subtitle,
      h('a', { href: `/subsidiaries/${encodeURIComponent(id)}/people`, class: 'button button-secondary', testid: 'open-people' }, t('people.open')),
      h('a', { href: `/subsidiaries/${encodeURIComponent(id)}/report`, class: 'button button-secondary', testid: 'open-report' }, t('report.open')),
      ['group-admin', 'subsidiary-admin'].includes(user.role) ? h('a', { href: `/subsidiaries/${encodeURIComponent(id)}/import`, class: 'button button-secondary', testid: 'open-import' }, t('import.open')) : null),
    status,
    h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, h('h2', {}, t('subsidiary.tree')), browser.element),
      form?.element));

  load();

  async function load() {
    status.replaceChildren();
    try {
      const [subsidiary] = await Promise.all([get(`/api/v1/subsidiaries/${encodeURIComponent(id)}`), browser.load()]);
      title.textContent = subsidiary.name;
      subtitle.textContent = t('subsidiary.code', { code: subsidiary.code });
      if (form) {
        form.setParents(activeInTreeOrder());
        form.element.hidden = false;
      }
    } catch (problem) {
      status.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function activeInTreeOrder() {
    return inTreeOrder(browser.organizations().filter((o) => o.status === 'active'));
  }
}

/** Depth-first order with a depth per node; siblings by name. Orphans (parent not visible) become roots. */
function inTreeOrder(organizations) {
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const children = new Map();
  for (const o of organizations) {
    const parent = o.parentId && byId.has(o.parentId) ? o.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(o);
  }
  const ordered = [];
  const visit = (parent, depth) => {
    for (const o of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
      ordered.push({ ...o, depth });
      visit(o.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

function createForm(subsidiaryId, created) {
  const name = h('input', { type: 'text', testid: 'org-name', autocomplete: 'off', maxlength: '200' });
  const kind = h('select', { testid: 'org-kind' }, kinds.map((k) => h('option', { value: k }, t(`kind.${k}`))));
  const parent = h('select', { testid: 'org-parent' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'org-submit' },
    t('org.submit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card column-side', testid: 'organization-form', novalidate: true },
    h('h2', {}, t('org.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('org.name'), name: 'name', control: name }),
    field({ label: t('org.kind'), name: 'kind', control: kind }),
    field({ label: t('org.parent'), name: 'parentId', control: parent }),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { subsidiaryId, parentId: parent.value || null, name: name.value.trim(), kind: kind.value };
    clearProblem(form);
    try {
      const organization = await busy(submit, t('state.saving'),
        () => post('/api/v1/organizations', body, keys.keyFor(body)));
      keys.done();
      name.value = '';
      form.querySelector('.form-message').replaceChildren(
        successBanner(t('org.created', { name: organization.name })));
      created();
    } catch (problem) {
      showProblem(form, problem);
    }
  });

  // Every organization of the subsidiary can be a parent, indented like the tree; a reload keeps the choice.
  function setParents(ordered) {
    const chosen = parent.value;
    parent.replaceChildren(
      h('option', { value: '' }, t('org.noParent')),
      ...ordered.map((o) => h('option', { value: o.id },
        `${'\u3000'.repeat(o.depth)}${o.name} · ${t(`kind.${o.kind}`)}`)));
    parent.value = ordered.some((o) => o.id === chosen) ? chosen : '';
  }
  setParents([]);

  return { element: form, setParents };
}
