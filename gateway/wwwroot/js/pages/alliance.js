// One alliance: its member units (成员单位) with joined and left dates, a join form and leave buttons, the temporary
// branch (联盟临时党支部) with a form to form or change it, and the rotation calendar of the rotating secretary (轮值书记)
// with a form to schedule it.
import { get, post, put, idempotency, Problem } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table }
  from '../ui.js';
import { unitChooser, unitLabel, today, formatDate, organizationsOf } from '../units.js';
import { partnerAccountsSection } from './partner-accounts.js';
import { hostRotationSection } from './host-rotation.js';

export function render(main, { params, user }) {
  const id = params.id;
  const title = h('h1', {}, '');
  const subtitle = h('p', { class: 'muted page-status' });
  const body = h('div', {}, loading());
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  let alliance = null;

  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('alliance.back') },
      h('a', { href: '/alliances', testid: 'back-to-alliances' }, t('alliance.back'))),
    h('div', { class: 'page-header' }, title, subtitle),
    body);

  const join = isAdmin ? joinForm(id, () => alliance, (updated) => show(updated)) : null;
  const branch = isAdmin ? temporaryBranchForm(id, () => alliance, (updated) => show(updated)) : null;
  const rotation = isAdmin ? rotationForm(id, () => alliance, (updated) => show(updated)) : null;

  load();

  async function load() {
    body.replaceChildren(loading());
    try {
      show(await get(`/api/v1/alliances/${encodeURIComponent(id)}`));
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function show(data) {
    alliance = data;
    title.textContent = data.name;
    subtitle.replaceChildren(h('span', { class: 'badge badge-theme', testid: 'alliance-theme-badge' }, data.theme), ' ',
      user.role === 'partner' ? null : h('a', { href: `/service-centers?allianceId=${encodeURIComponent(data.id)}`,
        testid: 'alliance-shared-centers' }, t('alliance.sharedCenters')));
    branch?.setAlliance(data);
    rotation?.setMembers(data);
    body.replaceChildren(h('div', { class: 'columns' },
      h('div', { class: 'column-main' },
        data.plan ? h('section', { class: 'section-first' }, h('h2', {}, t('alliance.plan')),
          h('p', { class: 'plan', testid: 'alliance-plan-text' }, data.plan)) : null,
        h('section', { class: 'section' }, h('h2', {}, t('alliance.memberUnits')), members(data)),
        h('section', { class: 'section' }, h('h2', {}, t('alliance.temporaryBranch')), temporaryBranch(data, user)),
        h('section', { class: 'section' }, h('h2', {}, t('alliance.rotation')), rotationCalendar(data)),
        hostRotationSection(data),
        isAdmin ? partnerAccountsSection(data) : null),
      isAdmin ? h('div', { class: 'column-side stack' }, join.element, branch.element, rotation.element) : null));
  }

  function members(data) {
    if (!data.members.length) return empty(t('alliance.noMembers'), 'member-empty');
    return table({
      testid: 'member-table',
      columns: [{ label: t('col.name') }, { label: t('unit.contact') }, { label: t('alliance.joinedOn') },
        { label: t('alliance.leftOn') }, { label: '' }],
      rows: data.members.map((m) => {
        const isLead = m.organizationId === data.leadOrganizationId;
        return h('tr', { 'data-member-id': m.id, testid: 'member-row', class: m.leftOn ? 'row-left' : null },
          h('th', { scope: 'row' }, unitLabel(m),
            isLead ? h('span', { class: 'badge badge-lead', testid: 'lead-badge' }, t('alliance.leadBadge')) : null),
          h('td', {}, m.external ? `${m.external.contactName} ${m.external.contactPhone}` : ''),
          h('td', { class: 'muted' }, formatDate(m.joinedOn)),
          h('td', { class: 'muted', testid: 'member-left-on' }, formatDate(m.leftOn)),
          h('td', {}, isAdmin && !m.leftOn && !isLead ? leaveControl(m) : null));
      }),
    });
  }

  // Leaving asks for the date inline, then posts with the version last read.
  function leaveControl(member) {
    const slot = h('div', { class: 'inline-form' });
    const start = h('button', { type: 'button', class: 'link-button', testid: 'member-leave',
      onclick: () => slot.replaceChildren(form) }, t('alliance.leave'));
    const leftOn = h('input', { type: 'date', testid: 'member-left-on-input', value: today(),
      'aria-label': t('alliance.leftOn') });
    const confirm = h('button', { type: 'submit', class: 'button button-secondary', testid: 'member-leave-confirm' },
      t('alliance.leaveConfirm'));
    const form = h('form', { class: 'form-inline', novalidate: true },
      h('div', { class: 'form-message' }), h('div', { 'data-field': 'leftOn', class: 'field-inline' }, leftOn,
        h('p', { class: 'field-error', hidden: true })), confirm);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        show(await busy(confirm, t('state.saving'), () => post(
          `/api/v1/alliances/${encodeURIComponent(id)}/members/${member.id}/leave`,
          { leftOn: leftOn.value, expectedVersion: alliance.version })));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    slot.append(start);
    return slot;
  }
}

function nameOf(data, memberUnitId) {
  return data.members.find((m) => m.id === memberUnitId)?.name ?? memberUnitId;
}

function temporaryBranch(data, user) {
  const branch = data.temporaryBranch;
  if (!branch) return empty(t('alliance.noTemporaryBranch'), 'temporary-branch-empty');
  const organization = h('strong', { testid: 'temporary-branch-organization' }, '…');
  // A partner sees no subsidiary's organizations: the branch shows by its member units only.
  (user.role === 'partner' ? Promise.reject(new Error('partner')) : get(`/api/v1/organizations/${branch.organizationId}`))
    .then((o) => { organization.textContent = o.name; })
    .catch(() => { organization.textContent = branch.organizationId; });
  return h('div', { class: 'card', testid: 'temporary-branch' },
    organization,
    h('p', { class: 'muted' }, t('alliance.temporaryBranchUnits', { count: formatNumber(branch.memberUnitIds.length) })),
    h('ul', { class: 'plain-list' }, branch.memberUnitIds.map((u) => h('li', {}, nameOf(data, u)))));
}

function rotationCalendar(data) {
  const rotation = data.rotation;
  if (!rotation) return empty(t('alliance.noRotation'), 'rotation-empty');
  const period = (p, testid, label) => h('div', { class: 'card stat', testid },
    h('span', { class: 'stat-label' }, label),
    p ? h('strong', { class: 'stat-name' }, nameOf(data, p.memberUnitId)) : h('span', { class: 'muted' }, t('alliance.none')),
    p ? h('span', { class: 'muted' }, t('alliance.period', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) })) : null);
  return h('div', { testid: 'rotation' },
    h('p', { class: 'muted' }, t('alliance.rotationSummary', { startsOn: formatDate(rotation.startsOn),
      months: formatNumber(rotation.periodMonths) })),
    h('div', { class: 'cards' },
      period(rotation.current, 'rotation-current', t('alliance.currentChair')),
      period(rotation.next, 'rotation-next', t('alliance.nextInTurn'))),
    rotation.upcoming.length
      ? table({
        testid: 'rotation-table',
        columns: [{ label: t('alliance.rotatingSecretary') }, { label: t('alliance.startsOn') }, { label: t('alliance.endsOn') }],
        rows: rotation.upcoming.map((p) => h('tr', { testid: 'rotation-row' },
          h('th', { scope: 'row' }, nameOf(data, p.memberUnitId)),
          h('td', {}, formatDate(p.startsOn)),
          h('td', {}, formatDate(p.endsOn)))),
      })
      : null);
}

function joinForm(allianceId, current, updated) {
  const unit = unitChooser({ prefix: 'join', name: 'unit', label: t('alliance.joiningUnit') });
  const joinedOn = h('input', { type: 'date', testid: 'join-joined-on', value: today() });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'join-submit' }, t('alliance.joinSubmit'));
  const keys = idempotency();

  const form = h('form', { class: 'form card', testid: 'join-form', novalidate: true },
    h('h2', {}, t('alliance.join')),
    h('div', { class: 'form-message' }),
    unit.element,
    field({ label: t('alliance.joinedOn'), name: 'joinedOn', control: joinedOn }),
    h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { unit: unit.value(), joinedOn: joinedOn.value, expectedVersion: current()?.version };
    clearProblem(form);
    try {
      const alliance = await busy(submit, t('state.saving'),
        () => post(`/api/v1/alliances/${encodeURIComponent(allianceId)}/members`, body, keys.keyFor(body)));
      keys.done();
      unit.reset();
      updated(alliance);
      form.querySelector('.form-message').replaceChildren(successBanner(t('alliance.joined')));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return { element: form };
}

// The temporary branch: a branch of the lead unit's subsidiary and the current member units (at least two) whose party
// members it brings together. Saving again replaces it.
function temporaryBranchForm(allianceId, current, updated) {
  const organization = h('select', { testid: 'temporary-branch-organization-select', disabled: true },
    h('option', { value: '' }, t('state.loading')));
  const list = h('ul', { class: 'plain-list', testid: 'temporary-branch-units' });
  const units = h('div', { 'data-field': 'memberUnitIds', class: 'field' },
    h('label', {}, t('alliance.temporaryBranchMembers')), list,
    h('p', { class: 'field-hint' }, t('alliance.temporaryBranchMembersHint')),
    h('p', { class: 'field-error', testid: 'memberUnitIds-error', hidden: true }));
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'temporary-branch-submit' },
    t('alliance.temporaryBranchSubmit'));

  const form = h('form', { class: 'form card', testid: 'temporary-branch-form', novalidate: true },
    h('h2', {}, t('alliance.formTemporaryBranch')),
    h('div', { class: 'form-message' }),
    field({ label: t('alliance.temporaryBranchOrganization'), name: 'organizationId', control: organization,
      hint: t('alliance.temporaryBranchOrganizationHint') }),
    units,
    h('div', { class: 'form-actions' }, submit));

  let branchesOf = null;
  async function loadBranches(subsidiaryId) {
    if (branchesOf === subsidiaryId) return;
    branchesOf = subsidiaryId;
    try {
      const branches = (await organizationsOf(subsidiaryId)).filter((o) => o.kind === 'branch');
      organization.replaceChildren(
        h('option', { value: '' }, branches.length ? t('alliance.pickBranch') : t('alliance.noBranches')),
        ...branches.map((o) => h('option', { value: o.id }, o.name)));
      organization.disabled = !branches.length;
      organization.value = current()?.temporaryBranch?.organizationId ?? '';
    } catch (problem) {
      branchesOf = null;
      organization.replaceChildren(h('option', { value: '' }, '—'));
      showProblem(form, problem);
    }
  }

  function setAlliance(data) {
    const chosen = new Set(data.temporaryBranch?.memberUnitIds ?? []);
    list.replaceChildren(...data.members.filter((m) => !m.leftOn).map((m) => h('li', { 'data-member-id': m.id },
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', value: m.id, checked: chosen.has(m.id), testid: 'temporary-branch-unit' }), m.name))));
    if (!organization.disabled) organization.value = data.temporaryBranch?.organizationId ?? organization.value;
    loadBranches(data.leadSubsidiaryId);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = {
      organizationId: organization.value || null,
      memberUnitIds: [...list.querySelectorAll('input:checked')].map((input) => input.value),
      expectedVersion: current()?.version,
    };
    const errors = {};
    if (!body.organizationId) errors.organizationId = [t('alliance.temporaryBranchNeedsBranch')];
    if (body.memberUnitIds.length < 2) errors.memberUnitIds = [t('alliance.temporaryBranchNeedsUnits')];
    if (Object.keys(errors).length) {
      showProblem(form, new Problem({ title: t('error.fieldsBelow'), errors }));
      return;
    }
    try {
      const alliance = await busy(submit, t('state.saving'),
        () => put(`/api/v1/alliances/${encodeURIComponent(allianceId)}/temporary-branch`, body));
      updated(alliance);
      form.querySelector('.form-message').replaceChildren(successBanner(t('alliance.temporaryBranchFormed')));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return { element: form, setAlliance };
}

// The order is the checked current member units top to bottom; ↑ moves one up.
function rotationForm(allianceId, current, updated) {
  const list = h('ol', { class: 'order-list', testid: 'rotation-order' });
  const order = h('div', { 'data-field': 'order', class: 'field' },
    h('label', {}, t('alliance.rotationOrder')), list,
    h('p', { class: 'field-hint' }, t('alliance.rotationOrderHint')),
    h('p', { class: 'field-error', testid: 'order-error', hidden: true }));
  const startsOn = h('input', { type: 'date', testid: 'rotation-starts-on', value: today() });
  const periodMonths = h('input', { type: 'number', testid: 'rotation-period-months', min: '1', max: '24', value: '12' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'rotation-submit' },
    t('alliance.rotationSubmit'));

  const form = h('form', { class: 'form card', testid: 'rotation-form', novalidate: true },
    h('h2', {}, t('alliance.scheduleRotation')),
    h('div', { class: 'form-message' }),
    order,
    field({ label: t('alliance.startsOn'), name: 'startsOn', control: startsOn }),
    field({ label: t('alliance.periodMonths'), name: 'periodMonths', control: periodMonths }),
    h('div', { class: 'form-actions' }, submit));

  function setMembers(data) {
    const currentUnits = data.members.filter((m) => !m.leftOn);
    const scheduled = data.rotation?.order ?? [];
    const ordered = [...scheduled.map((u) => currentUnits.find((m) => m.id === u)).filter(Boolean),
      ...currentUnits.filter((m) => !scheduled.includes(m.id))];
    list.replaceChildren(...ordered.map((m) => item(m, !data.rotation || scheduled.includes(m.id))));
  }

  function item(member, checked) {
    const li = h('li', { 'data-member-id': member.id },
      h('label', { class: 'check' }, h('input', { type: 'checkbox', checked, testid: 'rotation-include' }), member.name),
      h('button', { type: 'button', class: 'link-button', 'aria-label': t('alliance.moveUp'), title: t('alliance.moveUp'),
        onclick: () => { if (li.previousElementSibling) list.insertBefore(li, li.previousElementSibling); } }, '↑'));
    return li;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      order: [...list.children].filter((li) => li.querySelector('input').checked).map((li) => li.dataset.memberId),
      startsOn: startsOn.value,
      periodMonths: Number.parseInt(periodMonths.value, 10) || null,
      expectedVersion: current()?.version,
    };
    clearProblem(form);
    try {
      const alliance = await busy(submit, t('state.saving'),
        () => put(`/api/v1/alliances/${encodeURIComponent(allianceId)}/rotation`, body));
      updated(alliance);
      form.querySelector('.form-message').replaceChildren(successBanner(t('alliance.rotationScheduled')));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return { element: form, setMembers };
}
