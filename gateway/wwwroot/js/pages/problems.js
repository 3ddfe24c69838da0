// The problem list (问题清单): the problems of the caller's alliances, filtered by alliance, category, state, tag and words,
// and the form to post one for a member unit (a partner posts for their own unit; the service refuses any other).
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { pagedAll } from './meetings.js';

export const categories = ['venue', 'expertise', 'equipment', 'funding', 'channels', 'training', 'services'];
export const urgencies = ['low', 'normal', 'high', 'urgent'];
export const problemStates = ['open', 'matched', 'resolved', 'withdrawn'];

export const splitTags = (text) => text.split(/[,，、;；\s]+/).map((s) => s.trim()).filter((s) => s);

export function stateBadge(state) {
  return h('span', { class: `badge badge-${state}`, testid: 'state-badge' }, t(`lists.state.${state}`));
}

/** A select of the given values labelled through i18n, with an optional "any" first option. */
export function choice(values, prefix, { testid, any, value = '' } = {}) {
  const select = h('select', { testid }, any ? h('option', { value: '' }, any) : null,
    values.map((v) => h('option', { value: v }, t(`${prefix}.${v}`))));
  select.value = value;
  return select;
}

export function render(main, { query, user }) {
  let page = 1;
  const alliance = h('select', { testid: 'problems-alliance', 'aria-label': t('lists.alliance') }, h('option', { value: '' }, t('lists.anyAlliance')));
  const category = choice(categories, 'lists.category', { testid: 'problems-category', any: t('lists.anyCategory'), value: query.get('category') ?? '' });
  const state = choice(problemStates, 'lists.state', { testid: 'problems-state', any: t('lists.anyState'), value: query.get('state') ?? '' });
  const search = h('input', { type: 'search', testid: 'problems-search', placeholder: t('lists.search'), 'aria-label': t('lists.search') });
  const tag = h('input', { type: 'text', testid: 'problems-tag', placeholder: t('lists.tag'), 'aria-label': t('lists.tag') });
  const list = h('div', {}, loading());
  for (const control of [alliance, category, state]) control.addEventListener('change', () => { page = 1; load(); });
  for (const control of [search, tag]) control.addEventListener('change', () => { page = 1; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('problems.title')), h('p', { class: 'page-status' }, t('problems.intro')),
      h('p', {}, h('a', { href: '/resources', testid: 'to-resources' }, t('problems.toResources')))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, alliance, category, state, search, tag), list),
      h('div', { class: 'column-side' }, problemForm({ user, onSaved: () => load() }))));

  pagedAll('/api/v1/alliances').then((alliances) => {
    alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    alliance.value = query.get('allianceId') ?? '';
  }).catch(() => {});
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/problems', {
        page, pageSize: 20, allianceId: alliance.value || query.get('allianceId') || undefined, category: category.value || undefined,
        state: state.value || undefined, search: search.value.trim() || undefined, tag: tag.value.trim() || undefined,
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('problems.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'problems-table',
        columns: [{ label: t('lists.title') }, { label: t('lists.categoryLabel') }, { label: t('lists.unit') }, { label: t('lists.alliance') },
          { label: t('lists.wantedBy') }, { label: t('lists.stateLabel') }],
        rows: data.items.map((p) => h('tr', { testid: 'problem-row' },
          h('td', {}, h('a', { href: `/problems/${p.id}` }, p.title), ' ', p.tags.map((x) => h('span', { class: 'badge' }, x))),
          h('td', {}, t(`lists.category.${p.category}`)),
          h('td', {}, p.unitName),
          h('td', {}, p.allianceName),
          h('td', {}, p.wantedBy ?? ''),
          h('td', {}, stateBadge(p.state)))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

/** The alliance and member unit selects of a posting form: the unit list follows the alliance. */
export function unitPicker({ testidPrefix }) {
  const alliance = h('select', { testid: `${testidPrefix}-alliance` }, h('option', { value: '' }, t('lists.pickAlliance')));
  const unit = h('select', { testid: `${testidPrefix}-unit` }, h('option', { value: '' }, t('lists.pickUnit')));
  alliance.addEventListener('change', async () => {
    unit.replaceChildren(h('option', { value: '' }, t('lists.pickUnit')));
    if (!alliance.value) return;
    try {
      const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
      unit.append(...data.members.filter((m) => !m.leftOn).map((m) => h('option', { value: m.id }, m.name)));
    } catch { /* the service answers the post */ }
  });
  pagedAll('/api/v1/alliances').then((alliances) => alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)))).catch(() => {});
  return { alliance, unit };
}

function problemForm({ onSaved }) {
  const keys = idempotency();
  const { alliance, unit } = unitPicker({ testidPrefix: 'problem' });
  const title = h('input', { type: 'text', maxlength: '200', testid: 'problem-title' });
  const need = h('textarea', { rows: '4', maxlength: '4000', testid: 'problem-need' });
  const category = choice(categories, 'lists.category', { testid: 'problem-category', any: t('lists.pickCategory') });
  const urgency = choice(urgencies, 'lists.urgency', { testid: 'problem-urgency', value: 'normal' });
  const tags = h('input', { type: 'text', testid: 'problem-tags', placeholder: t('lists.tagsHint') });
  const wantedBy = h('input', { type: 'date', testid: 'problem-wanted-by' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'problem-submit' }, t('problems.submit'));
  const form = h('form', { class: 'form card', testid: 'problem-form', novalidate: true },
    h('h2', {}, t('problems.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('lists.alliance'), name: 'allianceId', control: alliance }),
    field({ label: t('lists.unit'), name: 'memberUnitId', control: unit }),
    field({ label: t('lists.title'), name: 'title', control: title }),
    field({ label: t('problems.need'), name: 'need', control: need }),
    field({ label: t('lists.categoryLabel'), name: 'category', control: category }),
    field({ label: t('lists.urgencyLabel'), name: 'urgency', control: urgency }),
    field({ label: t('lists.tags'), name: 'tags', control: tags, hint: t('lists.tagsHint') }),
    field({ label: t('lists.wantedBy'), name: 'wantedBy', control: wantedBy }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      allianceId: alliance.value || null, memberUnitId: unit.value || null, title: title.value.trim(), need: need.value.trim(),
      category: category.value || null, urgency: urgency.value, tags: splitTags(tags.value), wantedBy: wantedBy.value || null,
    };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/problems', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      need.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('problems.created', { title: saved.title }), ' ',
        h('a', { href: `/problems/${saved.id}`, testid: 'created-link' }, t('lists.open'))));
      onSaved(saved);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
