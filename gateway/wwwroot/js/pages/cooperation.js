// Cooperation agreements (合作项目) between member units of an alliance: the counts by status for the chosen alliance,
// a page of agreements (by alliance, status and title), status moves for those who may change one, and for planners
// the form to register one (the units, title, content, signed on, value with its unit).
import { get, post, idempotency } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { isPlanner } from './activities.js';
import { allianceSelect, measureUnits } from './projects.js';

export const agreementStatuses = ['negotiating', 'signed', 'in-execution', 'completed', 'terminated'];
const moves = { negotiating: ['signed', 'terminated'], signed: ['in-execution', 'completed', 'terminated'], 'in-execution': ['completed', 'terminated'] };

export function render(main, { user }) {
  let page = 1;
  const alliance = allianceSelect('agreements-alliance', t('meetings.anyAlliance'));
  const status = h('select', { testid: 'agreements-status', 'aria-label': t('project.status') }, h('option', { value: '' }, t('projects.anyStatus')),
    ...agreementStatuses.map((s) => h('option', { value: s }, t(`agreementStatus.${s}`))));
  const counts = h('div', { testid: 'agreement-counts' });
  const list = h('div', {}, loading());
  for (const control of [alliance, status]) control.addEventListener('change', () => { page = 1; load(); });
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('agreements.title')), h('p', { class: 'page-status' }, t('agreements.intro'))),
    h('div', { class: 'columns' },
      h('div', { class: 'column-main' }, h('div', { class: 'toolbar form-inline' }, alliance, status), counts, list),
      isPlanner(user) ? h('div', { class: 'column-side' }, agreementForm(() => load())) : null));
  load();

  async function load() {
    list.replaceChildren(loading());
    counts.replaceChildren();
    try {
      if (alliance.value) {
        const c = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}/cooperation-agreements/counts`);
        counts.replaceChildren(h('p', { class: 'card' }, t('agreements.total', { count: formatNumber(c.total) }), ' · ',
          agreementStatuses.map((s) => `${t(`agreementStatus.${s}`)} ${formatNumber(c.byStatus[s] ?? 0)}`).join(' · ')));
      }
      const data = await get('/api/v1/cooperation-agreements', { page, pageSize: 20, allianceId: alliance.value || undefined, status: status.value || undefined });
      if (!data.items.length) {
        list.replaceChildren(empty(t('agreements.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'agreements-table',
        columns: [{ label: t('project.title') }, { label: t('agreements.parties') }, { label: t('agreements.signedOn') },
          { label: t('agreements.value'), num: true }, { label: t('project.status') }],
        rows: data.items.map((a) => h('tr', { testid: 'agreement-row' },
          h('td', {}, a.title, h('div', { class: 'muted' }, a.allianceName)),
          h('td', {}, a.parties.map((p) => p.name).join('、')),
          h('td', {}, a.signedOn ?? '—'),
          h('td', { class: 'num' }, a.valueAmount === null ? '—' : `${formatNumber(a.valueAmount)} ${t(`measureUnit.${a.valueUnit}`)}`),
          h('td', {}, t(`agreementStatus.${a.status}`), a.canChange ? moveButtons(a) : null))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function moveButtons(a) {
    return h('div', { class: 'form-inline' }, (moves[a.status] ?? []).map((s) => h('button', { type: 'button', class: 'link-button', testid: `agreement-to-${s}`,
      onclick: async () => {
        try {
          await post(`/api/v1/cooperation-agreements/${a.id}/status`, { status: s, signedOn: s === 'signed' ? new Date().toISOString().slice(0, 10) : null, expectedVersion: a.version });
          load();
        } catch (problem) {
          list.prepend(problemBanner(problem));
        }
      } }, t(`agreementStatus.${s}`))));
  }
}

function agreementForm(onSaved) {
  const keys = idempotency();
  const alliance = allianceSelect('agreement-alliance', t('meeting.pickAlliance'));
  const title = h('input', { type: 'text', maxlength: '200', testid: 'agreement-title' });
  const content = h('textarea', { rows: '3', maxlength: '4000', testid: 'agreement-content' });
  const units = h('div', { class: 'stack', testid: 'agreement-units' }, h('p', { class: 'muted' }, t('meeting.pickAllianceFirst')));
  const status = h('select', { testid: 'agreement-status' }, ['negotiating', 'signed'].map((s) => h('option', { value: s }, t(`agreementStatus.${s}`))));
  const signedOn = h('input', { type: 'date', testid: 'agreement-signed-on' });
  const amount = h('input', { type: 'number', step: 'any', testid: 'agreement-amount' });
  const unit = h('select', { testid: 'agreement-unit' }, h('option', { value: '' }, '—'), ...measureUnits.map((u) => h('option', { value: u }, t(`measureUnit.${u}`))));
  let ticks = [];
  alliance.addEventListener('change', async () => {
    ticks = [];
    if (!alliance.value) return;
    const data = await get(`/api/v1/alliances/${encodeURIComponent(alliance.value)}`);
    ticks = data.members.filter((u) => !u.leftOn).map((u) => ({ id: u.id, tick: h('input', { type: 'checkbox', testid: 'agreement-unit-tick', value: u.id }), name: u.name }));
    units.replaceChildren(...ticks.map((x) => h('label', { class: 'radio' }, x.tick, x.name)));
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'agreement-submit' }, t('agreements.submit'));
  const form = h('form', { class: 'form card', testid: 'agreement-form', novalidate: true }, h('h2', {}, t('agreements.create')), h('div', { class: 'form-message' }),
    field({ label: t('project.alliance'), name: 'allianceId', control: alliance }),
    field({ label: t('project.title'), name: 'title', control: title }),
    h('div', { class: 'field', 'data-field': 'memberunitids' }, h('label', {}, t('agreements.parties')), units, h('p', { class: 'field-error', hidden: true })),
    field({ label: t('agreements.content'), name: 'content', control: content }),
    field({ label: t('project.status'), name: 'status', control: status }),
    field({ label: t('agreements.signedOn'), name: 'signedOn', control: signedOn }),
    field({ label: t('agreements.value'), name: 'valueAmount', control: amount }),
    field({ label: t('project.unit'), name: 'valueUnit', control: unit }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      allianceId: alliance.value || null, title: title.value.trim(), content: content.value.trim() || null,
      memberUnitIds: ticks.filter((x) => x.tick.checked).map((x) => x.id), status: status.value, signedOn: signedOn.value || null,
      valueAmount: amount.value === '' ? null : Number(amount.value), valueUnit: unit.value || null,
    };
    clearProblem(form);
    try {
      const saved = await busy(submit, t('state.saving'), () => post('/api/v1/cooperation-agreements', body, keys.keyFor(body)));
      keys.done();
      title.value = '';
      form.querySelector('.form-message').replaceChildren(successBanner(t('agreements.created', { title: saved.title })));
      onSaved();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}
