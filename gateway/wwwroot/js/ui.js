// Small DOM building blocks shared by the pages. Data always goes in as text nodes, never as HTML.
import { t, formatNumber } from './i18n.js';

/** h('a', { href: '/x', class: 'link', testid: 'x', onclick }, 'text', child, [children]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'testid') el.dataset.testid = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'value') el.value = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

export function loading() {
  return h('div', { class: 'state state-loading', role: 'status', testid: 'state-loading' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('state.loading'));
}

export function empty(message, testid = 'state-empty') {
  return h('div', { class: 'state state-empty', testid }, message);
}

/**
 * A problem as a banner: its title, its detail, any field errors no field on screen claimed, and a retry button
 * where retrying can help.
 */
export function problemBanner(problem, { onRetry, unclaimed = [] } = {}) {
  return h('div', { class: 'banner banner-error', role: 'alert', testid: 'error-banner' },
    h('strong', {}, problem.title),
    problem.detail && problem.detail !== problem.title ? h('p', {}, problem.detail) : null,
    unclaimed.length ? h('ul', {}, unclaimed.map((m) => h('li', {}, m))) : null,
    onRetry && problem.retryable
      ? h('button', { type: 'button', class: 'button button-secondary', onclick: onRetry }, t('state.retry'))
      : null);
}

export function successBanner(message, ...more) {
  return h('div', { class: 'banner banner-success', role: 'status', testid: 'success-banner' }, message, ...more);
}

/** A labelled form field whose error slot is filled by showProblem. */
export function field({ label, name, control, hint }) {
  control.id ||= `field-${name}`;
  control.name = name;
  const error = h('p', { class: 'field-error', id: `${control.id}-error`, testid: `${name}-error`, hidden: true });
  control.setAttribute('aria-describedby', `${control.id}-error`);
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: control.id }, label),
    control,
    hint ? h('p', { class: 'field-hint' }, hint) : null,
    error);
}

/**
 * Shows a problem on a form: field errors next to their fields (matched by name, case-insensitively),
 * everything else in the form's banner slot.
 */
export function showProblem(form, problem) {
  clearProblem(form);
  const unclaimed = [];
  let claimed = 0;
  for (const [name, messages] of Object.entries(problem.errors)) {
    const wrapper = [...form.querySelectorAll('[data-field]')].find((f) => f.dataset.field.toLowerCase() === name);
    if (!wrapper) {
      unclaimed.push(...messages);
      continue;
    }
    claimed++;
    wrapper.classList.add('has-error');
    wrapper.querySelector('[aria-describedby]')?.setAttribute('aria-invalid', 'true');
    const slot = wrapper.querySelector('.field-error');
    slot.textContent = messages.join(' ');
    slot.hidden = false;
  }
  const banner = claimed && !unclaimed.length && !problem.detail
    ? problemBanner({ title: t('error.fieldsBelow') })
    : problemBanner(problem, { unclaimed });
  form.querySelector('.form-message').replaceChildren(banner);
  form.querySelector('.has-error [aria-invalid]')?.focus();
}

export function clearProblem(form) {
  form.querySelector('.form-message').replaceChildren();
  for (const wrapper of form.querySelectorAll('.has-error')) {
    wrapper.classList.remove('has-error');
    wrapper.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
    const slot = wrapper.querySelector('.field-error');
    slot.textContent = '';
    slot.hidden = true;
  }
}

/** Runs a submit with the button disabled and labelled as busy. */
export async function busy(button, busyLabel, work) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = busyLabel;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

export function kindBadge(kind) {
  return h('span', { class: `badge badge-${kind}`, testid: 'kind-badge' }, t(`kind.${kind}`));
}

export function pager({ page, pageSize, total }, go) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h('div', { class: 'pager', testid: 'pager' },
    h('span', { class: 'pager-summary' },
      t('pager.summary', { total: formatNumber(total), page: formatNumber(page), pages: formatNumber(pages) })),
    h('button', { type: 'button', class: 'button button-secondary', testid: 'pager-prev', disabled: page <= 1,
      onclick: () => go(page - 1) }, t('pager.prev')),
    h('button', { type: 'button', class: 'button button-secondary', testid: 'pager-next', disabled: page >= pages,
      onclick: () => go(page + 1) }, t('pager.next')));
}

/** A table; columns are { label, num }, rows are <tr> elements the page builds. */
export function table({ columns, rows, testid }) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table', testid },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows)));
}
