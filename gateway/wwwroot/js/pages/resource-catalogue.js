// The published resource catalogue (资源目录) of an alliance for a period: the alliance's and the group's offers available
// in it, as a table and as an Excel download.
import { get, download } from '../api.js';
import { t } from '../i18n.js';
import { h, empty, problemBanner, table } from '../ui.js';
import { pagedAll } from './meetings.js';
import { today } from '../units.js';

export function render(main, { query }) {
  const alliance = h('select', { testid: 'catalogue-alliance', 'aria-label': t('lists.alliance') }, h('option', { value: '' }, t('lists.pickAlliance')));
  const start = today();
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 89 * 86_400_000).toISOString().slice(0, 10);
  const from = h('input', { type: 'date', testid: 'catalogue-from', 'aria-label': t('resources.from'), value: query.get('from') ?? start });
  const to = h('input', { type: 'date', testid: 'catalogue-to', 'aria-label': t('resources.to'), value: query.get('to') ?? end });
  const result = h('div', {}, empty(t('catalogue.pick')));
  const xlsx = h('button', { type: 'button', class: 'button button-secondary', testid: 'catalogue-xlsx', disabled: true }, t('catalogue.xlsx'));
  for (const control of [alliance, from, to]) control.addEventListener('change', load);
  xlsx.addEventListener('click', async () => {
    try {
      await download(`/api/v1/alliances/${alliance.value}/resource-catalogue.xlsx`, { from: from.value, to: to.value }, 'resource-catalogue.xlsx');
    } catch (problem) {
      result.prepend(problemBanner(problem));
    }
  });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('catalogue.title')), h('p', { class: 'page-status' }, t('catalogue.intro'))),
    h('div', { class: 'toolbar form-inline' }, alliance, from, to, xlsx),
    result);
  pagedAll('/api/v1/alliances').then((alliances) => {
    alliance.append(...alliances.map((a) => h('option', { value: a.id }, a.name)));
    alliance.value = query.get('allianceId') ?? '';
    if (alliance.value) load();
  }).catch(() => {});

  async function load() {
    xlsx.disabled = !alliance.value;
    if (!alliance.value) return;
    try {
      const c = await get(`/api/v1/alliances/${alliance.value}/resource-catalogue`, { from: from.value, to: to.value });
      result.replaceChildren(h('h2', { testid: 'catalogue-heading' }, t('catalogue.heading', { name: c.allianceName, from: c.from, to: c.to })),
        c.offers.length ? table({
          testid: 'catalogue-table',
          columns: [{ label: t('lists.kindLabel') }, { label: t('lists.title') }, { label: t('lists.unit') }, { label: t('lists.scopeLabel') },
            { label: t('resources.capacity') }, { label: t('catalogue.available') }],
          rows: c.offers.map((o) => h('tr', { testid: 'catalogue-row' },
            h('td', {}, t(`lists.kind.${o.kind}`)), h('td', {}, o.title), h('td', {}, o.unitName),
            h('td', {}, o.scope === 'group' ? t('lists.scope.group') : t('lists.scope.alliance')),
            h('td', {}, o.capacity != null ? `${o.used} / ${o.capacity} ${o.capacityUnit ?? ''}` : t('resources.noLimit')),
            h('td', {}, o.windows.length ? o.windows.map((w) => `${w.from} ~ ${w.to}`).join('；') : t('catalogue.byArrangement')))),
        }) : empty(t('catalogue.none')));
    } catch (problem) {
      result.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}
