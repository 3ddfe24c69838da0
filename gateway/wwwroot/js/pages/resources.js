// The resource list (资源清单): offers of the caller's alliances and of the whole group, filtered by alliance, kind, state,
// scope and words, and the form to offer one (to an alliance for a member unit, or to the whole group for an organization).
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { pagedAll } from './meetings.js';
import { choice, splitTags, unitPicker } from './problems.js';
import { organizationPicker } from '../units.js';

export const kinds = ['venue', 'experts', 'equipment', 'funding', 'channels', 'training-places'];
const offerStates = ['available', 'used-up', 'withdrawn'];

export function render(main, { query, user }) {
  let page = 1;
  const alliance = h('select', { testid: 'resources-alliance', 'aria-label': t('lists.alliance') }, h('option', { value: '' }, t('lists.anyAlliance')));
  const kind = choice(kinds, 'lists.kind', { testid: 'resources-kind', any: t('lists.anyKind') });
  const state = choice(offerStates, 'lists.offerState', { testid: 'resources-state', any: t('lists.anyState') });
  const scope = choice(['alliance', 'group'], 'lists.scope', { testid: 'resources-scope', any: t('lists.anyScope') });
  const search = h('input', { type: 'search', testid: 'resources-search', placeholder: t('lists.search'), 'aria-label': t('lists.search') });
  const list = h('div', {}, loading());
  for (const control of [alliance, kind, state, scope, search]) control.addEventListener('change', () => { page = 1; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('resources.title')), h('p', { class: 'page-status' }, t('resources.intro')),
      h('p', {}, h('a', { href: '/resource-catalogue', testid: 'to-catalogue' }, t('resources.toCatalogue')))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, alliance, kind, state, scope, search), list),
      h('div', { class: 'column-side' }, offerForm({ user, onSaved: () => load() }))));

  pagedAll('/api/v1/alliances').then((alliances) => {
    alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    alliance.value = query.get('allianceId') ?? '';
  }).catch(() => {});
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/resource-offers', {
        page, pageSize: 20, allianceId: alliance.value || undefined, kind: kind.value || undefined, state: state.value || undefined,
        scope: scope.value || undefined, search: search.value.trim() || undefined,
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('resources.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'resources-table',
        columns: [{ label: t('lists.title') }, { label: t('lists.kindLabel') }, { label: t('lists.unit') }, { label: t('lists.scopeLabel') },
          { label: t('resources.capacity') }, { label: t('lists.stateLabel') }],
        rows: data.items.map((o) => h('tr', { testid: 'resource-row' },
          h('td', {}, o.title, ' ', o.tags.map((x) => h('span', { class: 'badge' }, x)),
            o.people.length ? h('p', { class: 'muted' }, o.people.map((p) => (p.skills.length ? `${p.name}（${p.skills.join('、')}）` : p.name)).join('；')) : null),
          h('td', {}, t(`lists.kind.${o.kind}`)),
          h('td', {}, o.unitName),
          h('td', {}, o.scope === 'group' ? t('lists.scope.group') : o.allianceName),
          h('td', {}, o.capacity != null ? `${o.used} / ${o.capacity} ${o.capacityUnit ?? ''}` : t('resources.noLimit')),
          h('td', {}, t(`lists.offerState.${o.state}`)))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

/** People as lines "name: skill, skill". */
const readPeople = (text) => text.split('\n').map((line) => line.trim()).filter((line) => line).map((line) => {
  const [name, skills = ''] = line.split(/[:：]/);
  return { name: name.trim(), skills: splitTags(skills) };
});

function offerForm({ user, onSaved }) {
  const keys = idempotency();
  const toGroup = h('select', { testid: 'offer-scope' }, h('option', { value: 'alliance' }, t('lists.scope.alliance')),
    user.role === 'partner' ? null : h('option', { value: 'group' }, t('lists.scope.group')));
  const { alliance, unit } = unitPicker({ testidPrefix: 'offer' });
  const organization = user.role === 'partner' ? null : organizationPicker({ name: 'organizationId', label: t('lists.organization'), testid: 'offer-organization' });
  const kind = choice(kinds, 'lists.kind', { testid: 'offer-kind', any: t('lists.pickKind') });
  const title = h('input', { type: 'text', maxlength: '200', testid: 'offer-title' });
  const description = h('textarea', { rows: '3', maxlength: '4000', testid: 'offer-description' });
  const tags = h('input', { type: 'text', testid: 'offer-tags', placeholder: t('lists.tagsHint') });
  const capacity = h('input', { type: 'number', min: '1', step: '1', testid: 'offer-capacity' });
  const capacityUnit = h('input', { type: 'text', maxlength: '20', testid: 'offer-capacity-unit', placeholder: t('resources.capacityUnit') });
  const from = h('input', { type: 'date', testid: 'offer-from', 'aria-label': t('resources.from') });
  const to = h('input', { type: 'date', testid: 'offer-to', 'aria-label': t('resources.to') });
  const people = h('textarea', { rows: '3', testid: 'offer-people', placeholder: t('resources.peopleHint') });
  const allianceFields = [field({ label: t('lists.alliance'), name: 'allianceId', control: alliance }), field({ label: t('lists.unit'), name: 'memberUnitId', control: unit })];
  const groupField = h('div', { hidden: true }, organization?.element);
  toGroup.addEventListener('change', () => {
    for (const f of allianceFields) f.hidden = toGroup.value === 'group';
    groupField.hidden = toGroup.value !== 'group';
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'offer-submit' }, t('resources.submit'));
  const form = h('form', { class: 'form card', testid: 'offer-form', novalidate: true },
    h('h2', {}, t('resources.create')),
    h('div', { class: 'form-message' }),
    field({ label: t('lists.scopeLabel'), name: 'scope', control: toGroup }),
    allianceFields, groupField,
    field({ label: t('lists.kindLabel'), name: 'kind', control: kind }),
    field({ label: t('lists.title'), name: 'title', control: title }),
    field({ label: t('resources.description'), name: 'description', control: description }),
    field({ label: t('lists.tags'), name: 'tags', control: tags, hint: t('lists.tagsHint') }),
    h('div', { class: 'form-inline' }, field({ label: t('resources.capacity'), name: 'capacity', control: capacity }),
      field({ label: t('resources.capacityUnit'), name: 'capacityUnit', control: capacityUnit })),
    h('div', { class: 'form-inline', 'data-field': 'windows[0].to' }, field({ label: t('resources.from'), name: 'windows[0].from', control: from }),
      field({ label: t('resources.to'), name: 'windows[0].to', control: to })),
    field({ label: t('resources.people'), name: 'people', control: people, hint: t('resources.peopleHint') }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const group = toGroup.value === 'group';
    const body = {
      scope: toGroup.value, allianceId: group ? null : alliance.value || null, memberUnitId: group ? null : unit.value || null,
      organizationId: group ? organization?.value || null : null, kind: kind.value || null, title: title.value.trim(),
      description: description.value.trim(), tags: splitTags(tags.value), capacity: capacity.value ? Number(capacity.value) : null,
      capacityUnit: capacityUnit.value.trim() || null, windows: from.value || to.value ? [{ from: from.value || null, to: to.value || null }] : [],
      people: readPeople(people.value),
    };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/resource-offers', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      description.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('resources.created', { title: saved.title })));
      onSaved(saved);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
