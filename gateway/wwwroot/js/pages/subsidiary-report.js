// A subsidiary's report: its party members per organization, the cross-appointment ratio of its secretaries, its
// pairings in force and expiring soon, the alliances it takes part in with their current chair, and its joint work
// (activities its organizations host, per month and measure). Every figure is
// from reporting's read models (eventually consistent), read once when the page opens.
import { get } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, loading, empty, problemBanner, table } from '../ui.js';
import { formatDate } from '../units.js';
import { jointWorkSection } from '../joint-work.js';
import { jointWorkRateSections } from '../joint-work-rates.js';

export function render(main, { params }) {
  const id = params.id;
  const title = h('h1', {}, t('report.title'));
  const body = h('div', {}, loading());
  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('report.back') },
      h('a', { href: `/subsidiaries/${encodeURIComponent(id)}`, testid: 'back-to-subsidiary' }, t('report.back'))),
    h('div', { class: 'page-header' }, title),
    body);
  load();

  async function load() {
    body.replaceChildren(loading());
    const base = `/api/v1/dashboard/subsidiaries/${encodeURIComponent(id)}`;
    try {
      const [counts, members, cross, pairings, alliances] = await Promise.all([
        get(base), get(`${base}/members`), get(`${base}/cross-appointment`), get(`${base}/pairings`),
        get(`/api/v1/dashboard/alliances?subsidiaryId=${encodeURIComponent(id)}`)]);
      if (counts.name) title.textContent = t('report.titleOf', { name: counts.name });
      body.replaceChildren(
        h('div', { class: 'cards' },
          card(t('report.full'), formatNumber(members.full), 'report-full'),
          card(t('report.probationary'), formatNumber(members.probationary), 'report-probationary'),
          card(t('report.crossAppointment'), percent(cross.ratio), 'report-cross-ratio',
            t('report.crossDetail', { cross: formatNumber(cross.crossAppointed), secretaries: formatNumber(cross.secretaries) })),
          card(t('report.pairingsActive'), formatNumber(pairings.active), 'report-pairings-active'),
          card(t('report.pairingsExpiring', { days: pairings.expiringSoonDays }), formatNumber(pairings.expiringSoon), 'report-pairings-expiring')),
        section(t('report.membersPerOrganization'), membersTable(members)),
        section(t('report.expiring'), expiringTable(pairings)),
        section(t('report.alliances'), alliancesTable(alliances)),
        jointWorkSection({ subsidiaryId: id }),
        ...jointWorkRateSections({ subsidiaryId: id }));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function percent(ratio) {
  return new Intl.NumberFormat(document.documentElement.lang || 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

function card(label, value, testid, detail) {
  return h('div', { class: 'card stat' },
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value', testid }, value),
    detail ? h('span', { class: 'muted' }, detail) : null);
}

function section(heading, content) {
  return h('section', { class: 'section' }, h('h2', {}, heading), content);
}

function membersTable(members) {
  if (!members.perOrganization.length) return empty(t('report.noMembers'), 'report-members-empty');
  return table({
    testid: 'report-members',
    columns: [{ label: t('report.organization') }, { label: t('report.full'), num: true }, { label: t('report.probationary'), num: true }],
    rows: members.perOrganization.map((o) => h('tr', { testid: 'report-member-row', 'data-organization-id': o.organizationId },
      h('th', { scope: 'row' }, o.organizationName || t('report.unnamed')),
      h('td', { class: 'num' }, formatNumber(o.full)),
      h('td', { class: 'num' }, formatNumber(o.probationary)))),
  });
}

function expiringTable(pairings) {
  if (!pairings.expiring.length) return empty(t('report.noExpiring'), 'report-expiring-empty');
  return table({
    testid: 'report-expiring',
    columns: [{ label: t('report.pairingTitle') }, { label: t('report.expiresOn') }],
    rows: pairings.expiring.map((p) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/pairings/${encodeURIComponent(p.pairingId)}` }, p.title)),
      h('td', {}, formatDate(p.expiresOn)))),
  });
}

function alliancesTable(alliances) {
  if (!alliances.length) return empty(t('report.noAlliances'), 'report-alliances-empty');
  return table({
    testid: 'report-alliances',
    columns: [{ label: t('col.name') }, { label: t('report.memberUnits'), num: true }, { label: t('report.internalUnits'), num: true },
      { label: t('report.externalUnits'), num: true }, { label: t('report.currentChair') }],
    rows: alliances.map((a) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/alliances/${encodeURIComponent(a.allianceId)}` }, a.name)),
      h('td', { class: 'num' }, formatNumber(a.memberUnits)),
      h('td', { class: 'num' }, formatNumber(a.internalUnits)),
      h('td', { class: 'num' }, formatNumber(a.externalUnits)),
      h('td', {}, a.currentChairUnitName ?? '—'))),
  });
}
