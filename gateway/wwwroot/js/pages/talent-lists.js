// 动态名单 / Dynamic lists: the built-in "50+50" lists and defined ones, and for administrators the form to define one
// (names in both languages, criteria as text and filters, size limit per unit, re-evaluation period).
import { get, post, idempotency } from '../api.js';
import { t, language } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { educationLevels } from './talent-profile.js';

export const listName = (l) => (language() === 'zh-CN' ? l.nameZh : l.nameEn);
const isAdmin = (user) => ['group-admin', 'subsidiary-admin'].includes(user.role);

export function render(main, { user }) {
  const list = h('div', {}, loading());
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('talentLists.title')), h('p', { class: 'page-status' }, t('talentLists.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, list),
      isAdmin(user) ? h('div', { class: 'column-side' }, defineForm(user, load)) : null));
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/talent/lists', { pageSize: 200 });
      if (!data.items.length) {
        list.replaceChildren(empty(t('talentLists.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'lists-table',
        columns: [{ label: t('talentLists.name') }, { label: t('talentLists.criteria') }, { label: t('talentLists.limit'), num: true }, { label: t('talentLists.period'), num: true }],
        rows: data.items.map((l) => h('tr', { testid: 'list-row' },
          h('td', {}, h('a', { href: `/talent/lists/${l.id}` }, listName(l)), l.builtIn ? h('span', { class: 'badge' }, t('talentLists.builtIn')) : null),
          h('td', {}, l.criteria.text),
          h('td', { class: 'num' }, l.criteria.sizeLimitPerUnit ? String(l.criteria.sizeLimitPerUnit) : '—'),
          h('td', { class: 'num' }, l.criteria.reevaluationMonths ? t('talentLists.months', { months: l.criteria.reevaluationMonths }) : '—'))),
      }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function defineForm(user, onSaved) {
  const keys = idempotency();
  const nameZh = h('input', { type: 'text', maxlength: '100', testid: 'list-name-zh' });
  const nameEn = h('input', { type: 'text', maxlength: '100', testid: 'list-name-en' });
  const text = h('textarea', { rows: '3', maxlength: '2000', testid: 'list-criteria' });
  const maxAge = h('input', { type: 'number', testid: 'list-max-age' });
  const minEducation = h('select', { testid: 'list-min-education' }, h('option', { value: '' }, t('talentLists.noMinimum')),
    educationLevels.map((l) => h('option', { value: l }, t(`talent.education.${l}`))));
  const members = h('input', { type: 'checkbox', testid: 'list-members-only' });
  const limit = h('input', { type: 'number', testid: 'list-limit', value: '50' });
  const months = h('input', { type: 'number', testid: 'list-months', value: '12' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'list-submit' }, t('talentLists.define'));
  const form = h('form', { class: 'form card', testid: 'list-form', novalidate: true },
    h('h2', {}, t('talentLists.define')), h('div', { class: 'form-message' }),
    field({ label: t('talentLists.nameZh'), name: 'nameZh', control: nameZh }),
    field({ label: t('talentLists.nameEn'), name: 'nameEn', control: nameEn }),
    field({ label: t('talentLists.criteria'), name: 'criteria.text', control: text }),
    field({ label: t('talentLists.maxAge'), name: 'criteria.maxAge', control: maxAge }),
    field({ label: t('talentLists.minEducation'), name: 'criteria.minEducationLevel', control: minEducation }),
    h('label', { class: 'radio' }, members, t('talentLists.membersOnly')),
    field({ label: t('talentLists.limit'), name: 'criteria.sizeLimitPerUnit', control: limit }),
    field({ label: t('talentLists.period'), name: 'criteria.reevaluationMonths', control: months, hint: t('talentLists.periodHint') }),
    h('div', { class: 'form-actions' }, submit));
  const number = (input) => (input.value ? Number(input.value) : null);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = {
      nameZh: nameZh.value.trim(), nameEn: nameEn.value.trim(),
      subsidiaryId: user.role === 'subsidiary-admin' ? user.subsidiaryId : null,
      criteria: { text: text.value.trim(), maxAge: number(maxAge), minEducationLevel: minEducation.value || null, mustBePartyMember: members.checked,
        sizeLimitPerUnit: number(limit), reevaluationMonths: number(months) },
    };
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/talent/lists', body, keys.keyFor(body)));
      keys.done();
      nameZh.value = '';
      nameEn.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('talentLists.defined', { name: listName(saved) })));
      onSaved();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
