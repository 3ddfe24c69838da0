// Tackling projects (攻坚项目): a page of projects (filtered by alliance, year, category, status and title) and, for
// planners, the form to create one: owning organization, alliance, category, year, title, description and the partner
// units of the alliance on its team with their contacts.
import { get, post, idempotency } from '../api.js';
import { t, formatPercent } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { organizationPicker } from '../units.js';
import { isPlanner } from './activities.js';
import { pagedAll } from './meetings.js';

export const categories = ['major-engineering', 'business-growth', 'livelihood', 'innovation', 'grassroots-governance', 'party-building'];
export const projectStatuses = ['planned', 'in-progress', 'completed', 'suspended', 'cancelled'];
export const measureUnits = ['days-ahead', 'cny', 'people-served', 'households', 'items', 'hours', 'enterprises', 'percent'];

/** The alliances the user may pick, as options after a first one. */
export function allianceSelect(testid, first, value = '') {
  const select = h('select', { testid, 'aria-label': t('project.alliance') }, h('option', { value: '' }, first));
  pagedAll('/api/v1/alliances').then((alliances) => {
    select.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    select.value = value;
  }).catch(() => {});
  return select;
}

export function render(main, { user }) {
  let page = 1;
  const alliance = allianceSelect('projects-alliance', t('meetings.anyAlliance'));
  const year = h('input', { type: 'number', min: '2000', max: '2100', testid: 'projects-year', 'aria-label': t('project.year'), placeholder: t('project.year') });
  const category = h('select', { testid: 'projects-category', 'aria-label': t('project.category') }, h('option', { value: '' }, t('projects.anyCategory')),
    ...categories.map((c) => h('option', { value: c }, t(`projectCategory.${c}`))));
  const status = h('select', { testid: 'projects-status', 'aria-label': t('project.status') }, h('option', { value: '' }, t('projects.anyStatus')),
    ...projectStatuses.map((s) => h('option', { value: s }, t(`projectStatus.${s}`))));
  const search = h('input', { type: 'search', testid: 'projects-search', 'aria-label': t('projects.search'), placeholder: t('projects.search') });
  const list = h('div', {}, loading());
  for (const control of [alliance, year, category, status]) control.addEventListener('change', () => { page = 1; load(); });
  search.addEventListener('input', () => { page = 1; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('projects.title')), h('p', { class: 'page-status' }, t('projects.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, alliance, year, category, status, search), list),
      isPlanner(user) ? h('div', { class: 'column-side' }, projectForm({ onSaved: () => load() })) : null));
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/projects', {
        page, pageSize: 20, allianceId: alliance.value || undefined, year: year.value || undefined, category: category.value || undefined,
        status: status.value || undefined, search: search.value.trim() || undefined,
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('projects.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'projects-table',
        columns: [{ label: t('project.title') }, { label: t('project.category') }, { label: t('project.year'), num: true },
          { label: t('project.organization') }, { label: t('project.status') }, { label: t('project.progress'), num: true }],
        rows: data.items.map((p) => h('tr', { testid: 'project-row' },
          h('td', {}, h('a', { href: `/projects/${p.id}` }, p.title)),
          h('td', {}, t(`projectCategory.${p.category}`)),
          h('td', { class: 'num' }, String(p.year)),
          h('td', {}, p.organizationName),
          h('td', {}, t(`projectStatus.${p.status}`)),
          h('td', { class: 'num', testid: 'project-progress' }, formatPercent(p.progress),
            p.milestonesOverdue ? h('span', { class: 'badge badge-overdue', testid: 'project-overdue' }, ` ${t('project.overdueCount', { count: p.milestonesOverdue })}`) : null))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function projectForm({ onSaved }) {
  const keys = idempotency();
  const title = h('input', { type: 'text', maxlength: '200', testid: 'project-title' });
  const organization = organizationPicker({ name: 'organizationId', label: t('project.organization'), testid: 'project-organization' });
  const alliance = allianceSelect('project-alliance', t('project.noAlliance'));
  const category = h('select', { testid: 'project-category' }, h('option', { value: '' }, t('project.pickCategory')),
    ...categories.map((c) => h('option', { value: c }, t(`projectCategory.${c}`))));
  const year = h('input', { type: 'number', min: '2000', max: '2100', testid: 'project-year', value: String(new Date().getFullYear()) });
  const description = h('textarea', { rows: '3', maxlength: '4000', testid: 'project-description' });
  const partners = h('div', { class: 'stack', testid: 'project-partners' }, h('p', { class: 'muted' }, t('project.partnersHint')));
  let rows = [];
  alliance.addEventListener('change', async () => {
    rows = [];
    partners.replaceChildren();
    if (!alliance.value) return;
    try {
      const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
      rows = data.members.filter((u) => u.external && !u.leftOn).map((u) => {
        const contact = h('input', { type: 'text', maxlength: '100', testid: 'project-partner-contact', placeholder: t('project.contact'),
          'aria-label': t('project.contactOf', { name: u.name }) });
        return { id: u.id, contact, element: h('div', { class: 'form-inline' }, h('span', {}, u.name), contact) };
      });
      partners.replaceChildren(...(rows.length ? rows.map((r) => r.element) : [h('p', { class: 'muted' }, t('project.noPartners'))]));
    } catch (problem) {
      partners.replaceChildren(problemBanner(problem));
    }
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'project-submit' }, t('projects.submit'));
  const form = h('form', { class: 'form card', testid: 'project-form', novalidate: true },
    h('h2', {}, t('projects.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('project.title'), name: 'title', control: title }),
    organization.element,
    field({ label: t('project.alliance'), name: 'allianceId', control: alliance }),
    field({ label: t('project.category'), name: 'category', control: category }),
    field({ label: t('project.year'), name: 'year', control: year }),
    field({ label: t('project.description'), name: 'description', control: description }),
    h('div', { class: 'field', 'data-field': 'team' }, h('label', {}, t('project.partners')), partners, h('p', { class: 'field-error', hidden: true })),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: title.value.trim(), organizationId: organization.value || null, allianceId: alliance.value || null, category: category.value || null,
      year: year.value ? Number(year.value) : null, description: description.value.trim() || null,
      team: rows.filter((r) => r.contact.value.trim()).map((r) => ({ memberUnitId: r.id, contactName: r.contact.value.trim() })),
    };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/projects', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      description.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('projects.created', { title: saved.title }), ' ',
        h('a', { href: `/projects/${saved.id}`, testid: 'created-link' }, t('meetings.open'))));
      onSaved(saved);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
