// Joint work's rates (ADR 37), beside the activity counts of joint-work.js on the group dashboard and a subsidiary's
// report: attendance (checked in / invited), organization-life compliance per branch, and decision items by colour
// with their on-time closure rate. Each section reads its own answer once; reporting's read models are eventually consistent.
import { get } from './api.js';
import { t, formatNumber, formatPercent } from './i18n.js';
import { h, loading, empty, problemBanner, table } from './ui.js';
import { svgChart, titled, card } from './joint-work.js';

export function jointWorkRateSections({ subsidiaryId } = {}) {
  const scope = subsidiaryId ? { subsidiaryId } : {};
  return [
    section('attendance', t('attendanceRates.title'), () => get('/api/v1/dashboard/attendance', scope), (data) => attendance(data, !subsidiaryId)),
    section('organization-life-compliance', t('lifeCompliance.title'), () => get('/api/v1/dashboard/organization-life', scope),
      (data) => organizationLife(data, !subsidiaryId)),
    section('supervision-report', t('supervisionReport.title'), () => get('/api/v1/dashboard/supervision', scope), supervision),
  ];
}

function section(testid, title, read, render) {
  const body = h('div', {}, loading());
  const element = h('section', { class: 'section', testid }, h('h2', {}, title), body);
  load();
  return element;

  async function load() {
    body.replaceChildren(loading());
    try {
      body.replaceChildren(...render(await read()));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

// A column per key, its parts stacked from the bottom; a part is { name, count, className } and is drawn only when counted.
function stackedColumns({ testid, label, columns, legend }) {
  const max = Math.max(1, ...columns.map((c) => c.parts.reduce((sum, p) => sum + p.count, 0)));
  const [bar, gap, height, top] = [28, 20, 180, 16];
  const { svg, add } = svgChart({ width: Math.max(1, columns.length) * (bar + gap), height: height + 24, label, testid });
  columns.forEach((column, i) => {
    const x = i * (bar + gap) + gap / 2;
    let y = height;
    for (const part of column.parts) {
      if (!part.count) continue;
      const size = ((height - top) * part.count) / max;
      y -= size;
      titled(add('rect', { x, y, width: bar, height: size, class: part.className, 'data-key': column.key, 'data-part': part.name, 'data-count': part.count }),
        `${column.label} · ${part.label} ${formatNumber(part.count)}`);
    }
    const total = column.parts.reduce((sum, p) => sum + p.count, 0);
    if (total) add('text', { x: x + bar / 2, y: y - 4, 'text-anchor': 'middle', class: 'chart-value' }, formatNumber(total));
    add('text', { x: x + bar / 2, y: height + 16, 'text-anchor': 'middle', class: 'chart-axis' }, column.short ?? column.label.slice(0, 4));
  });
  return h('figure', { class: 'chart-figure' }, svg,
    h('ul', { class: 'chart-legend' }, legend.map(([className, text]) => h('li', {}, h('span', { class: `legend-swatch ${className}` }), text))));
}

// Rate columns (0..100%) per key: the bar's height is the rate, its title the counts behind it.
function rateColumns({ testid, label, columns }) {
  const [bar, gap, height, top] = [28, 20, 180, 16];
  const { svg, add } = svgChart({ width: Math.max(1, columns.length) * (bar + gap), height: height + 24, label, testid });
  columns.forEach((column, i) => {
    const x = i * (bar + gap) + gap / 2;
    const size = (height - top) * Math.min(1, column.rate);
    titled(add('rect', { x, y: height - size, width: bar, height: size, class: 'rate-bar', 'data-key': column.key, 'data-rate': column.rate }),
      `${column.label} · ${column.detail}`);
    add('text', { x: x + bar / 2, y: height - size - 4, 'text-anchor': 'middle', class: 'chart-value' }, formatPercent(column.rate));
    add('text', { x: x + bar / 2, y: height + 16, 'text-anchor': 'middle', class: 'chart-axis' }, column.short);
  });
  return h('figure', { class: 'chart-figure' }, svg);
}

function attendance(data, wholeGroup) {
  if (data.total.activities === 0) {
    return [h('p', { class: 'muted' }, t('jointWork.period', { from: data.fromMonth, to: data.toMonth })),
      empty(t('attendanceRates.empty'), 'attendance-empty')];
  }
  const rows = wholeGroup ? data.perSubsidiary : data.perOrganization;
  return [
    h('p', { class: 'muted' }, t('jointWork.period', { from: data.fromMonth, to: data.toMonth }), ' ',
      t('attendanceRates.rule', { without: formatNumber(data.activitiesWithoutInvitations) })),
    h('div', { class: 'cards' },
      card(t('attendanceRates.rate'), formatPercent(data.total.rate), 'attendance-rate'),
      card(t('attendanceRates.invited'), data.total.invited, 'attendance-invited'),
      card(t('attendanceRates.checkedIn'), data.total.checkedIn, 'attendance-checked-in')),
    rateColumns({
      testid: 'attendance-chart', label: t('attendanceRates.chartLabel', { rate: formatPercent(data.total.rate) }),
      columns: data.perMonth.map((m) => ({ key: m.key, label: m.key, short: m.key.slice(2), rate: m.rate,
        detail: t('attendanceRates.detail', { checkedIn: formatNumber(m.checkedIn), invited: formatNumber(m.invited) }) })),
    }),
    table({
      testid: 'attendance-table',
      columns: [{ label: wholeGroup ? t('col.subsidiary') : t('attendanceRates.organization') }, { label: t('attendanceRates.invited'), num: true },
        { label: t('attendanceRates.checkedIn'), num: true }, { label: t('attendanceRates.rate'), num: true }],
      rows: rows.map((r) => h('tr', { 'data-key': r.key },
        h('th', { scope: 'row' }, r.name || r.key), h('td', { class: 'num' }, formatNumber(r.invited)),
        h('td', { class: 'num' }, formatNumber(r.checkedIn)), h('td', { class: 'num' }, formatPercent(r.rate)))),
    }),
  ];
}

const states = [['done', 'state-done'], ['due', 'state-due'], ['overdue', 'state-overdue']];

function organizationLife(data, wholeGroup) {
  if (data.total.bound === 0) return [empty(t('lifeCompliance.empty'), 'organization-life-empty')];
  const columns = wholeGroup
    ? data.perSubsidiary.map((s) => ({ key: s.subsidiaryId, label: s.name || s.subsidiaryId, count: s.count }))
    : data.perRule.map((r) => ({ key: r.ruleId, label: `${ruleName(r)} ${r.periodKey}`, count: r.count }));
  return [
    h('p', { class: 'muted' }, t('lifeCompliance.on', { on: data.on })),
    h('div', { class: 'cards' },
      card(t('lifeCompliance.rate'), formatPercent(data.total.rate), 'organization-life-rate'),
      card(t('lifeCompliance.done'), data.total.done, 'organization-life-done'),
      card(t('lifeCompliance.due'), data.total.due, 'organization-life-due'),
      card(t('lifeCompliance.overdue'), data.total.overdue, 'organization-life-overdue')),
    stackedColumns({
      testid: 'organization-life-chart',
      label: t('lifeCompliance.chartLabel', { done: data.total.done, bound: data.total.bound, overdue: data.total.overdue }),
      columns: columns.map((c) => ({ key: c.key, label: c.label,
        parts: states.map(([name, className]) => ({ name, className, label: t(`lifeCompliance.${name}`), count: c.count[name] })) })),
      legend: states.map(([name, className]) => [className, t(`lifeCompliance.${name}`)]),
    }),
    table({
      testid: 'organization-life-rules',
      columns: [{ label: t('lifeCompliance.rule') }, { label: t('lifeCompliance.period') }, { label: t('lifeCompliance.done'), num: true },
        { label: t('lifeCompliance.due'), num: true }, { label: t('lifeCompliance.overdue'), num: true }, { label: t('lifeCompliance.rate'), num: true }],
      rows: data.perRule.map((r) => h('tr', { 'data-rule-id': r.ruleId },
        h('th', { scope: 'row' }, ruleName(r)), h('td', {}, r.periodKey),
        h('td', { class: 'num' }, formatNumber(r.count.done)), h('td', { class: 'num' }, formatNumber(r.count.due)),
        h('td', { class: 'num' }, formatNumber(r.count.overdue)), h('td', { class: 'num' }, formatPercent(r.count.rate)))),
    }),
  ];
}

function ruleName(rule) {
  return document.documentElement.lang === 'en-US' ? rule.nameEn : rule.nameZh;
}

const colours = [['green', 'colour-green'], ['yellow', 'colour-yellow'], ['red', 'colour-red']];

function supervision(data) {
  const open = data.open.green + data.open.yellow + data.open.red;
  return [
    h('div', { class: 'cards' },
      card(t('supervisionReport.red'), data.open.red, 'supervision-red'),
      card(t('supervisionReport.yellow'), data.open.yellow, 'supervision-yellow'),
      card(t('supervisionReport.green'), data.open.green, 'supervision-green'),
      card(t('supervisionReport.closureRate'), formatPercent(data.closure.rate), 'supervision-closure-rate')),
    h('p', { class: 'muted' }, t('supervisionReport.closureRule', {
      from: data.fromMonth, to: data.toMonth, onTime: formatNumber(data.closure.onTime), late: formatNumber(data.closure.late),
      overdue: formatNumber(data.closure.overdue) })),
    open === 0 ? empty(t('supervisionReport.empty'), 'supervision-empty') : stackedColumns({
      testid: 'supervision-chart',
      label: t('supervisionReport.chartLabel', { red: data.open.red, yellow: data.open.yellow, green: data.open.green }),
      columns: data.perAlliance.map((a) => ({ key: a.key, label: a.name || a.key,
        parts: colours.map(([name, className]) => ({ name, className, label: t(`supervisionReport.${name}`), count: a[name] })) })),
      legend: colours.map(([name, className]) => [className, t(`supervisionReport.${name}`)]),
    }),
    data.closurePerMonth.length ? table({
      testid: 'supervision-closure',
      columns: [{ label: t('supervisionReport.dueMonth') }, { label: t('supervisionReport.onTime'), num: true }, { label: t('supervisionReport.late'), num: true },
        { label: t('supervisionReport.overdue'), num: true }, { label: t('supervisionReport.closureRate'), num: true }],
      rows: data.closurePerMonth.map((m) => h('tr', { 'data-month': m.month },
        h('th', { scope: 'row' }, m.month), h('td', { class: 'num' }, formatNumber(m.onTime)), h('td', { class: 'num' }, formatNumber(m.late)),
        h('td', { class: 'num' }, formatNumber(m.overdue)), h('td', { class: 'num' }, formatPercent(m.rate)))),
    }) : null,
  ];
}
