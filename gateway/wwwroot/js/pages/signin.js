// Sign-in through the development issuer: role, subsidiary (for every role but group admin and partner), user name
// (for a partner: the user name of their partner account).
import { signIn, devToken, getWithToken, Problem } from '../api.js';
import { t } from '../i18n.js';
import { h, field, showProblem, clearProblem, busy, problemBanner } from '../ui.js';

const roles = ['group-admin', 'subsidiary-admin', 'secretary', 'member', 'partner'];
// Group admins and partners (people of alliances' external units) belong to no subsidiary.
const withoutSubsidiary = ['group-admin', 'partner'];

export function render(main, { query, navigate }) {
  const role = h('select', { testid: 'role-select' },
    roles.map((r) => h('option', { value: r }, t(`role.${r}`))));
  const subsidiaryId = h('input', { type: 'text', testid: 'subsidiary-id-input', list: 'subsidiary-options',
    autocomplete: 'off', spellcheck: 'false' });
  const options = h('datalist', { id: 'subsidiary-options' });
  const lookupResult = h('div', { class: 'lookup-result', testid: 'subsidiary-lookup-result' });
  const lookup = h('button', { type: 'button', class: 'button button-secondary', testid: 'subsidiary-lookup',
    onclick: () => listSubsidiaries() }, t('signin.lookup'));
  const userName = h('input', { type: 'text', testid: 'username-input', autocomplete: 'username' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'signin-button' },
    t('signin.submit'));

  const subsidiaryField = h('div', { class: 'subsidiary-field' },
    field({ label: t('signin.subsidiaryId'), name: 'subsidiaryId', control: subsidiaryId,
      hint: t('signin.subsidiaryIdHint') }),
    options,
    h('div', { class: 'lookup' }, lookup, h('span', { class: 'field-hint' }, t('signin.lookupHint'))),
    lookupResult);

  const form = h('form', { class: 'form card', testid: 'signin-form', novalidate: true, onsubmit: submitForm },
    h('h1', {}, t('signin.title')),
    h('p', { class: 'muted' }, t('signin.intro')),
    query.get('expired') ? h('div', { class: 'banner banner-info', role: 'status' }, t('signin.expired')) : null,
    h('div', { class: 'form-message' }),
    field({ label: t('signin.role'), name: 'role', control: role }),
    subsidiaryField,
    field({ label: t('signin.userName'), name: 'userName', control: userName }),
    h('div', { class: 'form-actions' }, submit));

  const showSubsidiary = () => { subsidiaryField.hidden = withoutSubsidiary.includes(role.value); };
  role.addEventListener('change', showSubsidiary);
  showSubsidiary();

  main.classList.add('main-narrow');
  main.replaceChildren(form);
  userName.focus();

  async function submitForm(event) {
    event.preventDefault();
    const needsSubsidiary = !withoutSubsidiary.includes(role.value);
    const missing = {};
    if (!userName.value.trim()) missing.userName = [t('signin.required')];
    if (needsSubsidiary && !subsidiaryId.value.trim()) missing.subsidiaryId = [t('signin.required')];
    if (Object.keys(missing).length) {
      showProblem(form, new Problem({ errors: missing }));
      return;
    }
    clearProblem(form);
    try {
      await busy(submit, t('signin.submitting'), () => signIn({
        role: role.value,
        subsidiaryId: needsSubsidiary ? subsidiaryId.value.trim() : null,
        userName: userName.value.trim(),
      }));
    } catch (problem) {
      showProblem(form, problem);
      return;
    }
    const next = query.get('next');
    navigate(next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/');
  }

  // The development issuer lets anyone act as group admin, so a short-lived token can list the subsidiaries.
  async function listSubsidiaries() {
    lookupResult.replaceChildren();
    try {
      const { accessToken } = await busy(lookup, t('state.loading'),
        () => devToken({ role: 'group-admin', subsidiaryId: null, userName: 'console-lookup' }));
      const { items } = await getWithToken('/api/v1/subsidiaries', { page: 1, pageSize: 100 }, accessToken);
      options.replaceChildren(...items.map((s) => h('option', { value: s.id }, `${s.code} · ${s.name}`)));
      lookupResult.replaceChildren(items.length
        ? h('ul', { class: 'lookup-list' }, items.map((s) => h('li', {},
          h('button', { type: 'button', class: 'link-button', testid: 'subsidiary-option',
            onclick: () => { subsidiaryId.value = s.id; lookupResult.replaceChildren(); userName.focus(); } },
          h('span', { class: 'code' }, s.code), ' ', s.name))))
        : h('p', { class: 'muted' }, t('signin.lookupEmpty')));
    } catch (problem) {
      lookupResult.replaceChildren(problemBanner(problem));
    }
  }
}
