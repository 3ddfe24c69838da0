// Notification channels of a subsidiary (e-mail lists and group robots; secrets never shown) and the deliveries with
// their state, attempts and last error; a delivery that failed for good can be sent again by an administrator.
// Secretaries see the deliveries of their subsidiary only.
import { get, post, put, idempotency } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy, pager, table } from '../ui.js';

export function render(main, { user }) {
  const isAdmin = user.role === 'group-admin' || user.role === 'subsidiary-admin';
  const channelsSlot = h('div', { class: 'results' });
  const deliveriesSlot = h('div', { class: 'results' });
  const side = h('div', { class: 'column-side' });
  const subsidiary = h('select', { testid: 'channels-subsidiary', onchange: () => loadChannels() });
  const deliveryState = h('select', { testid: 'deliveries-state', onchange: () => loadDeliveries(1) },
    h('option', { value: '' }, t('deliveries.anyState')),
    ['pending', 'sent', 'retrying', 'failed'].map((s) => h('option', { value: s }, t(`deliveries.state.${s}`))));
  main.replaceChildren(
    h('div', { class: 'page-header' }, h('h1', {}, t('channels.title'))),
    h('p', { class: 'muted' }, t('channels.intro')),
    isAdmin ? h('div', { class: 'columns' },
      h('section', { class: 'column-main' }, h('div', { class: 'filters' }, h('label', { for: 'channels-subsidiary' }, t('channels.subsidiary')), subsidiary), channelsSlot),
      side) : null,
    h('h2', {}, t('deliveries.title')),
    h('div', { class: 'filters' }, h('label', { for: 'deliveries-state' }, t('deliveries.state')), deliveryState),
    deliveriesSlot);
  subsidiary.id = 'channels-subsidiary';
  deliveryState.id = 'deliveries-state';
  start();

  async function start() {
    if (isAdmin) {
      try {
        if (user.role === 'group-admin') {
          const list = (await get('/api/v1/subsidiaries', { pageSize: 200 })).items;
          subsidiary.replaceChildren(...list.map((s) => h('option', { value: s.id }, s.name)));
        } else {
          subsidiary.replaceChildren(h('option', { value: user.subsidiaryId }, t('nav.mySubsidiary')));
        }
      } catch (problem) {
        channelsSlot.replaceChildren(problemBanner(problem));
      }
      loadChannels();
    }
    loadDeliveries(1);
  }

  async function loadChannels(message) {
    if (!subsidiary.value) {
      channelsSlot.replaceChildren(empty(t('channels.empty'), 'channels-empty'));
      side.replaceChildren();
      return;
    }
    channelsSlot.replaceChildren(loading());
    try {
      const channels = await get('/api/v1/notification-channels', { subsidiaryId: subsidiary.value });
      channelsSlot.replaceChildren(message ? successBanner(message) : '', channels.length ? table({
        testid: 'channels-table',
        columns: [{ label: t('channels.name') }, { label: t('channels.kind') }, { label: t('channels.target') }, { label: '' }],
        rows: channels.map((c) => h('tr', { testid: 'channel-row', 'data-channel-id': c.id },
          h('th', { scope: 'row' }, c.name, c.enabled ? null : h('span', { class: 'muted' }, ` (${t('channels.disabled')})`)),
          h('td', {}, t(`channels.kind.${c.kind}`), c.hasSecret ? h('span', { class: 'muted' }, ` · ${t('channels.hasSecret')}`) : null),
          h('td', { class: 'muted', testid: 'channel-target' }, c.target),
          h('td', { class: 'actions' }, h('button', { type: 'button', class: 'button button-ghost', testid: 'channel-edit',
            onclick: () => side.replaceChildren(channelForm(c)) }, t('rules.edit'))))),
      }) : empty(t('channels.empty'), 'channels-empty'));
      side.replaceChildren(channelForm(null));
    } catch (problem) {
      channelsSlot.replaceChildren(problemBanner(problem, { onRetry: () => loadChannels() }));
    }
  }

  function channelForm(channel) {
    const keys = idempotency();
    const kind = h('select', { disabled: Boolean(channel) }, ['email', 'wecom', 'dingtalk', 'feishu'].map((k) => h('option', { value: k }, t(`channels.kind.${k}`))));
    const name = h('input', { type: 'text', maxlength: 100, value: channel?.name ?? '' });
    const target = h('input', { type: 'text', maxlength: 1000, value: channel && channel.kind === 'email' ? channel.target : '' });
    const secret = h('input', { type: 'password', maxlength: 200, autocomplete: 'off' });
    const enabled = h('input', { type: 'checkbox', checked: channel?.enabled ?? true });
    if (channel) kind.value = channel.kind;
    const submit = h('button', { type: 'submit', class: 'button', testid: 'channel-submit' }, channel ? t('rules.save') : t('channels.add'));
    const form = h('form', { class: 'form', testid: 'channel-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      clearProblem(form);
      await busy(submit, t('channels.saving'), async () => {
        try {
          if (channel) {
            await put(`/api/v1/notification-channels/${channel.id}`, {
              name: name.value, target: target.value.trim() ? target.value : null, secret: secret.value ? secret.value : null,
              enabled: enabled.checked, expectedVersion: channel.version,
            });
          } else {
            const body = { subsidiaryId: subsidiary.value, kind: kind.value, name: name.value, target: target.value, secret: secret.value || null, enabled: enabled.checked };
            await post('/api/v1/notification-channels', body, keys.keyFor(body));
          }
          loadChannels(t('channels.saved'));
        } catch (problem) {
          showProblem(form, problem);
        }
      });
    } },
    h('h2', {}, channel ? t('rules.edit') : t('channels.add')),
    h('div', { class: 'form-message' }),
    field({ label: t('channels.kind'), name: 'kind', control: kind }),
    field({ label: t('channels.name'), name: 'name', control: name }),
    field({ label: t('channels.target'), name: 'target', control: target, hint: channel ? t('channels.targetKeep') : t('channels.targetHint') }),
    field({ label: t('channels.secret'), name: 'secret', control: secret, hint: channel?.hasSecret ? t('channels.secretKeep') : null }),
    field({ label: t('channels.enabled'), name: 'enabled', control: enabled }),
    h('div', { class: 'form-actions' }, submit));
    return form;
  }

  async function loadDeliveries(page) {
    deliveriesSlot.replaceChildren(loading());
    try {
      const data = await get('/api/v1/notification-deliveries', { state: deliveryState.value, page, pageSize: 20 });
      deliveriesSlot.replaceChildren(data.items.length ? table({
        testid: 'deliveries-table',
        columns: [{ label: t('deliveries.notification') }, { label: t('deliveries.channel') }, { label: t('deliveries.state') },
          { label: t('deliveries.attempts'), num: true }, { label: t('deliveries.lastError') }, { label: '' }],
        rows: data.items.map((d) => h('tr', { testid: 'delivery-row', 'data-state': d.state },
          h('th', { scope: 'row' }, d.notificationTitle, h('div', { class: 'muted' }, formatDateTime(d.createdAt))),
          h('td', {}, d.channelName, h('div', { class: 'muted' }, t(`channels.kind.${d.channelKind}`))),
          h('td', {}, h('span', { class: `badge badge-delivery-${d.state}`, testid: 'delivery-state' }, t(`deliveries.state.${d.state}`))),
          h('td', { class: 'num' }, String(d.attempts)),
          h('td', { class: 'field-error' }, d.lastError ?? ''),
          h('td', { class: 'actions' }, isAdmin && d.state === 'failed'
            ? h('button', { type: 'button', class: 'button', testid: 'delivery-retry', onclick: async (event) => {
              try {
                await busy(event.currentTarget, t('channels.saving'), () => post(`/api/v1/notification-deliveries/${d.id}/retry`, {}));
                loadDeliveries(page);
              } catch (problem) {
                deliveriesSlot.prepend(problemBanner(problem));
              }
            } }, t('deliveries.retry'))
            : null))),
      }) : empty(t('deliveries.empty'), 'deliveries-empty'), data.items.length ? pager(data, loadDeliveries) : '');
    } catch (problem) {
      deliveriesSlot.replaceChildren(problemBanner(problem, { onRetry: () => loadDeliveries(page) }));
    }
  }
}
