// One monthly bulletin (攻坚战报): its sections and entries as generated and revised, its state and return reason; for
// editors of a draft the form to revise titles, lead and each section's text (zh/en) and to drop or reorder entries; the
// steps submit, approve or return (reviewers), publish; the printable page and the PDF in either language; its audit log.
import { get, post, put, download, session } from '../api.js';
import { t, language } from '../i18n.js';
import { h, field, loading, empty, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';
import { formatGroupTime } from './activities.js';

const sectionNames = ['milestones', 'problems-resolved', 'activities', 'nominations'];

export function render(main, { params }) {
  const base = `/api/v1/bulletins/${encodeURIComponent(params.id)}`;
  const title = h('h1', {}, '');
  const body = h('div', {}, loading());
  main.replaceChildren(
    h('nav', { class: 'breadcrumb', 'aria-label': t('bulletins.back') }, h('a', { href: '/bulletins', testid: 'back-to-bulletins' }, t('bulletins.back'))),
    h('div', { class: 'page-header' }, title),
    body);
  load();

  async function load(message) {
    try {
      const [b, history] = await Promise.all([get(base), get(`${base}/history`)]);
      show(b, history, message);
    } catch (problem) {
      body.replaceChildren(problemBanner(problem, { onRetry: () => load() }));
    }
  }

  const pick = (zh, en) => (language() === 'en-US' && en ? en : zh);
  const entryTitle = (e) => pick(e.titleZh, e.titleEn);

  function show(b, history, message) {
    title.textContent = pick(b.titleZh, b.titleEn) || t('bulletins.untitled');
    const saved = (text) => () => load(text);
    const editing = b.mayEdit && b.state === 'draft';
    body.replaceChildren(h('div', {},
      message ? successBanner(message) : null,
      h('div', { class: 'columns' },
        h('div', { class: 'column-main' },
          h('dl', { class: 'details card', testid: 'bulletin-details' },
            h('div', { class: 'detail-row' }, h('dt', {}, t('bulletins.scope')), h('dd', {}, b.scopeName)),
            h('div', { class: 'detail-row' }, h('dt', {}, t('bulletins.month')), h('dd', {}, b.month)),
            h('div', { class: 'detail-row' }, h('dt', {}, t('bulletins.state')), h('dd', { testid: 'bulletin-state-text' }, t(`bulletins.state.${b.state}`))),
            b.returnReason ? h('div', { class: 'detail-row' }, h('dt', {}, t('bulletins.returnReason')), h('dd', { testid: 'bulletin-return-reason' }, b.returnReason)) : null,
            b.publishedAt ? h('div', { class: 'detail-row' }, h('dt', {}, t('bulletins.publishedAt')), h('dd', {}, `${formatGroupTime(b.publishedAt)} · ${b.publishedBy ?? ''}`)) : null),
          h('p', { class: 'lead', testid: 'bulletin-lead' }, pick(b.leadZh, b.leadEn)),
          b.sections.map((s) => h('section', { class: 'section', testid: 'bulletin-section' }, h('h2', {}, t(`bulletins.section.${s.section}`)),
            h('p', {}, pick(s.textZh, s.textEn)),
            s.entries.length ? h('ul', { class: 'plain' }, s.entries.map((e) => h('li', { testid: 'bulletin-entry' }, entryTitle(e),
              e.measure !== null && e.measure !== undefined ? ` · ${e.measure} ${e.unit ?? ''}` : ''))) : empty(t('bulletins.noEntries')))),
          h('div', { class: 'form-inline', testid: 'bulletin-prints' },
            ['zh-CN', 'en-US'].map((lang) => h('button', { type: 'button', class: 'button button-ghost', testid: `bulletin-page-${lang}`,
              onclick: () => openPage(lang) }, t('bulletins.printable', { lang: t(`bulletins.lang.${lang}`) }))),
            b.state === 'published' ? ['zh-CN', 'en-US'].map((lang) => h('button', { type: 'button', class: 'button button-ghost', testid: `bulletin-pdf-${lang}`,
              onclick: () => download(`${base}/pdf`, { lang }, `bulletin-${b.month}-${lang}.pdf`).catch((problem) => body.prepend(problemBanner(problem))) },
            t('bulletins.pdf', { lang: t(`bulletins.lang.${lang}`) }))) : null),
          h('section', { class: 'section' }, h('h2', {}, t('meeting.history')),
            h('ol', { class: 'history-list', testid: 'bulletin-history' }, history.map((c) => h('li', { testid: 'history-entry' },
              h('strong', {}, t(`bulletins.change.${c.kind}`)), ' ',
              h('span', { class: 'muted' }, `${c.changedBy} · ${t(`role.${c.changedByRole}`)} · ${formatGroupTime(c.changedAt)}`)))))),
        h('div', { class: 'column-side stack' },
          editing ? reviseForm(b, saved(t('bulletins.revised'))) : null,
          editing ? stepForm('submit', b, false, saved(t('bulletins.submitted'))) : null,
          b.mayReview && b.state === 'in-review' ? stepForm('approve', b, false, saved(t('bulletins.approved'))) : null,
          b.mayReview && b.state === 'in-review' ? stepForm('return', b, true, saved(t('bulletins.returned'))) : null,
          (b.mayEdit || b.mayReview) && b.state === 'approved' ? stepForm('publish', b, false, saved(t('bulletins.published'))) : null))));
  }

  /** The printable page is served to the signed-in user only, so it is fetched with the token and opened as a blob. */
  async function openPage(lang) {
    const opened = window.open('', '_blank');
    try {
      const response = await fetch(`${base}/html?lang=${lang}`, { headers: { Authorization: `Bearer ${session()?.accessToken}` } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
      if (opened) opened.location.href = url;
    } catch {
      opened?.close();
      body.prepend(problemBanner({ title: t('bulletins.pageFailed') }));
    }
  }

  function stepForm(step, b, needsReason, onSaved) {
    const reason = h('textarea', { rows: '2', maxlength: '500', testid: 'bulletin-reason' });
    const submit = h('button', { type: 'submit', class: step === 'return' ? 'button button-secondary' : 'button button-primary', testid: `bulletin-${step}` },
      t(`bulletins.step.${step}`));
    const form = h('form', { class: 'form card', testid: `bulletin-${step}-form`, novalidate: true }, h('div', { class: 'form-message' }),
      needsReason ? field({ label: t('bulletins.returnReason'), name: 'reason', control: reason }) : null,
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => post(`${base}/${step}`, { reason: needsReason ? reason.value.trim() : null, expectedVersion: b.version }));
        onSaved();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }

  function reviseForm(b, onSaved) {
    const input = (value, testid, max) => h('input', { type: 'text', maxlength: String(max), testid, value: value ?? '' });
    const area = (value, testid) => { const a = h('textarea', { rows: '3', maxlength: '8000', testid }); a.value = value ?? ''; return a; };
    const titleZh = input(b.titleZh, 'bulletin-title-zh', 200);
    const titleEn = input(b.titleEn, 'bulletin-title-en', 200);
    const leadZh = area(b.leadZh, 'bulletin-lead-zh');
    const leadEn = area(b.leadEn, 'bulletin-lead-en');
    const sections = b.sections.filter((s) => sectionNames.includes(s.section)).map((s) => {
      const textZh = area(s.textZh, `section-${s.section}-zh`);
      const textEn = area(s.textEn, `section-${s.section}-en`);
      const entries = s.entries.map((e) => ({ id: e.sourceId, keep: h('input', { type: 'checkbox', checked: true, testid: 'entry-keep', 'aria-label': entryTitle(e) }), e }));
      const rows = h('ol', { class: 'plain', testid: `section-${s.section}-entries` });
      const draw = () => rows.replaceChildren(...entries.map((x, i) => h('li', { class: 'form-inline', testid: 'entry-edit' }, x.keep, ' ', entryTitle(x.e),
        h('button', { type: 'button', class: 'button button-ghost', testid: 'entry-up', disabled: i === 0, 'aria-label': t('bulletins.moveUp'),
          onclick: () => { [entries[i - 1], entries[i]] = [entries[i], entries[i - 1]]; draw(); } }, '↑'))));
      draw();
      return {
        name: s.section, value: () => ({ section: s.section, textZh: textZh.value.trim(), textEn: textEn.value.trim(), entryIds: entries.filter((x) => x.keep.checked).map((x) => x.id) }),
        element: h('fieldset', { class: 'stack' }, h('legend', {}, t(`bulletins.section.${s.section}`)),
          field({ label: t('bulletins.textZh'), name: `${s.section}-textzh`, control: textZh }),
          field({ label: t('bulletins.textEn'), name: `${s.section}-texten`, control: textEn }), rows),
      };
    });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'bulletin-revise' }, t('bulletins.save'));
    const form = h('form', { class: 'form card', testid: 'bulletin-revise-form', novalidate: true },
      h('h2', {}, t('bulletins.edit')), h('div', { class: 'form-message' }),
      field({ label: t('bulletins.titleZh'), name: 'titleZh', control: titleZh }),
      field({ label: t('bulletins.titleEn'), name: 'titleEn', control: titleEn }),
      field({ label: t('bulletins.leadZh'), name: 'leadZh', control: leadZh }),
      field({ label: t('bulletins.leadEn'), name: 'leadEn', control: leadEn }),
      sections.map((s) => s.element),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => put(base, {
          titleZh: titleZh.value.trim(), titleEn: titleEn.value.trim(), leadZh: leadZh.value.trim(), leadEn: leadEn.value.trim(),
          sections: sections.map((s) => s.value()), expectedVersion: b.version,
        }));
        onSaved();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}
