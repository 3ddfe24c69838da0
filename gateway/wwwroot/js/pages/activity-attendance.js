// An activity's attendance on its page: who is invited and who came (invited, checked in, rate, by organization), the
// check-in form where an attendee enters the code shown at the venue, the exports, and for planners of a host's
// subsidiary (canChange): inviting an organization, withdrawing an invitation, the venue's code shown big and renewed by
// itself before it expires, and calendar feed links of the hosts and the alliance.
import { get, post, del, download } from '../api.js';
import { t, formatNumber, language } from '../i18n.js';
import { h, field, empty, problemBanner, successBanner, showProblem, clearProblem, busy, table } from '../ui.js';
import { formatGroupTime } from './activities.js';

/** The attendance sections of activity a; reload() reloads the whole page (after an invitation changes the version). */
export function attendanceSections(a, { reload }) {
  const open = a.status !== 'cancelled';
  const main = [summarySection(a), participantsSection(a, reload)];
  const side = [];
  if (a.canChange && open) side.push(codePanel(a));
  if (open) side.push(checkInForm(a, { asMe: true }));
  if (a.canChange && open) side.push(inviteForm(a, reload));
  if (a.canChange) side.push(feedLinks(a));
  return { main, side };
}

/** A partner's: only the check-in form, with a check-in without a code for when their unit is invited. */
export function partnerSections(a) {
  return { main: null, side: a.status !== 'cancelled' ? [checkInForm(a, { withoutCode: true })] : [] };
}

function summarySection(a) {
  const box = h('div', { testid: 'attendance-summary' }, h('p', { class: 'muted' }, t('state.loading')));
  const exports = h('div', { class: 'form-actions' },
    exportButton(a, 'xlsx'), exportButton(a, 'csv'));
  load();
  return h('section', { class: 'section' }, h('h2', {}, t('attendance.title')), box, exports);

  async function load() {
    try {
      const s = await get(`/api/v1/activities/${a.id}/attendance`);
      const rate = s.invited ? `${formatNumber(Math.round(s.rate * 1000) / 10)}%` : '—';
      box.replaceChildren(
        h('dl', { class: 'details card' },
          h('div', { class: 'detail-row' }, h('dt', {}, t('attendance.invited')), h('dd', { testid: 'attendance-invited' }, formatNumber(s.invited))),
          h('div', { class: 'detail-row' }, h('dt', {}, t('attendance.checkedIn')), h('dd', { testid: 'attendance-checked-in' }, formatNumber(s.checkedIn))),
          h('div', { class: 'detail-row' }, h('dt', {}, t('attendance.rate')), h('dd', { testid: 'attendance-rate' }, rate))),
        s.organizations.length
          ? table({
            testid: 'attendance-organizations',
            columns: [{ label: t('attendance.organization') }, { label: t('attendance.invited'), num: true }, { label: t('attendance.checkedIn'), num: true }],
            rows: s.organizations.map((o) => h('tr', { testid: 'attendance-organization-row' },
              h('th', { scope: 'row' }, o.name || t('attendance.noOrganization')),
              h('td', { class: 'num' }, formatNumber(o.invited)), h('td', { class: 'num' }, formatNumber(o.checkedIn)))),
          })
          : null);
    } catch (problem) {
      box.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }
}

function exportButton(a, format) {
  const button = h('button', { type: 'button', class: 'button button-secondary', testid: `attendance-export-${format}` }, t(`attendance.export.${format}`));
  button.addEventListener('click', async () => {
    try {
      await busy(button, t('state.loading'), () => download(`/api/v1/activities/${a.id}/attendance/export`, { format, lang: language() }, `attendance.${format}`));
    } catch (problem) {
      button.after(problemBanner(problem));
    }
  });
  return button;
}

function participantsSection(a, reload) {
  const box = h('div', {}, h('p', { class: 'muted' }, t('state.loading')));
  load();
  return h('section', { class: 'section' }, h('h2', {}, t('attendance.participants')), box);

  async function load() {
    try {
      const page = await get(`/api/v1/activities/${a.id}/participants`, { pageSize: 200 });
      if (!page.items.length) {
        box.replaceChildren(empty(t('attendance.noParticipants'), 'participants-empty'));
        return;
      }
      box.replaceChildren(
        page.total > page.items.length ? h('p', { class: 'muted' }, t('attendance.more', { shown: page.items.length, total: page.total })) : null,
        h('ul', { class: 'history-list', testid: 'participants' }, page.items.map((p) => h('li', { testid: 'participant' },
          h('strong', {}, p.name), ' ',
          h('span', { class: 'muted' }, `${t(`participantKind.${p.kind}`)} · ${t('attendance.expected', { count: p.expectedCount })} · ${t('attendance.came', { count: p.checkedIn })}`),
          a.canChange && a.status !== 'cancelled' ? withdrawButton(p) : null))));
    } catch (problem) {
      box.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function withdrawButton(p) {
    const button = h('button', { type: 'button', class: 'button button-ghost', testid: 'participant-withdraw', 'aria-label': t('attendance.withdrawName', { name: p.name }) }, t('attendance.withdraw'));
    button.addEventListener('click', async () => {
      try {
        await busy(button, t('state.saving'), () => del(`/api/v1/activities/${a.id}/participants/${p.id}`));
        reload(t('attendance.withdrawn', { name: p.name }));
      } catch (problem) {
        button.after(problemBanner(problem));
      }
    });
    return button;
  }
}

function inviteForm(a, reload) {
  const select = h('select', { testid: 'invite-organization' }, h('option', { value: '' }, t('attendance.pickInvitee')),
    a.hosts.filter((x) => x.organizationId).map((x) => h('option', { value: `organizationId:${x.organizationId}` }, x.name)));
  if (a.allianceId) {
    get(`/api/v1/alliances/${a.allianceId}`).then((alliance) => {
      for (const m of alliance.members ?? []) {
        if (m.leftOn) continue;
        if (m.organizationId && a.hosts.some((x) => x.organizationId === m.organizationId)) continue;
        select.append(h('option', { value: `memberUnitId:${m.id}` }, m.name ?? m.external?.name ?? ''));
      }
    }).catch(() => {});
  }
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'invite-submit' }, t('attendance.invite'));
  const form = h('form', { class: 'form card', testid: 'invite-form', novalidate: true },
    h('h2', {}, t('attendance.inviteTitle')), h('div', { class: 'form-message' }),
    field({ label: t('attendance.invitee'), name: 'invitee', control: select, hint: t('attendance.inviteHint') }),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const [kind, id] = select.value.split(':');
    try {
      await busy(submit, t('state.saving'), () => post(`/api/v1/activities/${a.id}/participants`, kind ? { [kind]: id } : {}));
      reload(t('attendance.invited.done'));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  return form;
}

/** The venue's code, big, renewed a moment after it turns (the previous one is still taken for a grace). */
function codePanel(a) {
  const code = h('div', { class: 'check-in-code', testid: 'check-in-code', 'aria-live': 'polite' }, '······');
  const until = h('p', { class: 'muted', testid: 'check-in-code-until' });
  const panel = h('section', { class: 'card check-in-code-panel', testid: 'check-in-code-panel' },
    h('h2', {}, t('attendance.code')), code, until, h('p', { class: 'field-hint' }, t('attendance.codeHint')));
  let timer = null;
  refresh();
  return panel;

  async function refresh() {
    clearTimeout(timer);
    if (timer !== null && !panel.isConnected) return; // the page was left
    try {
      const c = await get(`/api/v1/activities/${a.id}/check-in-code`);
      code.textContent = c.code;
      until.textContent = t('attendance.codeUntil', { time: formatGroupTime(c.validUntil) });
      timer = setTimeout(refresh, Math.max(1000, Date.parse(c.validUntil) - Date.now() + 500));
    } catch (problem) {
      code.textContent = '—';
      until.replaceChildren(problemBanner(problem));
      timer = problem.status === 409 ? null : setTimeout(refresh, 15_000);
    }
  }
}

function checkInForm(a, { withoutCode = false, asMe = false } = {}) {
  const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', pattern: '[0-9]{6}',
    class: 'check-in-input', testid: 'check-in-code-input' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'check-in-submit' }, t('attendance.checkIn'));
  const result = h('div', { testid: 'check-in-result' });
  // A partner whose unit is invited checks in without a code (the service refuses it otherwise, on the code field).
  const self = withoutCode ? h('button', { type: 'button', class: 'button button-secondary', testid: 'check-in-self' }, t('attendance.checkInSelf')) : null;
  const form = h('form', { class: 'form card', testid: 'check-in-form', novalidate: true },
    h('h2', {}, t('attendance.checkInTitle')), h('div', { class: 'form-message' }),
    field({ label: t('attendance.codeLabel'), name: 'code', control: input, hint: t('attendance.checkInHint') }),
    h('div', { class: 'form-actions' }, submit, self), self ? h('p', { class: 'field-hint' }, t('attendance.checkInSelfHint')) : null, result);
  self?.addEventListener('click', () => send(self, ''));
  // A user whose sign-in name is linked to a person (ADR 39) checks in as that person without a code when invited.
  if (asMe) {
    get('/api/v1/me/person').then((me) => {
      const mine = h('button', { type: 'button', class: 'button button-secondary', testid: 'check-in-as-me' }, t('attendance.checkInAsMe', { name: me.name }));
      mine.addEventListener('click', () => send(mine, ''));
      form.querySelector('.form-actions').append(mine);
      result.before(h('p', { class: 'field-hint' }, t('attendance.checkInAsMeHint')));
    }).catch(() => {});
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(submit, input.value.trim());
  });
  return form;

  async function send(button, code) {
    clearProblem(form);
    result.replaceChildren();
    try {
      const r = await busy(button, t('state.saving'), () => post(`/api/v1/activities/${a.id}/check-in`, { code }));
      result.replaceChildren(successBanner(r.alreadyCheckedIn
        ? t('attendance.already', { time: formatGroupTime(r.checkIn.checkedInAt) })
        : t('attendance.checkedInAt', { time: formatGroupTime(r.checkIn.checkedInAt) })));
      input.value = '';
    } catch (problem) {
      showProblem(form, problem);
    }
  }
}

/** Feed links for calendar apps: one per internal host and one for the alliance; the link is shown once. */
function feedLinks(a) {
  const out = h('div', { testid: 'feed-link-result' });
  const scopes = [
    ...a.hosts.filter((x) => x.organizationId).map((x) => ({ body: { organizationId: x.organizationId }, name: x.name })),
    ...(a.allianceId ? [{ body: { allianceId: a.allianceId }, name: a.allianceName }] : []),
  ];
  return h('section', { class: 'card', testid: 'feed-links' },
    h('h2', {}, t('feeds.title')), h('p', { class: 'field-hint' }, t('feeds.hint')),
    h('div', { class: 'stack' }, scopes.map((s) => {
      const button = h('button', { type: 'button', class: 'button button-secondary', testid: 'feed-create' }, t('feeds.create', { name: s.name }));
      button.addEventListener('click', async () => {
        try {
          const created = await busy(button, t('state.saving'), () => post('/api/v1/calendar-feeds', s.body));
          const url = h('input', { type: 'text', readonly: true, value: created.url, testid: 'feed-url', 'aria-label': t('feeds.url') });
          out.replaceChildren(successBanner(t('feeds.created', { name: created.feed.name })), url, h('p', { class: 'field-hint' }, t('feeds.once')));
        } catch (problem) {
          out.replaceChildren(problemBanner(problem));
        }
      });
      return button;
    })), out);
}
