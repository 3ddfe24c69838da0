// One pairing: its two parties, the current agreement and the earlier ones, and, for admins, renew and end forms.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, problemBanner, successBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { unitLabel, today, formatDate } from '../units.js';
import { statusBadge, agreementFields } from './pairings.js';

export function render(main, { params, user }) {
  const id = params.id;
  const title = h('h1', {}, '');
  const subtitle = h('p', { class: 'page-status' });
  const body = h('div', {}, loading());
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  let pairing = null;

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('pairing.back') },
      h('a', { href: '/pairings', testid: 'back-to-pairings' }, t('pairing.back'))),
    h('div', { class: 'page-header' }, title, subtitle),
    body);

  load();

  async function load() {
    body.replaceChildren(loading());
    try {
      show(await get(`/api/v1/pairings/${encodeURIComponent(id)}`));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function show(data, message) {
    pairing = data;
    title.replaceChildren(unitLabel(data.first), ' ⇄ ', unitLabel(data.second));
    subtitle.replaceChildren(h('span', {}, statusBadge(data.status),
      data.endedOn ? h('span', { class: 'muted' }, ' ', t('pairing.endedOnText', { date: formatDate(data.endedOn) })) : null));
    const open = isAdmin && data.status !== 'ended';
    // replaceChildren would print a null, so the optional banners go through h, which drops it.
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      data.status === 'expiring-soon'
        ? h('div', { class: 'banner banner-warning', role: 'status', testid: 'expiry-warning' },
          t('pairing.expiringSoon', { date: formatDate(data.agreement.expiresOn) }))
        : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('section', {}, h('h2', {}, t('pairing.currentAgreement')), agreementCard(data.agreement)),
          h('section', { class: 'section' }, h('h2', {}, t('pairing.history')),
            data.history.length ? historyTable(data.history) : h('p', { class: 'muted', testid: 'history-empty' }, t('pairing.noHistory')))),
        open ? h('div', { class: 'column-side stack' }, renewForm(), endForm()) : null)));
  }

  function renewForm() {
    const agreement = agreementFields('renew');
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'renew-submit' }, t('pairing.renewSubmit'));
    const form = h('form', { class: 'form card', testid: 'renew-form', novalidate: true },
      h('h2', {}, t('pairing.renew')), h('div', { class: 'form-message' }), agreement.element,
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(submit, t('state.saving'), () => post(`/api/v1/pairings/${encodeURIComponent(id)}/renew`,
          { agreement: agreement.value(), expectedVersion: pairing.version })), t('pairing.renewed'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function endForm() {
    const endedOn = h('input', { type: 'date', testid: 'end-ended-on', value: today() });
    const reason = h('textarea', { testid: 'end-reason', rows: '2', maxlength: '500' });
    const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'end-submit' }, t('pairing.endSubmit'));
    const form = h('form', { class: 'form card', testid: 'end-form', novalidate: true },
      h('h2', {}, t('pairing.end')), h('div', { class: 'form-message' }),
      field({ label: t('pairing.endedOn'), name: 'endedOn', control: endedOn }),
      field({ label: t('pairing.reason'), name: 'reason', control: reason }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(submit, t('state.saving'), () => post(`/api/v1/pairings/${encodeURIComponent(id)}/end`,
          { endedOn: endedOn.value, reason: reason.value.trim() || null, expectedVersion: pairing.version })), t('pairing.ended'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}

function agreementCard(a) {
  return h('div', { class: 'card', testid: 'current-agreement' },
    h('strong', {}, a.title),
    h('p', { class: 'muted' }, t('pairing.term', { from: formatDate(a.signedOn), to: formatDate(a.expiresOn) })),
    h('p', { class: 'plan' }, a.obligations),
    a.document ? h('p', { class: 'muted' }, t('pairing.document', { name: a.document.fileName })) : null);
}

function historyTable(history) {
  return table({
    testid: 'history-table',
    columns: [{ label: '#', num: true }, { label: t('pairing.agreementTitle') }, { label: t('pairing.signedOn') },
      { label: t('pairing.expiresOn') }],
    rows: [...history].sort((a, b) => b.sequence - a.sequence).map((a) => h('tr', { testid: 'history-row' },
      h('td', { class: 'num' }, String(a.sequence)),
      h('th', { scope: 'row' }, a.title),
      h('td', {}, formatDate(a.signedOn)),
      h('td', {}, formatDate(a.expiresOn)))),
  });
}
