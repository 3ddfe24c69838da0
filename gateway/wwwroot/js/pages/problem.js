// A problem's page: what it needs, the offers ranked for it with every part of the score explained in the console's
// language, the matches proposed for it (accept, decline with a reason, resolve with the outcome and evidence links),
// and withdrawing it.
import { get, post } from '../api.js';
import { t, language } from '../i18n.js';
import { h, loading, empty, problemBanner, successBanner, table } from '../ui.js';
import { stateBadge } from './problems.js';

export function render(main, { params }) {
  const id = params.id;
  main.replaceChildren(loading());
  load();

  async function load() {
    try {
      const [problem, ranked, proposals] = await Promise.all([
        get(`/api/v1/problems/${id}`), get(`/api/v1/problems/${id}/matches`), get(`/api/v1/problems/${id}/proposals`)]);
      main.replaceChildren(
        h('div', { class: 'page-header' }, h('p', {}, h('a', { href: '/problems' }, t('problems.back'))),
          h('h1', { testid: 'problem-title' }, problem.title), h('p', { class: 'page-status' }, stateBadge(problem.state), ' ',
            t(`lists.category.${problem.category}`), ' · ', t(`lists.urgency.${problem.urgency}`), ' · ', problem.unitName, ' · ', problem.allianceName)),
        h('div', { class: 'message' },
          h('p', { testid: 'problem-need' }, problem.need),
          problem.tags.length ? h('p', {}, problem.tags.map((x) => h('span', { class: 'badge' }, x))) : null,
          problem.wantedBy ? h('p', {}, t('lists.wantedBy'), '：', problem.wantedBy) : null,
          problem.outcome ? h('p', { testid: 'problem-outcome' }, t('problems.outcome'), '：', problem.outcome) : null,
          problem.withdrawReason ? h('p', {}, t('problems.withdrawReason'), '：', problem.withdrawReason) : null),
        h('div', { class: 'form-message', testid: 'problem-message' }),
        h('h2', {}, t('problems.proposals')),
        proposalList(proposals),
        h('h2', {}, t('problems.ranked')),
        h('p', { class: 'muted' }, t('problems.rankedHint', { candidates: ranked.candidates })),
        rankedList(problem, ranked, proposals),
        problem.canChange && (problem.state === 'open' || problem.state === 'matched') ? withdrawForm(problem) : null);
    } catch (problem) {
      main.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  const explain = (part) => (language() === 'en-US' ? part.en : part.zh);

  function rankedList(problem, ranked, proposals) {
    if (!ranked.items.length) return empty(t('problems.noCandidates'));
    const live = new Set(proposals.filter((m) => m.state === 'proposed' || m.state === 'accepted').map((m) => m.offerId));
    return table({
      testid: 'ranked-table',
      columns: [{ label: t('resources.offer') }, { label: t('lists.unit') }, { label: t('problems.score'), num: true }, { label: t('problems.why') }, { label: '' }],
      rows: ranked.items.map((r) => h('tr', { testid: 'ranked-row' },
        h('td', {}, r.offer.title, ' ', h('span', { class: 'badge' }, t(`lists.kind.${r.offer.kind}`))),
        h('td', {}, r.offer.unitName, r.offer.scope === 'group' ? `（${t('lists.scope.group')}）` : ''),
        h('td', { class: 'num', testid: 'ranked-score' }, r.score.toFixed(2)),
        h('td', {}, h('ul', { class: 'plain', testid: 'ranked-parts' }, r.parts.map((p) => h('li', {}, explain(p))))),
        h('td', {}, problem.state === 'open' && !live.has(r.offer.id)
          ? h('button', { type: 'button', class: 'button button-secondary', testid: 'propose', onclick: () => act(`/api/v1/problems/${id}/proposals`, { offerId: r.offer.id }, t('problems.proposed')) },
            t('problems.propose'))
          : null))),
    });
  }

  function proposalList(proposals) {
    if (!proposals.length) return empty(t('problems.noProposals'));
    return table({
      testid: 'proposals-table',
      columns: [{ label: t('resources.offer') }, { label: t('problems.score'), num: true }, { label: t('lists.stateLabel') }, { label: '' }],
      rows: proposals.map((m) => {
        const reason = h('input', { type: 'text', maxlength: '500', testid: 'decline-reason', placeholder: t('problems.declineReason'), 'aria-label': t('problems.declineReason') });
        const outcome = h('input', { type: 'text', maxlength: '4000', testid: 'resolve-outcome', placeholder: t('problems.outcome'), 'aria-label': t('problems.outcome') });
        const link = h('input', { type: 'url', testid: 'resolve-link', placeholder: t('problems.evidenceLink'), 'aria-label': t('problems.evidenceLink') });
        const actions = !m.canDecide ? [] : m.state === 'proposed' ? [
          h('button', { type: 'button', class: 'button button-primary', testid: 'accept', onclick: () => act(`/api/v1/matches/${m.id}/accept`, { expectedVersion: m.version }, t('problems.accepted')) }, t('problems.accept')),
          reason,
          h('button', { type: 'button', class: 'button button-secondary', testid: 'decline', onclick: () => act(`/api/v1/matches/${m.id}/decline`, { reason: reason.value.trim(), expectedVersion: m.version }, t('problems.declined')) }, t('problems.decline')),
        ] : m.state === 'accepted' ? [
          outcome, link,
          h('button', { type: 'button', class: 'button button-primary', testid: 'resolve', onclick: () => act(`/api/v1/matches/${m.id}/resolve`,
            { outcome: outcome.value.trim(), evidenceLinks: link.value.trim() ? [link.value.trim()] : [], expectedVersion: m.version }, t('problems.resolved')) }, t('problems.resolve')),
        ] : [];
        return h('tr', { testid: 'proposal-row' },
          h('td', {}, m.offerTitle, m.declineReason ? h('p', { class: 'muted' }, t('problems.declineReason'), '：', m.declineReason) : null,
            m.outcome ? h('p', { class: 'muted' }, t('problems.outcome'), '：', m.outcome) : null),
          h('td', { class: 'num' }, m.score.toFixed(2)),
          h('td', { testid: 'proposal-state' }, t(`lists.match.${m.state}`)),
          h('td', { class: 'form-inline' }, actions));
      }),
    });
  }

  function withdrawForm(problem) {
    const reason = h('input', { type: 'text', maxlength: '500', testid: 'withdraw-reason', placeholder: t('problems.withdrawReason'), 'aria-label': t('problems.withdrawReason') });
    return h('div', { class: 'form-inline card' }, reason,
      h('button', { type: 'button', class: 'button button-secondary', testid: 'withdraw', onclick: () => act(`/api/v1/problems/${id}/withdraw`,
        { reason: reason.value.trim(), expectedVersion: problem.version }, t('problems.withdrawn')) }, t('problems.withdraw')));
  }

  async function act(path, body, done) {
    const slot = main.querySelector('[data-testid="problem-message"]');
    try {
      await post(path, body);
      await load();
      main.querySelector('[data-testid="problem-message"]').replaceChildren(successBanner(done));
    } catch (problem) {
      slot.replaceChildren(problemBanner({ ...problem, detail: problem.detail || Object.values(problem.errors ?? {}).flat().join(' ') }));
    }
  }
}
