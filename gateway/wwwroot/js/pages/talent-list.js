// A dynamic list: each unit's counts against the limit, the entries (filter by state, flagged only) with the actions the
// caller may take (review, list, reject or remove with a reason, confirm in a re-evaluation), each entry's history, the
// nomination form (a person found by name or pinyin), and the re-evaluations (open one for a period, close it).
import { get, post, idempotency } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { listName } from './talent-lists.js';

const isAdmin = (user) => ['group-admin', 'subsidiary-admin'].includes(user.role);
const states = ['nominated', 'reviewed', 'listed', 'rejected', 'removed'];

export function render(main, { params, user }) {
  const id = encodeURIComponent(params.id);
  let page = 1;
  let list = null;
  const state = h('select', { testid: 'entries-state', 'aria-label': t('talentLists.state') }, h('option', { value: '' }, t('talentLists.anyState')),
    states.map((s) => h('option', { value: s }, t(`talentLists.state.${s}`))));
  const flagged = h('input', { type: 'checkbox', testid: 'entries-flagged' });
  const units = h('div', {});
  const entries = h('div', {}, loading());
  const reevaluations = h('div', {});
  const message = h('div', { class: 'form-message', testid: 'list-message' });
  for (const control of [state, flagged]) control.addEventListener('change', () => { page = 1; loadEntries(); });

  main.replaceChildren(loading());
  start();

  async function start() {
    try {
      list = await get(`/api/v1/talent/lists/${id}`);
    } catch (problem) {
      main.replaceChildren(problemBanner(problem, { onRetry: start }));
      return;
    }
    main.replaceChildren(
      h('div', { class: 'page-header' }, h('p', {}, h('a', { href: '/talent/lists' }, t('talentLists.back'))),
        h('h1', { testid: 'list-title' }, listName(list)), h('p', { class: 'page-status' }, list.criteria.text)),
      message,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main stack' },
          h('h2', {}, t('talentLists.units')), units,
          h('h2', {}, t('talentLists.entries')),
          h('div', { class: 'toolbar form-inline' }, state, h('label', { class: 'radio' }, flagged, t('talentLists.flaggedOnly'))),
          entries,
          h('h2', {}, t('talentLists.reevaluations')), reevaluations),
        h('div', { class: 'column-side stack' }, nominateForm(), isAdmin(user) ? reevaluationForm() : null)));
    loadEntries();
    loadReevaluations();
  }

  async function loadEntries() {
    entries.replaceChildren(loading());
    try {
      const data = await get(`/api/v1/talent/lists/${id}/entries`, { page, pageSize: 20, state: state.value || undefined, flaggedOnly: flagged.checked || undefined });
      units.replaceChildren(data.units.length ? table({
        testid: 'units-table',
        columns: [{ label: t('talentLists.unit') }, { label: t('talentLists.listed'), num: true }, { label: t('talentLists.pending'), num: true }, { label: t('talentLists.limit'), num: true }],
        rows: data.units.map((u) => h('tr', { testid: 'unit-row', class: u.limit && u.listed >= u.limit ? 'row-warning' : null },
          h('td', {}, u.subsidiaryId === user.subsidiaryId ? t('talentLists.myUnit') : u.subsidiaryId.slice(0, 8)),
          h('td', { class: 'num', testid: 'unit-listed' }, String(u.listed)), h('td', { class: 'num' }, String(u.pending)),
          h('td', { class: 'num' }, u.limit ? String(u.limit) : '—'))),
      }) : empty(t('talentLists.noUnits'), 'units-empty'));
      if (!data.items.length) {
        entries.replaceChildren(empty(t('talentLists.noEntries')));
        return;
      }
      entries.replaceChildren(table({
        testid: 'entries-table',
        columns: [{ label: t('talent.name') }, { label: t('talentLists.state') }, { label: t('talentLists.reason') }, { label: t('talentLists.nominatedAt') }, { label: t('talentLists.actions') }],
        rows: data.items.map(entryRow),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; loadEntries(); }));
    } catch (problem) {
      entries.replaceChildren(problemBanner(problem, { onRetry: loadEntries }));
    }
  }

  function entryRow(e) {
    const actions = h('div', { class: 'form-inline' });
    const reason = h('input', { type: 'text', maxlength: '1000', testid: 'entry-reason', placeholder: t('talentLists.reason'), 'aria-label': t('talentLists.reason') });
    const detail = h('div', {});
    const act = (decision, label, needsReason) => h('button', { type: 'button', class: 'button button-secondary', testid: `entry-${decision}`,
      onclick: (event) => decide(event.target, decision, needsReason) }, label);
    if (isAdmin(user)) {
      if (e.state === 'nominated') actions.append(act('review', t('talentLists.review')), act('reject', t('talentLists.reject'), true));
      if (e.state === 'reviewed') actions.append(act('list', t('talentLists.place')), act('reject', t('talentLists.reject'), true));
      if (e.state === 'listed') actions.append(act('remove', t('talentLists.remove'), true));
      if (e.awaitingReevaluation) actions.append(act('confirm', t('talentLists.confirm')));
      if (actions.childElementCount) actions.prepend(reason);
    }
    actions.append(h('button', { type: 'button', class: 'button button-ghost', testid: 'entry-history', onclick: showHistory }, t('talentLists.history')));

    async function decide(button, decision, needsReason) {
      if (needsReason && !reason.value.trim()) {
        detail.replaceChildren(problemBanner({ title: t('talentLists.reasonRequired') }));
        reason.focus();
        return;
      }
      try {
        await busy(button, t('state.saving'), () => post(`/api/v1/talent/lists/${id}/entries/${e.id}/${decision}`,
          { reason: reason.value.trim() || null, expectedVersion: e.version }));
        message.replaceChildren(successBanner(t(`talentLists.done.${decision}`, { name: e.personName })));
        loadEntries();
        loadReevaluations();
      } catch (problem) {
        detail.replaceChildren(problemBanner(problem));
      }
    }

    async function showHistory() {
      try {
        const items = await get(`/api/v1/talent/lists/${id}/entries/${e.id}/history`);
        detail.replaceChildren(h('ol', { testid: 'entry-history-list' }, items.map((c) => h('li', {},
          `${formatDateTime(c.changedAt)} ${t(`talentLists.change.${c.change}`)} · ${c.changedBy}${c.reason ? ` · ${c.reason}` : ''}`))));
      } catch (problem) {
        detail.replaceChildren(problemBanner(problem));
      }
    }

    return h('tr', { testid: 'entry-row' },
      h('td', {}, h('a', { href: `/talent/profiles/${e.personId}` }, e.personName),
        e.leftInHr ? h('span', { class: 'badge badge-warning', testid: 'entry-left-in-hr' }, t('talent.leftInHr')) : null,
        e.notReevaluated ? h('span', { class: 'badge badge-warning', testid: 'entry-not-reevaluated' }, t('talentLists.notReevaluated')) : null,
        e.awaitingReevaluation ? h('span', { class: 'badge', testid: 'entry-awaiting' }, t('talentLists.awaiting')) : null),
      h('td', { testid: 'entry-state' }, t(`talentLists.state.${e.state}`)),
      h('td', {}, e.reason),
      h('td', {}, formatDateTime(e.nominatedAt)),
      h('td', {}, actions, detail));
  }

  function nominateForm() {
    const keys = idempotency();
    const search = h('input', { type: 'search', testid: 'nominate-search', placeholder: t('talent.queryHint') });
    const person = h('select', { testid: 'nominate-person' }, h('option', { value: '' }, t('talentLists.pickPerson')));
    const reason = h('textarea', { rows: '2', maxlength: '1000', testid: 'nominate-reason' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'nominate-submit' }, t('talentLists.nominate'));
    let timer = null;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const data = await get('/api/v1/talent/profiles', { query: search.value.trim() || undefined, pageSize: 20 });
          person.replaceChildren(h('option', { value: '' }, t('talentLists.pickPerson')),
            ...data.items.map((p) => h('option', { value: p.personId }, p.title ? `${p.name}（${p.title}）` : p.name)));
          if (data.items.length === 1) person.value = data.items[0].personId;
        } catch { /* the field error shows on submit */ }
      }, 250);
    });
    const form = h('form', { class: 'form card', testid: 'nominate-form', novalidate: true },
      h('h2', {}, t('talentLists.nominate')), h('div', { class: 'form-message' }),
      field({ label: t('talentLists.findPerson'), name: 'search', control: search }),
      field({ label: t('talentLists.person'), name: 'personId', control: person }),
      field({ label: t('talentLists.reason'), name: 'reason', control: reason }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      const body = { personId: person.value || null, reason: reason.value.trim() };
      try {
        const entry = await busy(submit, t('state.saving'), () => post(`/api/v1/talent/lists/${id}/entries`, body, keys.keyFor(body)));
        keys.done();
        reason.value = '';
        form.querySelector('.form-message').replaceChildren(successBanner(t('talentLists.nominated', { name: entry.personName })));
        loadEntries();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function reevaluationForm() {
    const keys = idempotency();
    const period = h('input', { type: 'text', maxlength: '30', testid: 'reevaluation-period', value: String(new Date().getFullYear()) });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'reevaluation-open' }, t('talentLists.openReevaluation'));
    const form = h('form', { class: 'form card', testid: 'reevaluation-form', novalidate: true },
      h('h2', {}, t('talentLists.openReevaluation')), h('p', { class: 'field-hint' }, t('talentLists.reevaluationHint')), h('div', { class: 'form-message' }),
      field({ label: t('talentLists.reevaluationPeriod'), name: 'period', control: period }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      const body = { period: period.value.trim(), subsidiaryId: user.role === 'subsidiary-admin' ? user.subsidiaryId : null };
      try {
        await busy(submit, t('state.saving'), () => post(`/api/v1/talent/lists/${id}/re-evaluations`, body, keys.keyFor(body)));
        keys.done();
        loadEntries();
        loadReevaluations();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  async function loadReevaluations() {
    try {
      const data = await get(`/api/v1/talent/lists/${id}/re-evaluations`, { pageSize: 20 });
      reevaluations.replaceChildren(data.items.length ? table({
        testid: 'reevaluations-table',
        columns: [{ label: t('talentLists.reevaluationPeriod') }, { label: t('talentLists.openedAt') }, { label: t('talentLists.pending'), num: true },
          { label: t('talentLists.flagged'), num: true }, { label: t('talentLists.actions') }],
        rows: data.items.map((r) => h('tr', { testid: 'reevaluation-row' },
          h('td', {}, r.period), h('td', {}, formatDateTime(r.openedAt)), h('td', { class: 'num' }, String(r.pending)),
          h('td', { class: 'num', testid: 'reevaluation-flagged' }, String(r.flagged)),
          h('td', {}, r.closedAt ? t('talentLists.closedAt', { at: formatDateTime(r.closedAt) }) : isAdmin(user)
            ? h('button', { type: 'button', class: 'button button-secondary', testid: 'reevaluation-close', onclick: async (event) => {
              try {
                await busy(event.target, t('state.saving'), () => post(`/api/v1/talent/lists/${id}/re-evaluations/${r.id}/close`, {}));
                loadEntries();
                loadReevaluations();
              } catch (problem) {
                message.replaceChildren(problemBanner(problem));
              }
            } }, t('talentLists.closeReevaluation')) : t('talentLists.open')))),
      }) : empty(t('talentLists.noReevaluations'), 'reevaluations-empty'));
    } catch (problem) {
      reevaluations.replaceChildren(problemBanner(problem, { onRetry: loadReevaluations }));
    }
  }
}
