// A talent profile: what the organization service and HR say of the person (read only), what the talent service holds
// (skills, certificates, education, positions, birth year) with an edit form for whoever may change it, and its history.
import { get, put } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, loading, problemBanner, successBanner, showProblem, clearProblem, busy } from '../ui.js';

export const educationLevels = ['secondary', 'associate', 'bachelor', 'master', 'doctorate'];
const split = (text) => text.split(/[,，、\n]/).map((s) => s.trim()).filter((s) => s);

export function render(main, { params }) {
  main.replaceChildren(loading());
  load();

  async function load() {
    try {
      const [profile, history] = await Promise.all([
        get(`/api/v1/talent/profiles/${encodeURIComponent(params.id)}`),
        get(`/api/v1/talent/profiles/${encodeURIComponent(params.id)}/history`),
      ]);
      show(profile, history);
    } catch (problem) {
      main.replaceChildren(problemBanner(problem, { onRetry: load }));
    }
  }

  function show(p, history) {
    const facts = h('dl', { class: 'facts', testid: 'profile-facts' },
      fact(t('talent.jobTitle'), p.title), fact(t('talent.department'), p.department),
      fact(t('talent.party'), p.partyStatus ? t(`talent.status.${p.partyStatus}`) : t('talent.status.none')),
      fact(t('talent.joinedOn'), p.joinedOn ?? ''),
      fact(t('talent.skills'), p.skills.join('、'), 'profile-skills'), fact(t('talent.certificates'), p.certificates.join('、')),
      fact(t('talent.educationLevel'), p.educationLevel ? t(`talent.education.${p.educationLevel}`) : ''),
      fact(t('talent.education'), p.education), fact(t('talent.positions'), p.positions.join('、')),
      fact(t('talent.birthYear'), p.birthYear ? String(p.birthYear) : ''));
    main.replaceChildren(
      h('div', { class: 'page-header' },
        h('p', {}, h('a', { href: '/talent' }, t('talent.back'))),
        h('h1', { testid: 'profile-name' }, p.name || t('talent.unnamed')),
        p.leftInHr ? h('p', { class: 'banner banner-error', testid: 'profile-left-in-hr' }, t('talent.leftInHrLong')) : null,
        h('p', { class: 'page-status' }, t('talent.sources'))),
      h('div', { class: 'columns' },
        h('div', { class: 'column-main stack' }, facts,
          h('h2', {}, t('talent.history')),
          history.length ? h('ul', { class: 'stack', testid: 'profile-history' }, history.map((c) => h('li', {},
            `${formatDateTime(c.changedAt)} ${c.changedBy}: `, c.changes.map((f) => `${t(`talent.field.${f.field}`)} ${f.oldValue || '—'} → ${f.newValue || '—'}`).join('；'))))
            : h('p', { class: 'muted' }, t('talent.noHistory'))),
        p.canChange ? h('div', { class: 'column-side' }, editForm(p)) : null));
  }

  function editForm(p) {
    const skills = h('textarea', { rows: '3', testid: 'profile-skills-input' });
    skills.value = p.skills.join('、');
    const certificates = h('textarea', { rows: '2', testid: 'profile-certificates-input' });
    certificates.value = p.certificates.join('、');
    const positions = h('textarea', { rows: '2', testid: 'profile-positions-input' });
    positions.value = p.positions.join('、');
    const level = h('select', { testid: 'profile-education-level' }, h('option', { value: '' }, t('talent.education.unknown')),
      educationLevels.map((l) => h('option', { value: l }, t(`talent.education.${l}`))));
    level.value = p.educationLevel;
    const education = h('input', { type: 'text', maxlength: '500', testid: 'profile-education', value: p.education });
    const birthYear = h('input', { type: 'number', testid: 'profile-birth-year', value: p.birthYear ? String(p.birthYear) : '' });
    const submit = h('button', { type: 'submit', class: 'button button-primary', testid: 'profile-save' }, t('talent.save'));
    const form = h('form', { class: 'form card', testid: 'profile-form', novalidate: true },
      h('h2', {}, t('talent.edit')), h('div', { class: 'form-message' }),
      field({ label: t('talent.skills'), name: 'skills', control: skills, hint: t('talent.listHint') }),
      field({ label: t('talent.certificates'), name: 'certificates', control: certificates }),
      field({ label: t('talent.educationLevel'), name: 'educationLevel', control: level }),
      field({ label: t('talent.education'), name: 'education', control: education }),
      field({ label: t('talent.positions'), name: 'positions', control: positions }),
      field({ label: t('talent.birthYear'), name: 'birthYear', control: birthYear }),
      h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      try {
        await busy(submit, t('state.saving'), () => put(`/api/v1/talent/profiles/${p.personId}`, {
          skills: split(skills.value), certificates: split(certificates.value), positions: split(positions.value),
          educationLevel: level.value || null, education: education.value.trim() || null,
          birthYear: birthYear.value ? Number(birthYear.value) : null, expectedVersion: p.version,
        }));
        await load();
        main.querySelector('[data-testid="profile-form"] .form-message')?.replaceChildren(successBanner(t('talent.saved')));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    return form;
  }
}

function fact(label, value, testid) {
  return [h('dt', {}, label), h('dd', { testid }, value || '—')];
}
