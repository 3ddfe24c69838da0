// Every string the console shows comes from these dictionaries; zh-CN is the default.
const dictionaries = {
  'zh-CN': {
    'app.name': '党建联盟',
    'app.subtitle': '集团党建联盟管理平台',
    'lang.other': 'English',
    'lang.switchTo': '切换到英文',
    'nav.label': '主导航',
    'nav.dashboard': '集团看板',
    'nav.subsidiaries': '所属企业',
    'nav.mySubsidiary': '本企业',
    'header.signOut': '退出',
    'header.signedInAs': '当前用户',

    'role.group-admin': '集团管理员',
    'role.subsidiary-admin': '企业管理员',
    'role.secretary': '书记',
    'role.member': '党员',

    'kind.committee': '党委',
    'kind.general-branch': '党总支',
    'kind.branch': '党支部',
    'kind.group': '党小组',

    'signin.title': '登录',
    'signin.intro': '开发环境身份签发：选择角色与所属企业后登录。',
    'signin.role': '角色',
    'signin.subsidiaryId': '所属企业 ID',
    'signin.subsidiaryIdHint': '企业管理员、书记和党员须属于一个所属企业。',
    'signin.lookup': '列出所属企业',
    'signin.lookupHint': '以集团管理员身份临时查询（仅开发环境）。',
    'signin.lookupEmpty': '还没有所属企业。',
    'signin.userName': '用户名',
    'signin.submit': '登录',
    'signin.submitting': '正在登录…',
    'signin.required': '请填写此项。',
    'signin.expired': '登录已失效，请重新登录。',

    'dashboard.title': '集团看板',
    'dashboard.subsidiaries': '所属企业',
    'dashboard.organizations': '党组织',
    'dashboard.perSubsidiary': '各企业党组织',
    'dashboard.updatedAt': '更新于 {time}',
    'dashboard.stale': '数据刷新失败，显示的是上次结果：{reason}',
    'dashboard.empty': '还没有所属企业。',

    'col.subsidiary': '所属企业',
    'col.code': '编码',
    'col.name': '名称',
    'col.createdAt': '创建时间',
    'col.organizations': '党组织',
    'col.committees': '党委',
    'col.generalBranches': '党总支',
    'col.branches': '党支部',
    'col.groups': '党小组',
    'col.kind': '类型',

    'subsidiaries.title': '所属企业',
    'subsidiaries.search': '搜索编码或名称',
    'subsidiaries.empty': '没有所属企业。',
    'subsidiaries.noMatch': '没有与“{search}”匹配的所属企业。',
    'subsidiaries.create': '新增所属企业',
    'subsidiaries.code': '编码',
    'subsidiaries.name': '名称',
    'subsidiaries.submit': '新增',
    'subsidiaries.created': '已新增所属企业“{name}”。',
    'subsidiaries.open': '查看',

    'subsidiary.back': '所属企业',
    'subsidiary.code': '编码：{code}',
    'subsidiary.tree': '党组织',
    'subsidiary.empty': '该企业还没有党组织。请先新增一个党委。',
    'org.create': '新增党组织',
    'org.name': '名称',
    'org.kind': '类型',
    'org.parent': '上级党组织',
    'org.noParent': '无（作为根党委）',
    'org.submit': '新增',
    'org.created': '已新增党组织“{name}”。',

    'people.title': '人员',
    'people.back': '返回企业',
    'people.open': '人员',
    'people.search': '按姓名搜索',
    'people.anyStatus': '全部党籍状态',
    'people.empty': '该企业还没有人员。',
    'people.noMatch': '没有符合条件的人员。',
    'people.kind': '类别',
    'people.status': '党籍状态',
    'people.notMember': '非党员',
    'people.phone': '手机号',
    'people.idNumber': '身份证号',
    'people.roles': '现任职务',
    'people.managementPost': '行政职务',
    'people.crossAppointed': '交叉任职',
    'people.create': '登记人员',
    'people.name': '姓名',
    'people.submit': '登记',
    'people.created': '已登记“{name}”。',
    'personKind.employee': '职工',
    'personKind.external': '外部人员',
    'status.probationary': '预备党员',
    'status.full': '正式党员',
    'status.transferred-out': '已转出',
    'orgRole.secretary': '书记',
    'orgRole.deputy-secretary': '副书记',
    'orgRole.committee-member': '委员',

    'pager.summary': '共 {total} 条，第 {page} / {pages} 页',
    'pager.prev': '上一页',
    'pager.next': '下一页',

    'state.loading': '正在加载…',
    'state.retry': '重试',
    'state.saving': '正在保存…',
    'error.title': '出错了',
    'error.network': '无法连接服务器，请检查网络后重试。',
    'error.status': '请求失败（{status}）。',
    'error.forbidden': '当前角色无权查看此内容。',
    'error.fieldsBelow': '请修改标出的字段。',

    'notFound.title': '页面不存在',
    'notFound.back': '返回集团看板',
  },
  'en-US': {
    'app.name': 'Alliance',
    'app.subtitle': 'Party-building alliances of the group',
    'lang.other': '中文',
    'lang.switchTo': 'Switch to Chinese',
    'nav.label': 'Main navigation',
    'nav.dashboard': 'Group dashboard',
    'nav.subsidiaries': 'Subsidiaries',
    'nav.mySubsidiary': 'My subsidiary',
    'header.signOut': 'Sign out',
    'header.signedInAs': 'Signed in as',

    'role.group-admin': 'Group admin',
    'role.subsidiary-admin': 'Subsidiary admin',
    'role.secretary': 'Secretary',
    'role.member': 'Member',

    'kind.committee': 'Committee',
    'kind.general-branch': 'General branch',
    'kind.branch': 'Branch',
    'kind.group': 'Group',

    'signin.title': 'Sign in',
    'signin.intro': 'Development issuer: choose a role and a subsidiary, then sign in.',
    'signin.role': 'Role',
    'signin.subsidiaryId': 'Subsidiary ID',
    'signin.subsidiaryIdHint': 'Subsidiary admins, secretaries and members belong to one subsidiary.',
    'signin.lookup': 'List subsidiaries',
    'signin.lookupHint': 'Looked up as a group admin for the moment (development only).',
    'signin.lookupEmpty': 'There are no subsidiaries yet.',
    'signin.userName': 'User name',
    'signin.submit': 'Sign in',
    'signin.submitting': 'Signing in…',
    'signin.required': 'Please fill in this field.',
    'signin.expired': 'Your session has ended. Please sign in again.',

    'dashboard.title': 'Group dashboard',
    'dashboard.subsidiaries': 'Subsidiaries',
    'dashboard.organizations': 'Party organizations',
    'dashboard.perSubsidiary': 'Party organizations per subsidiary',
    'dashboard.updatedAt': 'Updated {time}',
    'dashboard.stale': 'Refresh failed, showing the last result: {reason}',
    'dashboard.empty': 'There are no subsidiaries yet.',

    'col.subsidiary': 'Subsidiary',
    'col.code': 'Code',
    'col.name': 'Name',
    'col.createdAt': 'Created',
    'col.organizations': 'Organizations',
    'col.committees': 'Committees',
    'col.generalBranches': 'General branches',
    'col.branches': 'Branches',
    'col.groups': 'Groups',
    'col.kind': 'Kind',

    'subsidiaries.title': 'Subsidiaries',
    'subsidiaries.search': 'Search code or name',
    'subsidiaries.empty': 'There are no subsidiaries.',
    'subsidiaries.noMatch': 'No subsidiary matches “{search}”.',
    'subsidiaries.create': 'New subsidiary',
    'subsidiaries.code': 'Code',
    'subsidiaries.name': 'Name',
    'subsidiaries.submit': 'Create',
    'subsidiaries.created': 'Subsidiary “{name}” created.',
    'subsidiaries.open': 'Open',

    'subsidiary.back': 'Subsidiaries',
    'subsidiary.code': 'Code: {code}',
    'subsidiary.tree': 'Party organizations',
    'subsidiary.empty': 'This subsidiary has no party organizations yet. Start with a committee.',
    'org.create': 'New party organization',
    'org.name': 'Name',
    'org.kind': 'Kind',
    'org.parent': 'Parent organization',
    'org.noParent': 'None (a root committee)',
    'org.submit': 'Create',
    'org.created': 'Party organization “{name}” created.',

    'people.title': 'People',
    'people.back': 'Back to the subsidiary',
    'people.open': 'People',
    'people.search': 'Search by name',
    'people.anyStatus': 'Any membership status',
    'people.empty': 'This subsidiary has no people yet.',
    'people.noMatch': 'Nobody matches.',
    'people.kind': 'Kind',
    'people.status': 'Membership',
    'people.notMember': 'Not a member',
    'people.phone': 'Mobile',
    'people.idNumber': 'ID number',
    'people.roles': 'Current roles',
    'people.managementPost': 'Management post',
    'people.crossAppointed': 'Cross-appointed',
    'people.create': 'Register a person',
    'people.name': 'Name',
    'people.submit': 'Register',
    'people.created': '“{name}” registered.',
    'personKind.employee': 'Employee',
    'personKind.external': 'External',
    'status.probationary': 'Probationary',
    'status.full': 'Full member',
    'status.transferred-out': 'Transferred out',
    'orgRole.secretary': 'Secretary',
    'orgRole.deputy-secretary': 'Deputy secretary',
    'orgRole.committee-member': 'Committee member',

    'pager.summary': '{total} in all, page {page} of {pages}',
    'pager.prev': 'Previous',
    'pager.next': 'Next',

    'state.loading': 'Loading…',
    'state.retry': 'Try again',
    'state.saving': 'Saving…',
    'error.title': 'Something went wrong',
    'error.network': 'The server cannot be reached. Check the connection and try again.',
    'error.status': 'The request failed ({status}).',
    'error.forbidden': 'Your role may not see this.',
    'error.fieldsBelow': 'Please correct the marked fields.',

    'notFound.title': 'Page not found',
    'notFound.back': 'Back to the group dashboard',
  },
};

export const languages = Object.keys(dictionaries);
const defaultLanguage = 'zh-CN';
const storageKey = 'alliance.lang';

let current = languages.includes(localStorage.getItem(storageKey))
  ? localStorage.getItem(storageKey)
  : defaultLanguage;

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!languages.includes(lang)) return;
  current = lang;
  localStorage.setItem(storageKey, lang);
  applyToDocument();
}

export function applyToDocument() {
  document.documentElement.lang = current;
  document.title = `${t('app.name')} · ${t('app.subtitle')}`;
}

/** Looks a key up in the current language, then the default; fills `{name}` placeholders from params. */
export function t(key, params = {}) {
  const text = dictionaries[current][key] ?? dictionaries[defaultLanguage][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(n);
}

export function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(current, { timeStyle: 'medium' }).format(date);
}
