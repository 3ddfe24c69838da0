// An activity's attachments (agenda, photos, minutes): listed for everyone who sees the activity, downloaded through the
// gateway (always as a file), added and removed by those who may change it.
import { get, postForm, downloadFile, del } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { h, loading, empty, problemBanner, showProblem, clearProblem, busy, table } from '../ui.js';

export function attachmentsSection(activity) {
  const base = `/api/v1/activities/${activity.id}/attachments`;
  const list = h('div', {}, loading());
  const element = h('section', { class: 'section', testid: 'attachments' }, h('h2', {}, t('attachments.title')), list,
    activity.canChange ? uploadForm() : null);
  load();
  return element;

  async function load() {
    try {
      const items = await get(base);
      list.replaceChildren(items.length ? view(items) : empty(t('attachments.none'), 'attachments-empty'));
    } catch (problem) {
      list.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function view(items) {
    return table({
      testid: 'attachment-table',
      columns: [{ label: t('attachments.file') }, { label: t('attachments.size'), num: true }, { label: t('attachments.uploadedBy') }, { label: '' }],
      rows: items.map((a) => h('tr', { testid: 'attachment-row', 'data-attachment-id': a.id },
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', testid: 'attachment-download',
          onclick: () => downloadFile(`${base}/${a.id}`, a.fileName).catch((problem) => list.prepend(problemBanner(problem))) }, a.fileName)),
        h('td', { class: 'num' }, size(a.sizeBytes)),
        h('td', { class: 'muted' }, a.uploadedBy),
        h('td', {}, activity.canChange ? h('button', { type: 'button', class: 'link-button', testid: 'attachment-delete',
          onclick: async () => { try { await del(`${base}/${a.id}`); load(); } catch (problem) { list.prepend(problemBanner(problem)); } } },
        t('attachments.delete')) : null))),
    });
  }

  function uploadForm() {
    const file = h('input', { type: 'file', testid: 'attachment-file', 'aria-label': t('attachments.choose'),
      accept: '.pdf,.png,.jpg,.jpeg,.gif,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.txt,.csv' });
    const submit = h('button', { type: 'submit', class: 'button button-secondary', testid: 'attachment-upload' }, t('attachments.upload'));
    const form = h('form', { class: 'form-inline', testid: 'attachment-form', novalidate: true },
      h('div', { class: 'form-message' }),
      h('div', { class: 'field-inline', 'data-field': 'file' }, file, h('p', { class: 'field-error', hidden: true })),
      submit,
      h('p', { class: 'muted' }, t('attachments.hint')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      if (!file.files.length) {
        showProblem(form, { title: t('attachments.choose'), errors: { file: [t('attachments.choose')] } });
        return;
      }
      try {
        await busy(submit, t('state.saving'), () => postForm(base, { file: file.files[0] }));
        file.value = '';
        load();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${formatNumber(Math.round(bytes / 104857.6) / 10)} MB` : `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
