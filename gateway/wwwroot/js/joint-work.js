// Joint work counted by reporting (activities per month and joint measure, per alliance, per host organization), for
// the group dashboard and a subsidiary's report: cards, a stacked bar chart of held and planned activities per month
// by measure, and tables. Read once; reporting's read model is eventually consistent.
import { get } from './api.js';
import { t, formatNumber } from './i18n.js';
import { h, loading, empty, problemBanner, table } from './ui.js';

export const measures = ['study', 'organization', 'work', 'performance', 'responsibility', 'integrity'];
const svgNs = 'http://www.w3.org/2000/svg';

export function jointWorkSection({ subsidiaryId } = {}) {
  const body = h('div', {}, loading());
  const element = h('section', { class: 'section', testid: 'joint-work' }, h('h2', {}, t('jointWork.title')), body);
  load();
  return element;

  async function load() {
    body.replaceChildren(loading());
    try {
      const data = await get('/api/v1/dashboard/activities', subsidiaryId ? { subsidiaryId } : {});
      body.replaceChildren(...content(data));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function content(data) {
  return [
    h('p', { class: 'muted' }, t('jointWork.period', { from: data.fromMonth, to: data.toMonth })),
    h('div', { class: 'cards' },
      card(t('jointWork.held'), data.held, 'joint-work-held'),
      card(t('jointWork.planned'), data.planned, 'joint-work-planned'),
      card(t('jointWork.cancelled'), data.cancelled, 'joint-work-cancelled')),
    data.held + data.planned === 0 ? empty(t('jointWork.empty'), 'joint-work-empty') : chart(data),
    data.perMeasure.length ? table({
      testid: 'joint-work-measures',
      columns: [{ label: t('activity.measure') }, { label: t('jointWork.held'), num: true }, { label: t('jointWork.planned'), num: true }],
      rows: data.perMeasure.map((m) => h('tr', { 'data-measure': m.measure },
        h('th', { scope: 'row' }, h('span', { class: `legend-swatch measure-${m.measure}` }), t(`measure.${m.measure}`)),
        h('td', { class: 'num' }, formatNumber(m.held)), h('td', { class: 'num' }, formatNumber(m.planned)))),
    }) : null,
    data.perAlliance.length ? h('div', {}, h('h3', {}, t('jointWork.perAlliance')), table({
      testid: 'joint-work-alliances',
      columns: [{ label: t('col.name') }, { label: t('jointWork.held'), num: true }, { label: t('jointWork.planned'), num: true }],
      rows: data.perAlliance.map((a) => h('tr', { 'data-alliance-id': a.allianceId },
        h('th', { scope: 'row' }, h('a', { href: `/alliances/${a.allianceId}` }, a.name || a.allianceId)),
        h('td', { class: 'num' }, formatNumber(a.held)), h('td', { class: 'num' }, formatNumber(a.planned)))),
    })) : null,
    data.perOrganization.length ? h('div', {}, h('h3', {}, t('jointWork.perOrganization')), table({
      testid: 'joint-work-organizations',
      columns: [{ label: t('col.name') }, { label: t('jointWork.held'), num: true }, { label: t('jointWork.planned'), num: true }],
      rows: data.perOrganization.map((o) => h('tr', { 'data-organization-id': o.organizationId },
        h('th', { scope: 'row' }, o.name || o.organizationId),
        h('td', { class: 'num' }, formatNumber(o.held)), h('td', { class: 'num' }, formatNumber(o.planned)))),
    })) : null,
  ];
}

/**
 * An empty SVG chart of the given size with its accessible label; add(tag, attributes, text) appends a shape to it.
 * The joint-work charts (here and in joint-work-rates.js) draw with it.
 */
export function svgChart({ width, height, label, testid }) {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.dataset.testid = testid;
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(svgNs, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  return { svg, add };
}

/** Gives a shape the tooltip a pointer shows over it. */
export function titled(node, text) {
  const title = document.createElementNS(svgNs, 'title');
  title.textContent = text;
  node.append(title);
  return node;
}

/** Every month of the period from its first to its last, as yyyy-MM. */
export function monthsOf(from, to) {
  const months = [];
  let [year, month] = from.split('-').map(Number);
  const [lastYear, lastMonth] = to.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    if (++month > 12) { month = 1; year++; }
  }
  return months;
}

// A column per month: held activities stacked by measure, planned ones above them hatched.
function chart(data) {
  const months = monthsOf(data.fromMonth, data.toMonth);
  const perMonth = new Map(months.map((m) => [m, []]));
  for (const c of data.perMonth) perMonth.get(c.month)?.push(c);
  const totals = months.map((m) => perMonth.get(m).reduce((sum, c) => sum + c.held + c.planned, 0));
  const max = Math.max(1, ...totals);
  const [width, height, bar, gap, top] = [months.length * 48, 180, 28, 20, 16];
  const { svg, add } = svgChart({ width, height: height + 24, label: t('jointWork.chartLabel', { held: data.held, planned: data.planned }),
    testid: 'joint-work-chart' });
  months.forEach((month, i) => {
    const x = i * (bar + gap) + gap / 2;
    let y = height;
    const counts = perMonth.get(month);
    for (const kind of ['held', 'planned']) {
      for (const measure of measures) {
        const n = counts.filter((c) => c.measure === measure).reduce((sum, c) => sum + c[kind], 0);
        if (!n) continue;
        const size = ((height - top) * n) / max;
        y -= size;
        const rect = add('rect', { x, y, width: bar, height: size, class: `measure-${measure}${kind === 'planned' ? ' planned' : ''}`,
          'data-month': month, 'data-measure': measure, 'data-kind': kind, 'data-count': n });
        titled(rect, `${month} · ${t(`measure.${measure}`)} · ${t(`jointWork.${kind}`)} ${formatNumber(n)}`);
      }
    }
    if (totals[i]) add('text', { x: x + bar / 2, y: y - 4, 'text-anchor': 'middle', class: 'chart-value' }, formatNumber(totals[i]));
    add('text', { x: x + bar / 2, y: height + 16, 'text-anchor': 'middle', class: 'chart-axis' }, month.slice(2));
  });
  const legend = h('ul', { class: 'chart-legend' },
    measures.map((m) => h('li', {}, h('span', { class: `legend-swatch measure-${m}` }), t(`measure.${m}`))),
    h('li', {}, h('span', { class: 'legend-swatch planned' }), t('jointWork.planned')));
  return h('figure', { class: 'chart-figure' }, svg, legend);
}

export function card(label, value, testid) {
  return h('div', { class: 'card stat' },
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value', testid }, typeof value === 'number' ? formatNumber(value) : value));
}
