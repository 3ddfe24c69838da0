// Meeting rules: which meetings each kind of party organization holds every period and which activity types count.
// Everyone reads them; group administrators change the group's, subsidiary administrators add and change their own.
import { get, post, put, idempotency } from '../api.js';
import { t, language } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, kindBadge, table } from '../ui.js';

export function render(main, { user }) {
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  const results = h('div', { class: 'results' });
  const side = h('div', { class: 'column-side' });
  let types = [];
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('rules.title'))),
    h('p', { class: 'muted' }, t('rules.intro')),
    h('div', { class: 'columns' }, h('section', { class: 'column-main' }, results), side));
  load();

  async function load(message) {
    results.replaceChildren(loading());
    try {
      if (!types.length) types = await get('/api/v1/activity-types', {});
      const rules = await get('/api/v1/organization-life/rules', { includeRetired: true });
      results.replaceChildren(message ? successBanner(message) : '', ...view(rules));
      side.replaceChildren(isAdmin ? ruleForm(null) : h('p', { class: 'muted' }, t('rules.readOnly')));
    } catch (problem) {
      results.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  const typeName = (id) => {
    const type = types.find((x) => x.id === id);
    return type ? (language() === 'zh-CN' ? type.nameZh : type.nameEn) : id;
  };
  const mayChange = (rule) => user.role === 'group-admin' || (user.role === 'subsidiary-admin' && rule.subsidiaryId === user.subsidiaryId);

  function view(rules) {
    if (!rules.length) return [empty(t('rules.empty'), 'rules-empty')];
    return [table({
      testid: 'rules-table',
      columns: [{ label: t('rules.kind') }, { label: t('orgLife.rule') }, { label: t('rules.period') }, { label: t('rules.types') },
        { label: t('rules.remind'), num: true }, { label: t('rules.scope') }, { label: '' }],
      rows: rules.map((r) => h('tr', { testid: 'rule-row', 'data-rule-id': r.id, class: r.retired ? 'muted' : null },
        h('td', {}, kindBadge(r.organizationKind)),
        h('th', { scope: 'row' }, language() === 'zh-CN' ? r.nameZh : r.nameEn, r.retired ? ` (${t('rules.retired')})` : ''),
        h('td', {}, t(`period.${r.period}`)),
        h('td', {}, r.activityTypeIds.map(typeName).join('、')),
        h('td', { class: 'num' }, String(r.remindDaysBefore)),
        h('td', {}, r.subsidiaryId ? t('rules.scope.subsidiary') : t('rules.scope.group')),
        h('td', { class: 'actions' }, isAdmin && mayChange(r)
          ? h('button', { type: 'button', class: 'button button-ghost', testid: 'rule-edit', onclick: () => side.replaceChildren(ruleForm(r)) }, t('rules.edit'))
          : null))),
    })];
  }

  function ruleForm(rule) {
    const keys = idempotency();
    const scope = h('select', {},
      user.role === 'group-admin' ? h('option', { value: '' }, t('rules.scope.group')) : null,
      user.subsidiaryId ? h('option', { value: user.subsidiaryId }, t('rules.scope.subsidiary')) : null);
    const kind = h('select', {}, ['branch', 'general-branch', 'committee'].map((k) => h('option', { value: k }, t(`kind.${k}`))));
    const nameZh = h('input', { type: 'text', maxlength: 100 });
    const nameEn = h('input', { type: 'text', maxlength: 100 });
    const period = h('select', {}, ['monthly', 'quarterly', 'half-yearly', 'yearly'].map((p) => h('option', { value: p }, t(`period.${p}`))));
    const typeBoxes = h('div', { class: 'checks' }, types.map((x) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', value: x.id, checked: rule?.activityTypeIds.includes(x.id) }), ' ', typeName(x.id))));
    typeBoxes.id = 'field-activityTypeIds';
    const remind = h('input', { type: 'number', min: 0, max: 90, value: String(rule?.remindDaysBefore ?? 5) });
    const retired = h('input', { type: 'checkbox', checked: rule?.retired ?? false });
    if (rule) {
      kind.value = rule.organizationKind;
      nameZh.value = rule.nameZh;
      nameEn.value = rule.nameEn;
      period.value = rule.period;
    }
    const submit = h('button', { type: 'submit', class: 'button', testid: 'rule-submit' }, rule ? t('rules.save') : t('rules.add'));
    const form = h('form', { class: 'form', testid: 'rule-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      clearProblem(form);
      const body = {
        organizationKind: kind.value, nameZh: nameZh.value, nameEn: nameEn.value, period: period.value,
        activityTypeIds: [...typeBoxes.querySelectorAll('input:checked')].map((c) => c.value),
        remindDaysBefore: remind.value === '' ? null : Number(remind.value),
      };
      await busy(submit, t('rules.saving'), async () => {
        try {
          if (rule) await put(`/api/v1/organization-life/rules/${rule.id}`, { ...body, retired: retired.checked, expectedVersion: rule.version });
          else {
            const created = { ...body, subsidiaryId: scope.value || null };
            await post('/api/v1/organization-life/rules', created, keys.keyFor(created));
          }
          load(t('rules.saved'));
        } catch (problem) {
          showProblem(form, problem);
        }
      });
    } },
    h('h2', {}, rule ? t('rules.edit') : t('rules.add')),
    h('div', { class: 'form-message' }),
    rule ? null : field({ label: t('rules.scope'), name: 'subsidiaryId', control: scope }),
    field({ label: t('rules.kind'), name: 'organizationKind', control: kind }),
    field({ label: t('rules.nameZh'), name: 'nameZh', control: nameZh }),
    field({ label: t('rules.nameEn'), name: 'nameEn', control: nameEn }),
    field({ label: t('rules.period'), name: 'period', control: period }),
    field({ label: t('rules.types'), name: 'activityTypeIds', control: typeBoxes }),
    field({ label: t('rules.remind'), name: 'remindDaysBefore', control: remind }),
    rule ? field({ label: t('rules.retired'), name: 'retired', control: retired }) : null,
    h('div', { class: 'form-actions' }, submit,
      rule ? h('button', { type: 'button', class: 'button button-ghost', onclick: () => side.replaceChildren(ruleForm(null)) }, t('rules.cancelEdit')) : null));
    return form;
  }
}
