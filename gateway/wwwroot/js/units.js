// Building blocks shared by the alliance and pairing pages: calendar dates, a party organization picker over the
// subsidiaries the caller can see, and the fields of an external unit.
import { get } from './api.js';
import { t, language } from './i18n.js';
import { h, field } from './ui.js';

export const externalKinds = ['government-office', 'bank', 'community', 'school', 'enterprise'];
const pageSize = 200;

/** Today as yyyy-MM-dd on the group's calendar (China Standard Time, UTC+8, as the services count days). */
export function today() {
  const groupTime = new Date(Date.now() + 8 * 60 * 60 * 1000);
  return groupTime.toISOString().slice(0, 10);
}

/** A yyyy-MM-dd date in the current language, read as a calendar date (no time zone shift). */
export function formatDate(date) {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A member unit or pairing party: its name, and for an external unit its kind as a badge. */
export function unitLabel(unit) {
  return h('span', { class: 'unit' }, unit.name,
    unit.external
      ? h('span', { class: 'badge badge-external', testid: 'external-badge' }, t(`externalKind.${unit.external.kind}`))
      : null);
}

let subsidiariesOnce = null;

/** The subsidiaries the caller can see, loaded once per page load. */
function visibleSubsidiaries() {
  subsidiariesOnce ??= (async () => {
    const items = [];
    for (let page = 1; ; page++) {
      const data = await get('/api/v1/subsidiaries', { page, pageSize });
      items.push(...data.items);
      if (!data.items.length || items.length >= data.total) return items;
    }
  })();
  subsidiariesOnce.catch(() => { subsidiariesOnce = null; });
  return subsidiariesOnce;
}

/** Every active party organization of a subsidiary, in tree order. */
export async function organizationsOf(subsidiaryId) {
  const items = [];
  for (let page = 1; ; page++) {
    const data = await get(`/api/v1/subsidiaries/${encodeURIComponent(subsidiaryId)}/organizations`, { page, pageSize });
    items.push(...data.items);
    if (!data.items.length || items.length >= data.total) return items;
  }
}

/**
 * Two selects: a subsidiary the caller can see, then one of its party organizations. The field error slot is named
 * `name`, so a problem's field error for that key lands under the organization select.
 */
export function organizationPicker({ name, label, testid }) {
  const subsidiary = h('select', { testid: `${testid}-subsidiary`, 'aria-label': t('unit.subsidiary') },
    h('option', { value: '' }, t('state.loading')));
  const organization = h('select', { testid, disabled: true }, h('option', { value: '' }, t('unit.pickSubsidiaryFirst')));
  const status = h('p', { class: 'field-hint', role: 'status' });
  subsidiary.disabled = true;

  async function loadSubsidiaries() {
    try {
      const items = await visibleSubsidiaries();
      subsidiary.replaceChildren(h('option', { value: '' }, t('unit.pickSubsidiary')),
        ...items.map((s) => h('option', { value: s.id }, s.name)));
      subsidiary.disabled = false;
      status.textContent = items.length ? '' : t('unit.noSubsidiaries');
      if (items.length === 1) {
        subsidiary.value = items[0].id;
        await loadOrganizations();
      }
    } catch (problem) {
      subsidiary.replaceChildren(h('option', { value: '' }, '—'));
      status.textContent = problem.title;
    }
  }

  async function loadOrganizations() {
    organization.disabled = true;
    if (!subsidiary.value) {
      organization.replaceChildren(h('option', { value: '' }, t('unit.pickSubsidiaryFirst')));
      return;
    }
    organization.replaceChildren(h('option', { value: '' }, t('state.loading')));
    try {
      const items = await organizationsOf(subsidiary.value);
      organization.replaceChildren(
        h('option', { value: '' }, items.length ? t('unit.pickOrganization') : t('unit.noOrganizations')),
        ...items.map((o) => h('option', { value: o.id }, `${o.name} · ${t(`kind.${o.kind}`)}`)));
      organization.disabled = !items.length;
    } catch (problem) {
      organization.replaceChildren(h('option', { value: '' }, '—'));
      status.textContent = problem.title;
    }
  }

  subsidiary.addEventListener('change', loadOrganizations);
  loadSubsidiaries();

  const wrapper = field({ label, name, control: organization });
  wrapper.insertBefore(subsidiary, organization);
  wrapper.append(status);
  return {
    element: wrapper,
    get value() { return organization.value; },
    reset() { organization.value = ''; },
  };
}

/** Kind, name and contact of a unit outside the group; their error slots match the last segment of `x.external.kind`. */
export function externalUnitFields(prefix) {
  const kind = h('select', { testid: `${prefix}-external-kind` },
    externalKinds.map((k) => h('option', { value: k }, t(`externalKind.${k}`))));
  const name = h('input', { type: 'text', testid: `${prefix}-external-name`, autocomplete: 'off', maxlength: '100' });
  const contactName = h('input', { type: 'text', testid: `${prefix}-external-contact-name`, autocomplete: 'off', maxlength: '50' });
  const contactPhone = h('input', { type: 'tel', testid: `${prefix}-external-contact-phone`, autocomplete: 'off', maxlength: '50' });
  for (const [control, id] of [[kind, 'kind'], [name, 'name'], [contactName, 'contactName'], [contactPhone, 'contactPhone']]) {
    control.id = `${prefix}-${id}`;
  }
  const element = h('div', { class: 'subfields' },
    field({ label: t('unit.externalKind'), name: 'kind', control: kind }),
    field({ label: t('unit.externalName'), name: 'name', control: name }),
    field({ label: t('unit.contactName'), name: 'contactName', control: contactName }),
    field({ label: t('unit.contactPhone'), name: 'contactPhone', control: contactPhone }));
  return {
    element,
    value: () => ({ kind: kind.value, name: name.value.trim(), contactName: contactName.value.trim(),
      contactPhone: contactPhone.value.trim() }),
    reset() { for (const input of [name, contactName, contactPhone]) input.value = ''; },
  };
}

/** Internal (a party organization of the group) or external: a pair of radio buttons that shows one set of fields. */
export function unitChooser({ prefix, name, label }) {
  const picker = organizationPicker({ name, label: t('unit.organization'), testid: `${prefix}-organization` });
  const external = externalUnitFields(prefix);
  let mode = 'internal';
  const radios = ['internal', 'external'].map((m) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: `${prefix}-mode`, value: m, testid: `${prefix}-mode-${m}`, checked: m === mode,
      onchange: () => { mode = m; show(); } }),
    t(`unit.${m}`)));
  function show() {
    picker.element.hidden = mode !== 'internal';
    external.element.hidden = mode !== 'external';
  }
  show();
  const element = h('fieldset', { class: 'fieldset' }, h('legend', {}, label),
    h('div', { class: 'radios' }, radios), picker.element, external.element);
  return {
    element,
    value: () => (mode === 'internal' ? { organizationId: picker.value || null } : { external: external.value() }),
    reset() { picker.reset(); external.reset(); },
  };
}
