// One service center: where it is, how many it seats, who runs it, the alliances it is shared with, and, for admins of
// its subsidiary (or the group), forms to revise it, share it with an alliance, stop a sharing and close it.
import { get, post, put } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { today, formatDate } from '../units.js';
import { statusBadge, detailFields, openShares } from './service-centers.js';
import { centerBookingsSection } from './center-bookings.js';

export function render(main, { params, user }) {
  const id = params.id;
  const title = h('h1', {}, '');
  const subtitle = h('p', { class: 'page-status' });
  const body = h('div', {}, loading());
  let center = null;

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('center.back') },
      h('a', { href: '/service-centers', testid: 'back-to-centers' }, t('center.back'))),
    h('div', { class: 'page-header' }, title, subtitle),
    body);

  load();

  async function load() {
    body.replaceChildren(loading());
    try {
      show(await get(`/api/v1/service-centers/${encodeURIComponent(id)}`));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  // Alliance members from other subsidiaries read a shared center; only its own subsidiary's admins change it.
  function canChange(data) {
    return user.role === 'group-admin' || (user.role === 'subsidiary-admin' && user.subsidiaryId === data.subsidiaryId);
  }

  function show(data, message) {
    center = data;
    title.textContent = data.name;
    subtitle.replaceChildren(h('span', {}, statusBadge(data.status),
      data.closedOn ? h('span', { class: 'muted', testid: 'center-closed-on' }, ' ', t('center.closedOnText', { date: formatDate(data.closedOn) })) : null));
    const editable = canChange(data) && data.status === 'open';
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('section', {}, h('h2', {}, t('center.details')), detailsCard(data)),
          h('section', { class: 'section' }, h('h2', {}, t('center.shares')), shares(data, editable)),
          centerBookingsSection(data)),
        editable ? h('div', { class: 'column-side stack' }, reviseForm(data), shareForm(data), closeForm()) : null)));
  }

  function shares(data, editable) {
    if (!data.shares.length) return empty(t('center.noShares'), 'share-empty');
    const open = new Set(openShares(data));
    return table({
      testid: 'share-table',
      columns: [{ label: t('center.alliance') }, { label: t('center.sharedFrom') }, { label: t('center.sharedUntil') }, { label: '' }],
      rows: data.shares.map((s) => h('tr', { testid: 'share-row', 'data-alliance-id': s.allianceId, class: open.has(s) ? null : 'row-left' },
        h('th', { scope: 'row' }, h('a', { href: `/alliances/${s.allianceId}` }, s.allianceName)),
        h('td', { class: 'muted' }, formatDate(s.sharedFrom)),
        h('td', { class: 'muted', testid: 'share-until' }, s.sharedUntil ? formatDate(s.sharedUntil) : t('center.openEnded')),
        h('td', {}, editable && open.has(s) ? stopControl(s) : null))),
    });
  }

  // Stopping asks for the last shared day inline, then posts with the version last read.
  function stopControl(share) {
    const slot = h('div', { class: 'inline-form' });
    const until = h('input', { type: 'date', testid: 'share-stop-until', value: today(), 'aria-label': t('center.lastSharedDay') });
    const confirm = h('button', { type: 'submit', class: 'button button-secondary', testid: 'share-stop-confirm' }, t('center.stopConfirm'));
    const form = h('form', { class: 'form-inline', novalidate: true },
      h('div', { class: 'form-message' }), h('div', { 'data-field': 'sharedUntil', class: 'field-inline' }, until,
        h('p', { class: 'field-error', hidden: true })), confirm);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(confirm, t('state.saving'), () => post(
          `/api/v1/service-centers/${encodeURIComponent(id)}/shares/${share.allianceId}/stop`,
          { sharedUntil: until.value, expectedVersion: center.version })), t('center.sharingStopped'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    slot.append(h('button', { type: 'button', class: 'link-button', testid: 'share-stop', onclick: () => slot.replaceChildren(form) },
      t('center.stop')));
    return slot;
  }

  function reviseForm(data) {
    const details = detailFields('revise', data);
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'revise-submit' }, t('center.reviseSubmit'));
    const form = h('form', { class: 'form card', testid: 'revise-form', novalidate: true },
      h('h2', {}, t('center.revise')), h('div', { class: 'form-message' }), details.elements,
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(submit, t('state.saving'), () => put(`/api/v1/service-centers/${encodeURIComponent(id)}`,
          { ...details.value(), expectedVersion: center.version })), t('center.revised'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function shareForm(data) {
    const alliance = h('select', { testid: 'share-alliance', disabled: true }, h('option', { value: '' }, t('state.loading')));
    const from = h('input', { type: 'date', testid: 'share-from', value: today() });
    const until = h('input', { type: 'date', testid: 'share-until-input' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'share-submit' }, t('center.shareSubmit'));
    const form = h('form', { class: 'form card', testid: 'share-form', novalidate: true },
      h('h2', {}, t('center.share')), h('div', { class: 'form-message' }),
      field({ label: t('center.alliance'), name: 'allianceId', control: alliance, hint: t('center.allianceHint') }),
      field({ label: t('center.sharedFrom'), name: 'sharedFrom', control: from }),
      field({ label: t('center.sharedUntil'), name: 'sharedUntil', control: until, hint: t('center.sharedUntilHint') }),
      h('div', { class: 'form-actions' }, submit));
    // The alliances the center's subsidiary leads or has a current member unit in: the ones it may be shared with.
    get('/api/v1/alliances', { subsidiaryId: data.subsidiaryId, pageSize: 200 })
      .then((list) => {
        alliance.replaceChildren(h('option', { value: '' }, list.items.length ? t('center.pickAlliance') : t('center.noAlliances')),
          ...list.items.map((a) => h('option', { value: a.id }, a.name)));
        alliance.disabled = !list.items.length;
      })
      .catch((problem) => { alliance.replaceChildren(h('option', { value: '' }, problem.title)); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(submit, t('state.saving'), () => post(`/api/v1/service-centers/${encodeURIComponent(id)}/shares`,
          { allianceId: alliance.value || null, sharedFrom: from.value, sharedUntil: until.value || null, expectedVersion: center.version })),
        t('center.shared'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function closeForm() {
    const closedOn = h('input', { type: 'date', testid: 'close-closed-on', value: today() });
    const reason = h('textarea', { testid: 'close-reason', rows: '2', maxlength: '500' });
    const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'close-submit' }, t('center.closeSubmit'));
    const form = h('form', { class: 'form card', testid: 'close-form', novalidate: true },
      h('h2', {}, t('center.close')), h('p', { class: 'field-hint' }, t('center.closeHint')), h('div', { class: 'form-message' }),
      field({ label: t('center.closedOn'), name: 'closedOn', control: closedOn }),
      field({ label: t('center.reason'), name: 'reason', control: reason }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(submit, t('state.saving'), () => post(`/api/v1/service-centers/${encodeURIComponent(id)}/close`,
          { closedOn: closedOn.value, reason: reason.value.trim() || null, expectedVersion: center.version })), t('center.closed'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}

function detailsCard(c) {
  const row = (label, value, testid) => (value ? h('div', { class: 'detail-row' }, h('dt', {}, label), h('dd', { testid }, value)) : null);
  return h('dl', { class: 'card details', testid: 'center-details' },
    row(t('center.owner'), c.ownerName, 'center-owner-name'),
    row(t('center.address'), c.address, 'center-address'),
    row(t('center.capacity'), t('center.seats', { count: formatNumber(c.capacity) }), 'center-capacity'),
    row(t('center.contactName'), c.contactName, 'center-contact-name'),
    row(t('center.contactPhone'), c.contactPhone, 'center-contact-phone'),
    row(t('center.openingHours'), c.openingHours, 'center-opening-hours'),
    row(t('center.facilities'), c.facilities, 'center-facilities'),
    row(t('center.reason'), c.closeReason, 'center-close-reason'));
}
