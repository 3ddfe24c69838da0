// An alliance's partner accounts (合作单位账号): people of its external member units who sign in with the role
// partner and then see the alliances of their unit. Administrators give accounts to a chosen external unit and revoke
// them with a reason.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { formatDate } from '../units.js';

export function partnerAccountsSection(alliance) {
  const list = h('div', {}, loading());
  const externals = alliance.members.filter((m) => m.external && !m.leftOn);
  const element = h('section', { class: 'section', testid: 'partner-accounts' },
    h('h2', {}, t('partners.title')),
    h('p', { class: 'muted' }, t('partners.intro')),
    list,
    externals.length ? createForm() : empty(t('partners.noExternalUnits'), 'partner-no-external'));
  load();
  return element;

  async function load() {
    try {
      const data = await get('/api/v1/partner-accounts', { allianceId: alliance.id, includeRevoked: true, pageSize: 200 });
      list.replaceChildren(data.items.length ? accounts(data.items) : empty(t('partners.none'), 'partner-empty'));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function accounts(items) {
    return table({
      testid: 'partner-table',
      columns: [{ label: t('partners.userName') }, { label: t('partners.displayName') }, { label: t('partners.unit') },
        { label: t('partners.createdAt') }, { label: t('partners.status') }, { label: '' }],
      rows: items.map((a) => h('tr', { testid: 'partner-row', 'data-user-name': a.userName, class: a.revokedAt ? 'row-left' : null },
        h('th', { scope: 'row' }, a.userName),
        h('td', {}, a.displayName, a.phone ? h('span', { class: 'muted' }, ` ${a.phone}`) : null),
        h('td', {}, a.unitName),
        h('td', { class: 'muted' }, formatDate(a.createdAt.slice(0, 10))),
        h('td', { testid: 'partner-status' }, a.revokedAt
          ? t('partners.revoked', { date: formatDate(a.revokedAt.slice(0, 10)), reason: a.revokeReason ?? '' })
          : t('partners.active')),
        h('td', {}, a.revokedAt ? null : revokeControl(a)))),
    });
  }

  function revokeControl(account) {
    const slot = h('div', { class: 'inline-form' });
    const reason = h('input', { type: 'text', testid: 'partner-revoke-reason', 'aria-label': t('partners.reason'), maxlength: 200 });
    const confirm = h('button', { type: 'submit', class: 'button button-secondary', testid: 'partner-revoke-confirm' },
      t('partners.revokeConfirm'));
    const form = h('form', { class: 'form-inline', novalidate: true },
      h('div', { class: 'form-message' }),
      h('div', { 'data-field': 'reason', class: 'field-inline' }, reason, h('p', { class: 'field-error', hidden: true })), confirm);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(confirm, t('state.saving'), () => post(`/api/v1/partner-accounts/${account.id}/revoke`, { reason: reason.value.trim() }));
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    slot.append(h('button', { type: 'button', class: 'link-button', testid: 'partner-revoke',
      onclick: () => { slot.replaceChildren(form); reason.focus(); } }, t('partners.revoke')));
    return slot;
  }

  function createForm() {
    const keys = idempotency();
    const unit = h('select', { testid: 'partner-unit-select' }, externals.map((m) => h('option', { value: m.id }, m.name)));
    const userName = h('input', { type: 'text', testid: 'partner-username-input', autocomplete: 'off', maxlength: 64 });
    const displayName = h('input', { type: 'text', testid: 'partner-display-name-input', maxlength: 50 });
    const phone = h('input', { type: 'tel', testid: 'partner-phone-input', maxlength: 30 });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'partner-create' }, t('partners.create'));
    const form = h('form', { class: 'form card', testid: 'partner-form', novalidate: true },
      h('h3', {}, t('partners.createTitle')),
      h('div', { class: 'form-message' }),
      field({ label: t('partners.unit'), name: 'memberUnitId', control: unit }),
      field({ label: t('partners.userName'), name: 'userName', control: userName, hint: t('partners.userNameHint') }),
      field({ label: t('partners.displayName'), name: 'displayName', control: displayName }),
      field({ label: t('partners.phone'), name: 'phone', control: phone }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      const body = { allianceId: alliance.id, memberUnitId: unit.value, userName: userName.value.trim(),
        displayName: displayName.value.trim(), phone: phone.value.trim() || null };
      try {
        await busy(submit, t('state.saving'), () => post('/api/v1/partner-accounts', body, keys.keyFor(body)));
        keys.done();
        userName.value = '';
        displayName.value = '';
        phone.value = '';
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}
