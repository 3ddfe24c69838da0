// The monthly bulletin (攻坚战报, ADR 42): the archive and drafts the user sees (by scope, month and state), the form to
// generate a month's draft for the group or an alliance, and the nominations of people and units (propose, review).
import { get, post, idempotency } from '../api.js';
import { t, language } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { organizationPicker } from '../units.js';
import { isPlanner } from './activities.js';
import { allianceSelect } from './projects.js';

export const bulletinStates = ['draft', 'in-review', 'approved', 'published'];

/** This month as yyyy-MM on the group's calendar. */
function thisMonth() {
  return new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 7);
}

export function render(main, { user }) {
  let page = 1;
  const scope = allianceSelect('bulletins-scope', t('bulletins.anyScope'));
  const month = h('input', { type: 'month', testid: 'bulletins-month', 'aria-label': t('bulletins.month') });
  const state = h('select', { testid: 'bulletins-state', 'aria-label': t('bulletins.state') }, h('option', { value: '' }, t('bulletins.anyState')),
    ...bulletinStates.map((s) => h('option', { value: s }, t(`bulletins.state.${s}`))));
  const list = h('div', {}, loading());
  for (const control of [scope, month, state]) control.addEventListener('change', () => { page = 1; load(); });
  const nominations = h('div', {}, loading());

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('bulletins.title')), h('p', { class: 'page-status' }, t('bulletins.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' },
        h('div', { class: 'toolbar form-inline' }, scope, month, state), list,
        h('section', { class: 'section' }, h('h2', {}, t('bulletins.nominations')), nominations)),
      isPlanner(user) ? h('div', { class: 'column-side stack' }, generateForm(), nominateForm()) : null));
  load();
  loadNominations();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/bulletins', {
        page, pageSize: 20, allianceId: scope.value || undefined, month: month.value || undefined, state: state.value || undefined,
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('bulletins.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'bulletins-table',
        columns: [{ label: t('bulletins.titleColumn') }, { label: t('bulletins.scope') }, { label: t('bulletins.month') }, { label: t('bulletins.state') }],
        rows: data.items.map((b) => h('tr', { testid: 'bulletin-row' },
          h('td', {}, h('a', { href: `/bulletins/${b.id}` }, b.titleZh && b.titleEn ? (language() === 'en-US' ? b.titleEn : b.titleZh) : b.titleZh || b.titleEn)),
          h('td', {}, b.scopeName),
          h('td', {}, b.month),
          h('td', { testid: 'bulletin-state' }, t(`bulletins.state.${b.state}`)))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  async function loadNominations() {
    try {
      const data = await get('/api/v1/nominations', { pageSize: 50, allianceId: scope.value || undefined, month: month.value || undefined });
      if (!data.items.length) {
        nominations.replaceChildren(empty(t('bulletins.noNominations'), 'nominations-empty'));
        return;
      }
      nominations.replaceChildren(table({
        testid: 'nominations-table',
        columns: [{ label: t('bulletins.nominee') }, { label: t('bulletins.month') }, { label: t('bulletins.reason') }, { label: t('bulletins.state') }, { label: '' }],
        rows: data.items.map((n) => h('tr', { testid: 'nomination-row' },
          h('td', {}, `${n.nomineeName} · ${t(`bulletins.nomineeKind.${n.kind}`)}`),
          h('td', {}, n.month),
          h('td', {}, language() === 'en-US' && n.reasonEn ? n.reasonEn : n.reasonZh),
          h('td', { testid: 'nomination-state' }, t(`bulletins.nominationState.${n.state}`), n.reviewNote ? ` · ${n.reviewNote}` : ''),
          h('td', {}, n.mayReview && n.state === 'proposed' ? reviewButtons(n) : null))),
      }));
    } catch (problem) {
      nominations.replaceChildren(problemBanner(problem, { onRetry: loadNominations }));
    }
  }

  function reviewButtons(n) {
    const act = (verb) => async (event) => {
      try {
        await busy(event.target, t('state.saving'), () => post(`/api/v1/nominations/${n.id}/${verb}`, { expectedVersion: n.version }));
        loadNominations();
      } catch (problem) {
        nominations.prepend(problemBanner(problem));
      }
    };
    return h('span', { class: 'form-inline' },
      h('button', { type: 'button', class: 'button button-secondary', testid: 'nomination-accept', onclick: act('accept') }, t('bulletins.accept')),
      h('button', { type: 'button', class: 'button button-ghost', testid: 'nomination-reject', onclick: act('reject') }, t('bulletins.reject')));
  }

  function generateForm() {
    const keys = idempotency();
    const forScope = allianceSelect('bulletin-scope', t('bulletins.groupScope'));
    const forMonth = h('input', { type: 'month', testid: 'bulletin-month', value: thisMonth() });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'bulletin-generate' }, t('bulletins.generate'));
    const form = h('form', { class: 'form card', testid: 'bulletin-form', novalidate: true },
      h('h2', {}, t('bulletins.generate')),
      h('div', { class: 'form-message' }),
      field({ label: t('bulletins.scope'), name: 'allianceId', control: forScope }),
      field({ label: t('bulletins.month'), name: 'month', control: forMonth }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { allianceId: forScope.value || null, month: forMonth.value || null };
      clearProblem(form);
      try {
        const saved = await busy(submit, t('state.saving'), () => post('/api/v1/bulletins', body, keys.keyFor(body)));
        keys.done();
        form.querySelector('.form-message').replaceChildren(successBanner(t('bulletins.generated', { month: saved.month }), ' ',
          h('a', { href: `/bulletins/${saved.id}`, testid: 'created-link' }, t('meetings.open'))));
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function nominateForm() {
    const keys = idempotency();
    const forScope = allianceSelect('nomination-scope', t('bulletins.groupScope'));
    const forMonth = h('input', { type: 'month', testid: 'nomination-month', value: thisMonth() });
    const kind = h('select', { testid: 'nomination-kind' },
      h('option', { value: 'unit' }, t('bulletins.nomineeKind.unit')), h('option', { value: 'person' }, t('bulletins.nomineeKind.person')));
    const unit = organizationPicker({ name: 'organizationId', label: t('bulletins.unit'), testid: 'nomination-organization' });
    const person = h('input', { type: 'text', testid: 'nomination-person', placeholder: t('bulletins.personIdHint') });
    const personField = field({ label: t('bulletins.personId'), name: 'personId', control: person });
    const shown = () => { unit.element.hidden = kind.value !== 'unit'; personField.hidden = kind.value !== 'person'; };
    kind.addEventListener('change', shown);
    shown();
    const reasonZh = h('textarea', { rows: '2', maxlength: '1000', testid: 'nomination-reason-zh' });
    const reasonEn = h('textarea', { rows: '2', maxlength: '1000', testid: 'nomination-reason-en' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'nomination-submit' }, t('bulletins.nominate'));
    const form = h('form', { class: 'form card', testid: 'nomination-form', novalidate: true },
      h('h2', {}, t('bulletins.nominate')),
      h('div', { class: 'form-message' }),
      field({ label: t('bulletins.scope'), name: 'allianceId', control: forScope }),
      field({ label: t('bulletins.month'), name: 'month', control: forMonth }),
      h('div', { class: 'field', 'data-field': 'nominee' }, h('label', {}, t('bulletins.nominee')), kind, h('p', { class: 'field-error', hidden: true })),
      unit.element, personField,
      field({ label: t('bulletins.reasonZh'), name: 'reasonZh', control: reasonZh }),
      field({ label: t('bulletins.reasonEn'), name: 'reasonEn', control: reasonEn }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        allianceId: forScope.value || null, month: forMonth.value || null,
        organizationId: kind.value === 'unit' ? unit.value || null : null, personId: kind.value === 'person' ? person.value.trim() || null : null,
        reasonZh: reasonZh.value.trim(), reasonEn: reasonEn.value.trim() || null,
      };
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => post('/api/v1/nominations', body, keys.keyFor(body)));
        keys.done();
        reasonZh.value = '';
        reasonEn.value = '';
        form.querySelector('.form-message').replaceChildren(successBanner(t('bulletins.nominated')));
        loadNominations();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}
