// 人才库 / Talent: search people's profiles in the caller's scope by name, skill, title or certificate (characters or
// pinyin, full or initials), paged; each row links to the profile page.
import { get } from '../api.js';
import { t } from '../i18n.js';
import { h, loading, empty, problemBanner, table, pager } from '../ui.js';

export function render(main, { query: params }) {
  let page = 1;
  const inputs = {
    query: h('input', { type: 'search', testid: 'talent-query', placeholder: t('talent.queryHint'), 'aria-label': t('talent.query'), value: params.get('query') ?? '' }),
    skill: h('input', { type: 'search', testid: 'talent-skill', placeholder: t('talent.skill'), 'aria-label': t('talent.skill') }),
    title: h('input', { type: 'search', testid: 'talent-title', placeholder: t('talent.jobTitle'), 'aria-label': t('talent.jobTitle') }),
    certificate: h('input', { type: 'search', testid: 'talent-certificate', placeholder: t('talent.certificate'), 'aria-label': t('talent.certificate') }),
  };
  const members = h('input', { type: 'checkbox', testid: 'talent-members-only' });
  const sort = h('select', { testid: 'talent-sort', 'aria-label': t('talent.sort') },
    ['name', 'title', 'updated'].map((s) => h('option', { value: s }, t(`talent.sort.${s}`))));
  const search = h('button', { type: 'submit', class: 'button button-primary', testid: 'talent-search' }, t('talent.search'));
  const list = h('div', {}, loading());
  const form = h('form', { class: 'toolbar form-inline', testid: 'talent-search-form' },
    Object.values(inputs), h('label', { class: 'radio' }, members, t('talent.membersOnly')), sort, search);
  form.addEventListener('submit', (event) => { event.preventDefault(); page = 1; load(); });
  sort.addEventListener('change', () => { page = 1; load(); });

  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('talent.title')), h('p', { class: 'page-status' }, t('talent.intro')),
      h('p', {}, h('a', { href: '/talent/lists', testid: 'to-lists' }, t('talent.toLists')))),
    form, list);
  load();

  async function load() {
    list.replaceChildren(loading());
    try {
      const data = await get('/api/v1/talent/profiles', {
        page, pageSize: 20, sort: sort.value, partyMembersOnly: members.checked || undefined,
        ...Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim() || undefined])),
      });
      if (!data.items.length) {
        list.replaceChildren(empty(t('talent.none')));
        return;
      }
      list.replaceChildren(table({
        testid: 'talent-table',
        columns: [{ label: t('talent.name') }, { label: t('talent.jobTitle') }, { label: t('talent.skills') },
          { label: t('talent.certificates') }, { label: t('talent.party') }],
        rows: data.items.map((p) => h('tr', { testid: 'talent-row' },
          h('td', {}, h('a', { href: `/talent/profiles/${p.personId}` }, p.name || t('talent.unnamed')),
            p.leftInHr ? h('span', { class: 'badge badge-warning', testid: 'left-in-hr' }, t('talent.leftInHr')) : null),
          h('td', {}, p.title),
          h('td', {}, p.skills.join('、')),
          h('td', {}, p.certificates.join('、')),
          h('td', {}, p.partyStatus ? t(`talent.status.${p.partyStatus}`) : t('talent.status.none')))),
      }), pager({ page: data.page, pageSize: data.pageSize, total: data.total }, (p) => { page = p; load(); }));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}
