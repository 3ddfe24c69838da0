// One person: details (ID and phone masked unless the caller's role may see them), the membership with its history
// (joined, transferred, status changed), and the roles in organizations with their dates; for admins, forms to join
// the party, transfer, change the status, assign a role and end one. Every change sends the version it was made from.
// Below: the person's attendance history (activities invited to by name or checked in at), a page at a time.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table, pager } from '../ui.js';
import { formatGroupTime } from './activities.js';
import { today, formatDate } from '../units.js';
import { personAccountSection } from './person-account.js';

const statuses = ['probationary', 'full', 'transferred-out'];
const roles = ['secretary', 'deputy-secretary', 'committee-member'];

export function render(main, { params, user }) {
  const id = params.id;
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  const title = h('h1', {}, t('person.title'));
  const back = h('a', { href: '/subsidiaries', testid: 'back-to-people' }, t('person.back'));
  const body = h('div', {}, loading());
  main.replaceChildren(h('nav', { class: 'breadcrumb', 'aria-label': t('person.back') }, back),
    h('div', { class: 'page-header' }, title), body);
  let names = new Map();
  load();

  async function load(message) {
    try {
      const person = await get(`/api/v1/people/${encodeURIComponent(id)}`);
      const organizations = await get(`/api/v1/subsidiaries/${encodeURIComponent(person.subsidiaryId)}/organizations`,
        { pageSize: 200, includeEnded: true });
      names = new Map(organizations.items.map((o) => [o.id, o.name]));
      show(person, organizations.items.filter((o) => o.status !== 'dissolved' && o.status !== 'merged'), message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  const nameOf = (organizationId) => names.get(organizationId) ?? organizationId;

  function show(person, active, message) {
    title.textContent = person.name;
    back.href = `/subsidiaries/${encodeURIComponent(person.subsidiaryId)}/people`;
    const forms = isAdmin ? adminForms(person, active) : [];
    body.replaceChildren(
      message ? successBanner(message) : '',
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('section', { class: 'section-first' }, h('h2', {}, t('person.details')), details(person)),
          h('section', { class: 'section' }, h('h2', {}, t('person.membershipHistory')), history(person)),
          h('section', { class: 'section' }, h('h2', {}, t('person.roles')), roleTable(person)),
          h('section', { class: 'section' }, h('h2', {}, t('person.attendance')), attendance(1)),
          isAdmin ? personAccountSection(person) : null),
        forms.length ? h('div', { class: 'column-side stack' }, ...forms) : null));
  }

  function attendance(page) {
    const box = h('div', { testid: 'person-attendance' }, loading());
    show(page);
    return box;

    async function show(p) {
      try {
        const data = await get(`/api/v1/people/${encodeURIComponent(id)}/attendance`, { page: p, pageSize: 20 });
        box.replaceChildren(data.total
          ? h('div', {},
            h('p', { class: 'muted' }, t('person.attended', { attended: data.attended, total: data.total })),
            table({
              testid: 'person-attendance-table',
              columns: [{ label: t('activity.title') }, { label: t('activity.when') }, { label: t('person.invitedByName') }, { label: t('attendance.checkedIn') }],
              rows: data.items.map((e) => h('tr', { testid: 'person-attendance-row' },
                h('th', { scope: 'row' }, h('a', { href: `/activities/${e.activity.id}` }, e.activity.title)),
                h('td', {}, formatGroupTime(e.activity.startsAt)),
                h('td', {}, e.invited ? '✓' : '—'),
                h('td', {}, e.checkIn ? formatGroupTime(e.checkIn.checkedInAt) : '—'))),
            }),
            data.total > data.pageSize ? pager(data, show) : null)
          : empty(t('person.noAttendance'), 'person-attendance-empty'));
      } catch (problem) {
        box.replaceChildren(problemBanner(problem, { onRetry: () => show(p) }));
      }
    }
  }

  function details(person) {
    const rows = [
      [t('people.kind'), t(`personKind.${person.kind}`)],
      [t('people.status'), person.membership ? `${t(`status.${person.membership.status}`)} · ${nameOf(person.membership.organizationId)}` : t('people.notMember')],
      [t('person.employeeNumber'), person.employeeNumber ?? '—'],
      [t('people.idNumber'), person.idNumber ?? '—'],
      [t('people.phone'), person.phone ?? '—'],
      [t('people.managementPost'), person.managementPost ?? '—'],
      [t('people.crossAppointed'), person.crossAppointed ? t('person.yes') : t('person.no')],
    ];
    return h('dl', { class: 'details-list', testid: 'person-details' },
      rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
  }

  function history(person) {
    if (!person.membershipHistory.length) return empty(t('person.noMembership'), 'person-history-empty');
    return table({
      testid: 'person-history',
      columns: [{ label: t('person.organization') }, { label: t('people.status') }, { label: t('person.from') }, { label: t('person.to') }],
      rows: person.membershipHistory.map((m) => h('tr', { testid: 'history-row' },
        h('th', { scope: 'row' }, nameOf(m.organizationId)), h('td', {}, t(`status.${m.status}`)),
        h('td', {}, formatDate(m.from)), h('td', {}, m.to ? formatDate(m.to) : '—'))),
    });
  }

  function roleTable(person) {
    if (!person.roles.length) return empty(t('person.noRoles'), 'person-roles-empty');
    return table({
      testid: 'person-roles',
      columns: [{ label: t('person.organization') }, { label: t('person.role') }, { label: t('person.from') }, { label: t('person.to') }, { label: '' }],
      rows: person.roles.map((r) => h('tr', { testid: 'role-row', 'data-role-id': r.id },
        h('th', { scope: 'row' }, nameOf(r.organizationId)), h('td', {}, t(`orgRole.${r.role}`)),
        h('td', {}, formatDate(r.startsOn)), h('td', {}, r.endsOn ? formatDate(r.endsOn) : '—'),
        h('td', {}, isAdmin && !r.endsOn ? endRoleButton(person, r) : ''))),
    });
  }

  function endRoleButton(person, role) {
    const button = h('button', { type: 'button', class: 'button button-secondary', testid: 'end-role' }, t('person.endRole'));
    button.addEventListener('click', async () => {
      try {
        await busy(button, t('state.saving'), () => post(`/api/v1/people/${encodeURIComponent(id)}/roles/${encodeURIComponent(role.id)}/end`,
          { endsOn: today(), expectedVersion: person.version }));
        load(t('person.saved'));
      } catch (problem) {
        body.prepend(problemBanner(problem));
      }
    });
    return button;
  }

  function organizationSelect(active, testid) {
    return h('select', { testid }, h('option', { value: '' }, t('unit.pickOrganization')),
      ...active.map((o) => h('option', { value: o.id }, `${o.name} · ${t(`kind.${o.kind}`)}`)));
  }

  /** A form posting `build()` to `path` with the person's version; on success reloads the page with a message. */
  function changeForm({ testid, heading, fields, path, build, person }) {
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: `${testid}-submit` }, t('person.save'));
    const form = h('form', { class: 'form card', testid, novalidate: true },
      h('h2', {}, heading), h('div', { class: 'form-message' }), ...fields, h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => post(`/api/v1/people/${encodeURIComponent(id)}${path}`,
          { ...build(), expectedVersion: person.version }));
        load(t('person.saved'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function adminForms(person, active) {
    const forms = [];
    if (!person.membership || person.membership.status === 'transferred-out') {
      const organization = organizationSelect(active, 'join-organization');
      const joinedOn = h('input', { type: 'date', testid: 'join-date', value: today() });
      const status = h('select', { testid: 'join-status' }, ['probationary', 'full'].map((s) => h('option', { value: s }, t(`status.${s}`))));
      forms.push(changeForm({ testid: 'join-form', heading: t('person.join'), path: '/membership', person,
        fields: [field({ label: t('person.organization'), name: 'organizationId', control: organization }),
          field({ label: t('person.joinedOn'), name: 'joinedOn', control: joinedOn }),
          field({ label: t('people.status'), name: 'status', control: status })],
        build: () => ({ organizationId: organization.value || null, joinedOn: joinedOn.value, status: status.value }) }));
    } else {
      const to = organizationSelect(active.filter((o) => o.id !== person.membership.organizationId), 'transfer-organization');
      const transferredOn = h('input', { type: 'date', testid: 'transfer-date', value: today() });
      forms.push(changeForm({ testid: 'transfer-form', heading: t('person.transfer'), path: '/transfers', person,
        fields: [field({ label: t('person.toOrganization'), name: 'toOrganizationId', control: to }),
          field({ label: t('person.transferredOn'), name: 'transferredOn', control: transferredOn })],
        build: () => ({ toOrganizationId: to.value || null, transferredOn: transferredOn.value }) }));
      const status = h('select', { testid: 'status-value' }, statuses.filter((s) => s !== person.membership.status)
        .map((s) => h('option', { value: s }, t(`status.${s}`))));
      const changedOn = h('input', { type: 'date', testid: 'status-date', value: today() });
      forms.push(changeForm({ testid: 'status-form', heading: t('person.changeStatus'), path: '/membership/status', person,
        fields: [field({ label: t('people.status'), name: 'status', control: status }),
          field({ label: t('person.changedOn'), name: 'changedOn', control: changedOn })],
        build: () => ({ status: status.value, changedOn: changedOn.value }) }));
      const organization = organizationSelect(active, 'role-organization');
      const role = h('select', { testid: 'role-value' }, roles.map((r) => h('option', { value: r }, t(`orgRole.${r}`))));
      const startsOn = h('input', { type: 'date', testid: 'role-starts', value: today() });
      forms.push(changeForm({ testid: 'role-form', heading: t('person.assignRole'), path: '/roles', person,
        fields: [field({ label: t('person.organization'), name: 'organizationId', control: organization }),
          field({ label: t('person.role'), name: 'role', control: role }),
          field({ label: t('person.from'), name: 'startsOn', control: startsOn })],
        build: () => ({ organizationId: organization.value || null, role: role.value, startsOn: startsOn.value }) }));
    }
    return forms;
  }
}
