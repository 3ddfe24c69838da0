// The party organization tree browser of a subsidiary: expand/collapse, select a node to see its path, subtree counts
// and history, and (for admins) dated changes: add a child, rename, move, merge into another, dissolve. An "as of" date
// shows the tree of a past day, read-only.
import { get, post, idempotency } from '../api.js';
import { t, formatNumber, formatDateTime } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, kindBadge } from '../ui.js';

const pageSize = 200;
const kinds = ['committee', 'general-branch', 'branch', 'group'];
/** Which kind may stand under which (the same rule the service enforces); null is the root. */
const mayStandUnder = {
  committee: [null, 'committee'],
  'general-branch': [null, 'committee'],
  branch: [null, 'committee', 'general-branch'],
  group: ['branch'],
};

/** Today in the group's calendar (China Standard Time, UTC+8), as yyyy-MM-dd. */
export function todayInChina() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * Builds the browser. Returns { element, load, organizations }: load() reads the tree again (after a change made
 * elsewhere, e.g. the create form); onChange is called after every change made here.
 */
export function treeBrowser(subsidiaryId, { canEdit, onChange }) {
  const state = { organizations: [], byId: new Map(), expanded: new Set(), selected: null, asOf: '', includeEnded: false };

  const asOf = h('input', { type: 'date', testid: 'tree-as-of', max: todayInChina() });
  const includeEnded = h('input', { type: 'checkbox', testid: 'tree-include-ended' });
  const backToToday = h('button', { type: 'button', class: 'button button-secondary', testid: 'tree-today', hidden: true,
    onclick: () => { asOf.value = ''; changeAsOf(); } }, t('tree.today'));
  const banner = h('div', { testid: 'tree-mode' });
  const list = h('div', { class: 'tree', role: 'tree', 'aria-label': t('subsidiary.tree'), testid: 'org-tree' }, loading());
  const details = h('section', { class: 'card tree-details', testid: 'org-details', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, t('tree.selectHint')));

  asOf.addEventListener('change', changeAsOf);
  includeEnded.addEventListener('change', () => { state.includeEnded = includeEnded.checked; load(); });

  const element = h('div', { class: 'tree-browser' },
    h('div', { class: 'tree-toolbar' },
      h('label', { class: 'tree-toolbar-item' }, t('tree.asOf'), asOf),
      backToToday,
      h('label', { class: 'tree-toolbar-item' }, includeEnded, t('tree.includeEnded'))),
    banner,
    h('div', { class: 'tree-layout' }, list, details));

  function changeAsOf() {
    state.asOf = asOf.value;
    backToToday.hidden = !state.asOf;
    includeEnded.disabled = !!state.asOf;
    load();
  }

  async function load() {
    list.replaceChildren(loading());
    banner.replaceChildren(state.asOf
      ? h('div', { class: 'banner banner-info', role: 'status' }, t('tree.pastReadOnly', { date: state.asOf }))
      : '');
    try {
      state.organizations = await readAll();
      state.byId = new Map(state.organizations.map((o) => [o.id, o]));
      // The first load opens the top two levels; later loads keep what the user opened.
      if (!state.expanded.size) for (const o of state.organizations) if (o.depth < 1) state.expanded.add(o.id);
      renderList();
      if (state.selected && state.byId.has(state.selected)) await showDetails(state.selected);
      else {
        state.selected = null;
        details.replaceChildren(h('p', { class: 'muted' }, t('tree.selectHint')));
      }
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
    return state.organizations;
  }

  async function readAll() {
    const path = `/api/v1/subsidiaries/${encodeURIComponent(subsidiaryId)}/organizations`;
    if (state.asOf) return (await get(path, { asOf: state.asOf })).items;
    const items = [];
    for (let page = 1; ; page++) {
      const data = await get(path, { page, pageSize, includeEnded: state.includeEnded || undefined });
      items.push(...data.items);
      if (!data.items.length || items.length >= data.total) return items;
    }
  }

  function childrenOf(parentId) {
    return state.organizations
      .filter((o) => (o.parentId && state.byId.has(o.parentId) ? o.parentId : null) === parentId)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  function renderList() {
    const roots = childrenOf(null);
    if (!roots.length) {
      list.replaceChildren(empty(state.asOf ? t('tree.emptyPast') : t('subsidiary.empty'), 'org-empty'));
      return;
    }
    const rows = [];
    const visit = (o, depth) => {
      const children = childrenOf(o.id);
      const open = state.expanded.has(o.id);
      const toggle = children.length
        ? h('button', { type: 'button', class: 'tree-toggle', testid: 'tree-toggle', 'aria-expanded': String(open),
          'aria-label': t(open ? 'tree.collapse' : 'tree.expand', { name: o.name }),
          onclick: () => { if (open) state.expanded.delete(o.id); else state.expanded.add(o.id); renderList(); } }, open ? '▾' : '▸')
        : h('span', { class: 'tree-toggle tree-leaf', 'aria-hidden': 'true' }, '·');
      const row = h('div', { class: `tree-row${state.selected === o.id ? ' is-selected' : ''}${o.status !== 'active' ? ' is-ended' : ''}`,
        role: 'treeitem', 'aria-level': String(depth + 1), 'aria-selected': String(state.selected === o.id),
        'data-org-id': o.id, 'data-depth': depth, testid: 'org-row' },
        toggle,
        h('button', { type: 'button', class: 'tree-name-button', testid: 'org-select', onclick: () => select(o.id) }, o.name),
        kindBadge(o.kind),
        o.status !== 'active' ? h('span', { class: 'badge badge-status-ended', testid: 'org-status' }, t(`tree.status.${o.status}`)) : null);
      row.style.setProperty('--depth', depth);
      rows.push(row);
      if (open) for (const child of children) visit(child, depth + 1);
    };
    for (const root of roots) visit(root, 0);
    list.replaceChildren(...rows);
  }

  async function select(id) {
    state.selected = id;
    // Opening the path to the node keeps it visible.
    for (let o = state.byId.get(id); o?.parentId; o = state.byId.get(o.parentId)) state.expanded.add(o.parentId);
    renderList();
    await showDetails(id);
  }

  async function showDetails(id) {
    const o = state.byId.get(id);
    details.replaceChildren(loading());
    try {
      const encoded = encodeURIComponent(id);
      const [path, counts, history] = await Promise.all([
        state.asOf ? Promise.resolve(pastPath(o)) : get(`/api/v1/organizations/${encoded}/path`),
        state.asOf ? Promise.resolve(null) : get(`/api/v1/organizations/${encoded}/counts`),
        get(`/api/v1/organizations/${encoded}/history`),
      ]);
      const editable = canEdit && !state.asOf && o.status === 'active';
      details.replaceChildren(
        h('nav', { class: 'breadcrumb tree-path', 'aria-label': t('tree.path'), testid: 'org-path' },
          path.map((p, i) => [i ? h('span', { class: 'muted' }, ' / ') : null,
            h('button', { type: 'button', class: 'link-button', testid: 'org-path-item', onclick: () => select(p.id) }, p.name)])),
        h('h3', { testid: 'org-details-name' }, o.name, ' ', kindBadge(o.kind)),
        h('dl', { class: 'details-list' },
          h('dt', {}, t('tree.status')), h('dd', { testid: 'org-details-status' }, t(`tree.status.${state.asOf ? 'active' : o.status}`)),
          h('dt', {}, t('tree.createdOn')), h('dd', {}, o.createdOn),
          !state.asOf && o.endedOn ? [h('dt', {}, t('tree.endedOn')), h('dd', {}, o.endedOn)] : null),
        counts ? countsList(counts) : null,
        editable ? actions(o) : null,
        h('h4', {}, t('tree.history')),
        historyList(history));
    } catch (problem) {
      details.replaceChildren(problemBanner(problem, { onRetry: () => showDetails(id) }));
    }
  }

  /** In the past tree the path comes from the rebuilt nodes themselves. */
  function pastPath(o) {
    const path = [];
    for (let n = o; n; n = n.parentId ? state.byId.get(n.parentId) : null) path.unshift(n);
    return path;
  }

  function countsList(c) {
    return h('dl', { class: 'details-list tree-counts', testid: 'org-counts' },
      h('dt', {}, t('tree.count.organizations')), h('dd', { testid: 'org-count-organizations' }, formatNumber(c.organizations)),
      kinds.map((k) => [h('dt', {}, t(`kind.${k}`)),
        h('dd', {}, formatNumber({ committee: c.committees, 'general-branch': c.generalBranches, branch: c.branches, group: c.groups }[k]))]),
      h('dt', {}, t('tree.count.members')), h('dd', { testid: 'org-count-members' }, formatNumber(c.members)));
  }

  function historyList(changes) {
    if (!changes.length) return empty(t('tree.noHistory'));
    const name = (id) => state.byId.get(id)?.name ?? t('tree.unknownOrg');
    const describe = (c) => {
      switch (c.kind) {
        case 'created': return t('tree.change.created', { name: c.newName ?? '' });
        case 'renamed': return t('tree.change.renamed', { from: c.oldName ?? '', to: c.newName ?? '' });
        case 'moved': return t('tree.change.moved', { from: c.oldParentId ? name(c.oldParentId) : t('tree.root'), to: name(c.newParentId) });
        case 'merged': return t('tree.change.merged', { to: name(c.mergedIntoId) });
        case 'absorbed': return t('tree.change.absorbed', { from: name(c.mergedFromId) });
        case 'dissolved': return t('tree.change.dissolved');
        default: return c.kind;
      }
    };
    return h('ol', { class: 'history-list', testid: 'org-history' }, changes.map((c) =>
      h('li', { testid: 'org-history-item', 'data-kind': c.kind },
        h('strong', {}, c.effectiveOn), ' ', describe(c),
        h('span', { class: 'muted' }, ' · ', t('tree.recorded', { at: formatDateTime(c.recordedAt), by: c.recordedBy ?? '—' })))));
  }

  // ---- actions

  function actions(o) {
    const slot = h('div', { class: 'tree-action-form' });
    const open = (form) => { slot.replaceChildren(form); form.querySelector('input, select')?.focus(); };
    const canHaveChildren = o.kind !== 'group';
    return h('div', { class: 'tree-actions' },
      h('div', { class: 'form-actions', testid: 'org-actions' },
        canHaveChildren ? h('button', { type: 'button', class: 'button button-secondary', testid: 'action-add-child', onclick: () => open(addChildForm(o)) }, t('tree.action.addChild')) : null,
        h('button', { type: 'button', class: 'button button-secondary', testid: 'action-rename', onclick: () => open(renameForm(o)) }, t('tree.action.rename')),
        h('button', { type: 'button', class: 'button button-secondary', testid: 'action-move', onclick: () => open(moveForm(o)) }, t('tree.action.move')),
        h('button', { type: 'button', class: 'button button-secondary', testid: 'action-merge', onclick: () => open(mergeForm(o)) }, t('tree.action.merge')),
        h('button', { type: 'button', class: 'button button-danger', testid: 'action-dissolve', onclick: () => open(dissolveForm(o)) }, t('tree.action.dissolve'))),
      slot);
  }

  function dateField() {
    const input = h('input', { type: 'date', testid: 'action-effective-on', value: todayInChina(), max: todayInChina() });
    return { input, element: field({ label: t('tree.effectiveOn'), name: 'effectiveOn', control: input, hint: t('tree.effectiveOnHint') }) };
  }

  /** A small dated form: fields, a submit, field errors in place; after success the tree reloads with the result selected. */
  function actionForm({ title, testid, fields, submitLabel, send, selectAfter }) {
    const date = dateField();
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'action-submit' }, submitLabel);
    const form = h('form', { class: 'form', testid, novalidate: true },
      h('h4', {}, title), h('div', { class: 'form-message' }), fields, date.element, h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        const result = await busy(submit, t('state.saving'), () => send(date.input.value || undefined));
        state.selected = selectAfter(result);
        await load();
        details.prepend(successBanner(t('tree.saved')));
        onChange?.();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  /** Active organizations the node may stand under (not itself or its descendants; kinds allowed). */
  function parentOptions(o, kind) {
    return state.organizations.filter((p) => p.status === 'active' && p.id !== o.id && !p.path.startsWith(`${o.path}/`)
      && mayStandUnder[kind].includes(p.kind));
  }

  function optionLabel(p) {
    return `${'\u3000'.repeat(p.depth)}${p.name} · ${t(`kind.${p.kind}`)}`;
  }

  function addChildForm(parent) {
    const name = h('input', { type: 'text', testid: 'child-name', autocomplete: 'off', maxlength: '100' });
    const allowed = kinds.filter((k) => mayStandUnder[k].includes(parent.kind));
    const kind = h('select', { testid: 'child-kind' }, allowed.map((k) => h('option', { value: k }, t(`kind.${k}`))));
    const keys = idempotency();
    return actionForm({
      title: t('tree.action.addChildTo', { name: parent.name }), testid: 'form-add-child', submitLabel: t('org.submit'),
      fields: [field({ label: t('org.name'), name: 'name', control: name }), field({ label: t('org.kind'), name: 'kind', control: kind })],
      send: async (effectiveOn) => {
        const body = { subsidiaryId, parentId: parent.id, name: name.value.trim(), kind: kind.value, effectiveOn };
        const created = await post('/api/v1/organizations', body, keys.keyFor(body));
        keys.done();
        state.expanded.add(parent.id);
        return created;
      },
      selectAfter: (created) => created.id,
    });
  }

  function renameForm(o) {
    const name = h('input', { type: 'text', testid: 'rename-name', autocomplete: 'off', maxlength: '100', value: o.name });
    return actionForm({
      title: t('tree.action.rename'), testid: 'form-rename', submitLabel: t('tree.action.rename'),
      fields: [field({ label: t('tree.newName'), name: 'name', control: name })],
      send: (effectiveOn) => post(`/api/v1/organizations/${encodeURIComponent(o.id)}/rename`,
        { name: name.value.trim(), effectiveOn, expectedVersion: o.version }),
      selectAfter: () => o.id,
    });
  }

  function moveForm(o) {
    const parent = h('select', { testid: 'move-parent' },
      h('option', { value: '' }, t('tree.chooseParent')),
      parentOptions(o, o.kind).filter((p) => p.id !== o.parentId).map((p) => h('option', { value: p.id }, optionLabel(p))));
    return actionForm({
      title: t('tree.action.move'), testid: 'form-move', submitLabel: t('tree.action.move'),
      fields: [field({ label: t('tree.newParent'), name: 'newParentId', control: parent })],
      send: (effectiveOn) => post(`/api/v1/organizations/${encodeURIComponent(o.id)}/move`,
        { newParentId: parent.value || null, effectiveOn, expectedVersion: o.version }),
      selectAfter: () => o.id,
    });
  }

  function mergeForm(o) {
    const target = h('select', { testid: 'merge-target' },
      h('option', { value: '' }, t('tree.chooseTarget')),
      state.organizations.filter((p) => p.status === 'active' && p.id !== o.id && !p.path.startsWith(`${o.path}/`))
        .map((p) => h('option', { value: p.id }, optionLabel(p))));
    return actionForm({
      title: t('tree.action.merge'), testid: 'form-merge', submitLabel: t('tree.action.merge'),
      fields: [h('p', { class: 'field-hint' }, t('tree.mergeHint')), field({ label: t('tree.target'), name: 'targetId', control: target })],
      send: (effectiveOn) => post(`/api/v1/organizations/${encodeURIComponent(o.id)}/merge`,
        { targetId: target.value || null, effectiveOn, expectedVersion: o.version }),
      selectAfter: (merged) => merged.mergedIntoId,
    });
  }

  function dissolveForm(o) {
    // Field errors about what has to move first (children, members) have no input of their own: they show in the banner.
    return actionForm({
      title: t('tree.action.dissolve'), testid: 'form-dissolve', submitLabel: t('tree.action.dissolveConfirm'),
      fields: [h('p', { class: 'field-hint' }, t('tree.dissolveHint', { name: o.name }))],
      send: (effectiveOn) => post(`/api/v1/organizations/${encodeURIComponent(o.id)}/dissolve`, { effectiveOn, expectedVersion: o.version }),
      selectAfter: (dissolved) => {
        // A dissolved organization is hidden by default; show ended ones so the result stays in view.
        state.includeEnded = true;
        includeEnded.checked = true;
        return dissolved.id;
      },
    });
  }

  return { element, load, organizations: () => state.organizations };
}
