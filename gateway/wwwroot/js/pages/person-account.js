// A person's sign-in name (登录账号): which user of the identity provider this person is, so they check in as themselves
// (ADR 39). Administrators link a user name and unlink it; people provisioned by an HR system (SCIM) are found by their
// HR user name without a link.
import { get, post, idempotency } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, problemBanner, showProblem, clearProblem, busy } from '../ui.js';
import { formatDate } from '../units.js';

export function personAccountSection(person) {
  const box = h('div', {}, loading());
  const element = h('section', { class: 'section', testid: 'person-account' }, h('h2', {}, t('personAccount.title')), box);
  load();
  return element;

  async function load() {
    try {
      const data = await get('/api/v1/person-accounts', { subsidiaryId: person.subsidiaryId, personId: person.id, pageSize: 1 });
      box.replaceChildren(data.items.length ? linked(data.items[0]) : linkForm());
    } catch (problem) {
      box.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function linked(account) {
    const unlink = h('button', { type: 'button', class: 'button button-secondary', testid: 'person-account-unlink' }, t('personAccount.unlink'));
    const message = h('div', { class: 'form-message' });
    const form = h('div', {}, message);
    unlink.addEventListener('click', async () => {
      clearProblem(form);
      try {
        await busy(unlink, t('state.saving'), () => post(`/api/v1/person-accounts/${account.id}/unlink`, {}));
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return h('div', { class: 'stack' },
      h('p', { testid: 'person-account-user-name' },
        t('personAccount.linked', { userName: account.userName, date: formatDate(account.linkedAt.slice(0, 10)), by: account.linkedBy })),
      form, unlink);
  }

  function linkForm() {
    const keys = idempotency();
    const userName = h('input', { type: 'text', testid: 'person-account-input', autocomplete: 'off', maxlength: 64 });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'person-account-link' }, t('personAccount.link'));
    const form = h('form', { class: 'form', testid: 'person-account-form', novalidate: true },
      h('p', { class: 'muted' }, t('personAccount.none')),
      h('div', { class: 'form-message' }),
      field({ label: t('personAccount.userName'), name: 'userName', control: userName, hint: t('personAccount.hint') }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      const body = { personId: person.id, userName: userName.value.trim() };
      try {
        await busy(submit, t('state.saving'), () => post('/api/v1/person-accounts', body, keys.keyFor(body)));
        keys.done();
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}
