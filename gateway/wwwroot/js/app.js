// The shell: header, left navigation, and a history-API router that mounts one page module at a time.
import { session, signOut, whenUnauthorized, get } from './api.js';
import { t, language, languages, setLanguage, applyToDocument } from './i18n.js';
import { h } from './ui.js';
import * as signin from './pages/signin.js';
import * as dashboard from './pages/dashboard.js';
import * as subsidiaries from './pages/subsidiaries.js';
import * as subsidiary from './pages/subsidiary.js';
import * as people from './pages/people.js';
import * as alliances from './pages/alliances.js';
import * as alliance from './pages/alliance.js';
import * as pairings from './pages/pairings.js';
import * as pairing from './pages/pairing.js';
import * as serviceCenters from './pages/service-centers.js';
import * as serviceCenter from './pages/service-center.js';
import * as activities from './pages/activities.js';
import * as activity from './pages/activity.js';
import * as meetings from './pages/meetings.js';
import * as meeting from './pages/meeting.js';
import * as supervision from './pages/supervision.js';
import * as decisionItem from './pages/decision-item.js';
import * as hrClients from './pages/hr-clients.js';
import * as hrImport from './pages/hr-import.js';
import * as hrSyncRuns from './pages/hr-sync-runs.js';
import * as hrConflicts from './pages/hr-conflicts.js';
import * as hrConnectors from './pages/hr-connectors.js';
import * as organizationImport from './pages/organization-import.js';
import * as subsidiaryReport from './pages/subsidiary-report.js';
import * as person from './pages/person.js';
import * as organizationLife from './pages/organization-life.js';
import * as organizationLifeBoard from './pages/organization-life-board.js';
import * as meetingRules from './pages/meeting-rules.js';
import * as notifications from './pages/notifications.js';
import * as notificationChannels from './pages/notification-channels.js';
import * as notFound from './pages/not-found.js';
import * as talent from './pages/talent.js';
import * as talentProfile from './pages/talent-profile.js';
import * as talentLists from './pages/talent-lists.js';
import * as talentList from './pages/talent-list.js';
import * as projects from './pages/projects.js';
import * as project from './pages/project.js';
import * as cooperation from './pages/cooperation.js';
import * as practicalProjects from './pages/practical-projects.js';
import * as sharedResults from './pages/shared-results.js';
import * as problems from './pages/problems.js';
import * as problemPage from './pages/problem.js';
import * as resources from './pages/resources.js';
import * as resourceCatalogue from './pages/resource-catalogue.js';
import * as taskLists from './pages/task-lists.js';
import * as taskList from './pages/task-list.js';
import * as bulletins from './pages/bulletins.js';
import * as bulletin from './pages/bulletin.js';

const routes = [
  { pattern: /^\/signin$/, page: signin, public: true },
  { pattern: /^\/$/, page: dashboard, nav: 'dashboard' },
  { pattern: /^\/subsidiaries$/, page: subsidiaries, nav: 'subsidiaries' },
  { pattern: /^\/subsidiaries\/(?<id>[^/]+)$/, page: subsidiary, nav: 'subsidiaries' },
  { pattern: /^\/subsidiaries\/(?<id>[^/]+)\/people$/, page: people, nav: 'subsidiaries' },
  { pattern: /^\/subsidiaries\/(?<id>[^/]+)\/report$/, page: subsidiaryReport, nav: 'subsidiaries' },
  { pattern: /^\/people\/(?<id>[^/]+)$/, page: person, nav: 'subsidiaries' },
  { pattern: /^\/subsidiaries\/(?<id>[^/]+)\/import$/, page: organizationImport, nav: 'subsidiaries' },
  { pattern: /^\/alliances$/, page: alliances, nav: 'alliances' },
  { pattern: /^\/alliances\/(?<id>[^/]+)$/, page: alliance, nav: 'alliances' },
  { pattern: /^\/pairings$/, page: pairings, nav: 'pairings' },
  { pattern: /^\/pairings\/(?<id>[^/]+)$/, page: pairing, nav: 'pairings' },
  { pattern: /^\/service-centers$/, page: serviceCenters, nav: 'service-centers' },
  { pattern: /^\/service-centers\/(?<id>[^/]+)$/, page: serviceCenter, nav: 'service-centers' },
  { pattern: /^\/activities$/, page: activities, nav: 'activities' },
  { pattern: /^\/activities\/(?<id>[^/]+)$/, page: activity, nav: 'activities' },
  { pattern: /^\/meetings$/, page: meetings, nav: 'meetings' },
  { pattern: /^\/meetings\/(?<id>[^/]+)$/, page: meeting, nav: 'meetings' },
  { pattern: /^\/supervision$/, page: supervision, nav: 'supervision' },
  { pattern: /^\/decision-items\/(?<id>[^/]+)$/, page: decisionItem, nav: 'supervision' },
  { pattern: /^\/organization-life$/, page: organizationLife, nav: 'organization-life' },
  { pattern: /^\/organization-life\/rules$/, page: meetingRules, nav: 'organization-life' },
  { pattern: /^\/organization-life\/organizations\/(?<id>[^/]+)$/, page: organizationLifeBoard, nav: 'organization-life' },
  { pattern: /^\/notifications$/, page: notifications, nav: 'notifications' },
  { pattern: /^\/notification-channels$/, page: notificationChannels, nav: 'notification-channels' },
  { pattern: /^\/hr-clients$/, page: hrClients, nav: 'hrClients' },
  { pattern: /^\/hr-import$/, page: hrImport, nav: 'hrClients' },
  { pattern: /^\/hr-sync-runs$/, page: hrSyncRuns, nav: 'hrSyncRuns' },
  { pattern: /^\/hr-conflicts$/, page: hrConflicts, nav: 'hrConflicts' },
  { pattern: /^\/hr-connectors$/, page: hrConnectors, nav: 'hrConnectors' },
  { pattern: /^\/talent$/, page: talent, nav: 'talent' },
  { pattern: /^\/talent\/profiles\/(?<id>[^/]+)$/, page: talentProfile, nav: 'talent' },
  { pattern: /^\/talent\/lists$/, page: talentLists, nav: 'talent-lists' },
  { pattern: /^\/talent\/lists\/(?<id>[^/]+)$/, page: talentList, nav: 'talent-lists' },
  { pattern: /^\/projects$/, page: projects, nav: 'projects' },
  { pattern: /^\/projects\/(?<id>[^/]+)$/, page: project, nav: 'projects' },
  { pattern: /^\/cooperation$/, page: cooperation, nav: 'cooperation' },
  { pattern: /^\/practical-projects$/, page: practicalProjects, nav: 'practical-projects' },
  { pattern: /^\/shared-results$/, page: sharedResults, nav: 'shared-results' },
  { pattern: /^\/problems$/, page: problems, nav: 'problems' },
  { pattern: /^\/problems\/(?<id>[^/]+)$/, page: problemPage, nav: 'problems' },
  { pattern: /^\/resources$/, page: resources, nav: 'resources' },
  { pattern: /^\/resource-catalogue$/, page: resourceCatalogue, nav: 'resources' },
  { pattern: /^\/task-lists$/, page: taskLists, nav: 'task-lists' },
  { pattern: /^\/task-lists\/(?<id>[^/]+)$/, page: taskList, nav: 'task-lists' },
  { pattern: /^\/bulletins$/, page: bulletins, nav: 'bulletins' },
  { pattern: /^\/bulletins\/(?<id>[^/]+)$/, page: bulletin, nav: 'bulletins' },
];

const root = document.getElementById('app');
let leaving = [];

export function navigate(path, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  render();
}

function render() {
  for (const cleanup of leaving.splice(0)) cleanup();

  const path = location.pathname.replace(/\/+$/, '') || '/';
  const match = routes.map((r) => ({ route: r, found: r.pattern.exec(path) })).find((m) => m.found);
  const route = match?.route ?? { page: notFound };
  const current = session();

  if (!route.public && !current) {
    navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    return;
  }

  // A partner has no dashboard: their home is their unit's alliances.
  if (current?.user.role === 'partner' && path === '/') {
    navigate('/alliances', { replace: true });
    return;
  }

  const main = h('main', { class: 'main', id: 'main', tabindex: '-1', testid: 'page' });
  root.replaceChildren(header(current?.user), h('div', { class: current ? 'layout' : 'layout layout-public' },
    current ? sideNav(current.user, route.nav, path) : null,
    main));

  route.page.render(main, {
    params: match?.found.groups ?? {},
    query: new URLSearchParams(location.search),
    user: current?.user,
    navigate,
    onLeave: (cleanup) => leaving.push(cleanup),
  });
}

function header(user) {
  const other = languages.find((l) => l !== language());
  return h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: user ? '/' : '/signin' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      h('span', { class: 'brand-name' }, t('app.name')),
      h('span', { class: 'brand-subtitle' }, t('app.subtitle'))),
    h('div', { class: 'topbar-end' },
      user ? h('span', { class: 'user', testid: 'current-user', title: t('header.signedInAs') },
        h('span', { class: 'user-name' }, user.userName),
        h('span', { class: 'user-role', testid: 'current-role' }, t(`role.${user.role}`))) : null,
      user && user.role !== 'partner' ? bell() : null,
      h('button', { type: 'button', class: 'button button-ghost', testid: 'lang-switch', lang: other,
        'aria-label': t('lang.switchTo'), onclick: () => { setLanguage(other); render(); } }, t('lang.other')),
      user ? h('button', { type: 'button', class: 'button button-ghost', testid: 'signout-button',
        onclick: () => { signOut(); navigate('/signin'); } }, t('header.signOut')) : null));
}

// The bell: the unread count of the user's notifications on every page, linking to the inbox; it refreshes when a page
// marks notifications read, and every minute.
let bellTimer = null;
function bell() {
  const count = h('span', { class: 'bell-count', testid: 'bell-count', hidden: true });
  const link = h('a', { href: '/notifications', class: 'bell', testid: 'bell', 'aria-label': t('bell.label'), title: t('bell.label') },
    h('span', { class: 'bell-icon', 'aria-hidden': 'true' }, '🔔'), count);
  const refresh = async () => {
    if (!link.isConnected) return;
    try {
      const { unread } = await get('/api/v1/notifications/unread-count');
      count.textContent = unread > 99 ? '99+' : String(unread);
      count.hidden = unread === 0;
      count.dataset.unread = String(unread);
      link.setAttribute('aria-label', unread ? t('bell.unread', { count: unread }) : t('bell.label'));
    } catch {
      count.hidden = true;
    }
  };
  // After the header is in the document (the shell builds it before mounting it).
  setTimeout(refresh, 0);
  clearInterval(bellTimer);
  bellTimer = setInterval(refresh, 60_000);
  return link;
}

window.addEventListener('notifications-changed', () => {
  const link = document.querySelector('[data-testid="bell"]');
  if (link) link.replaceWith(bell());
});

function sideNav(user, active, path) {
  const items = user.role === 'partner' ? [
    { key: 'alliances', href: '/alliances', label: t('nav.alliances') },
    { key: 'activities', href: '/activities', label: t('nav.activities') },
    { key: 'meetings', href: '/meetings', label: t('nav.meetings') },
    { key: 'supervision', href: '/supervision', label: t('nav.myItems') },
    { key: 'problems', href: '/problems', label: t('nav.problems') },
    { key: 'resources', href: '/resources', label: t('nav.resources') },
  ] : [
    { key: 'dashboard', href: '/', label: t('nav.dashboard') },
    { key: 'subsidiaries', href: '/subsidiaries', label: t('nav.subsidiaries') },
    { key: 'alliances', href: '/alliances', label: t('nav.alliances') },
    { key: 'pairings', href: '/pairings', label: t('nav.pairings') },
    { key: 'service-centers', href: '/service-centers', label: t('nav.serviceCenters') },
    { key: 'activities', href: '/activities', label: t('nav.activities') },
    { key: 'meetings', href: '/meetings', label: t('nav.meetings') },
    { key: 'supervision', href: '/supervision', label: t('nav.supervision') },
    { key: 'organization-life', href: '/organization-life', label: t('nav.organizationLife') },
    { key: 'projects', href: '/projects', label: t('nav.projects') },
    { key: 'cooperation', href: '/cooperation', label: t('nav.cooperation') },
    { key: 'practical-projects', href: '/practical-projects', label: t('nav.practicalProjects') },
    { key: 'shared-results', href: '/shared-results', label: t('nav.sharedResults') },
  ];
  if (user.role !== 'member' && user.role !== 'partner') {
    items.push({ key: 'notification-channels', href: '/notification-channels', label: t('nav.notificationChannels') });
  }
  if (user.role === 'group-admin' || user.role === 'subsidiary-admin') {
    items.push({ key: 'hrClients', href: '/hr-clients', label: t('nav.hrClients') });
    items.push({ key: 'hrSyncRuns', href: '/hr-sync-runs', label: t('nav.hrSyncRuns') });
    items.push({ key: 'hrConflicts', href: '/hr-conflicts', label: t('nav.hrConflicts') });
    items.push({ key: 'hrConnectors', href: '/hr-connectors', label: t('nav.hrConnectors') });
  }
  if (user.role !== 'partner') {
    items.push({ key: 'talent', href: '/talent', label: t('nav.talent') });
  }
  if (['group-admin', 'subsidiary-admin', 'secretary'].includes(user.role)) {
    items.push({ key: 'talent-lists', href: '/talent/lists', label: t('nav.talentLists') });
  }
  // The problem and resource lists (问题清单, 资源清单): administrators and secretaries (partners have them above).
  if (user.role !== 'member' && user.role !== 'partner') {
    items.push({ key: 'problems', href: '/problems', label: t('nav.problems') });
    items.push({ key: 'resources', href: '/resources', label: t('nav.resources') });
  }
  // Task lists and the monthly bulletin (issue 19): everyone but partners.
  if (user.role !== 'partner') {
    items.push({ key: 'task-lists', href: '/task-lists', label: t('taskLists.nav') });
    items.push({ key: 'bulletins', href: '/bulletins', label: t('bulletins.nav') });
  }
  if (user.role !== 'group-admin' && user.subsidiaryId) {
    items.push({ key: 'mine', href: `/subsidiaries/${user.subsidiaryId}`, label: t('nav.mySubsidiary') });
  }
  // "My subsidiary" is the more specific match when its detail page is open.
  const mine = items.find((i) => i.key === 'mine' && i.href === path);
  return h('nav', { class: 'sidenav', 'aria-label': t('nav.label'), testid: 'nav' },
    items.map((i) => {
      const isActive = mine ? i === mine : i.key === active;
      return h('a', { href: i.href, class: isActive ? 'active' : null, 'aria-current': isActive ? 'page' : null,
        testid: `nav-${i.key}` }, i.label);
    }));
}

// Same-origin links go through the router instead of reloading the page.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/"]');
  if (!link || link.target || event.defaultPrevented || event.button !== 0
    || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  if (link.getAttribute('href') !== location.pathname + location.search) navigate(link.getAttribute('href'));
});

window.addEventListener('popstate', render);

whenUnauthorized(() => {
  if (location.pathname === '/signin') return;
  navigate(`/signin?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
});

applyToDocument();
render();
