import type { Lang } from './messages.ts';

// The audit log in words: every action code the server records, the group an office filters
// by, and what the action did as a verb phrase, in both languages. The console's log, its
// filters and the .xlsx export all read this one catalogue. A test lists every code the server
// can write (route configs, services, workflow contracts) and fails on a code missing here.

type Words = Record<Lang, string>;

export const auditGroups = {
  auth: { 'zh-CN': '登录与安全', en: 'Sign-in and security' },
  accounts: { 'zh-CN': '账号', en: 'Accounts' },
  org: { 'zh-CN': '组织机构', en: 'Organisation' },
  members: { 'zh-CN': '委员', en: 'Members' },
  studios: { 'zh-CN': '委员工作室', en: 'Studios' },
  concerns: { 'zh-CN': '群众诉求', en: 'Concerns' },
  commonIssues: { 'zh-CN': '共性问题', en: 'Common issues' },
  routing: { 'zh-CN': '精准对接', en: 'Routing' },
  consultations: { 'zh-CN': '协商', en: 'Consultations' },
  notify: { 'zh-CN': '通知', en: 'Notices' },
  jobs: { 'zh-CN': '后台任务', en: 'Background work' },
  audit: { 'zh-CN': '审计日志', en: 'Audit log' },
  platform: { 'zh-CN': '平台运维', en: 'Platform operations' },
} as const satisfies Record<string, Words>;
export type AuditGroup = keyof typeof auditGroups;

type ActionText = Words & { group: AuditGroup };
const a = (group: AuditGroup, zh: string, en: string): ActionText => ({ group, 'zh-CN': zh, en });

export const auditActions = {
  'auth.login': a('auth', '登录', 'signed in'),
  'auth.logout': a('auth', '退出登录', 'signed out'),
  'auth.totp': a('auth', '两步验证', 'verified the second step'),
  'auth.totp_enroll': a('auth', '启用两步验证', 'enrolled two-step verification'),
  'auth.password_change': a('auth', '修改密码', 'changed the password'),
  'accounts.create': a('accounts', '新建账号', 'created the account'),
  'accounts.batch_create': a('accounts', '批量新建委员账号', 'created member accounts in a batch in'),
  'accounts.update': a('accounts', '修改账号', 'changed the account'),
  'accounts.unlock': a('accounts', '解锁账号', 'unlocked the account'),
  'committees.settings': a('org', '修改政协设置', 'changed the settings of'),
  'departments.create': a('org', '新建部门', 'created the department'),
  'departments.update': a('org', '修改部门', 'changed the department'),
  'sectors.create': a('org', '新建界别', 'created the sector'),
  'sectors.update': a('org', '修改界别', 'changed the sector'),
  'special_committees.create': a('org', '新建专门委员会', 'created the special committee'),
  'special_committees.update': a('org', '修改专门委员会', 'changed the special committee'),
  'members.create': a('members', '新增委员', 'added the member'),
  'members.update': a('members', '修改委员信息', 'changed the member'),
  'members.retire': a('members', '办理委员退出', 'recorded the retirement of'),
  'members.import': a('members', '导入委员名册', 'imported a roster into'),
  'members.export': a('members', '导出委员名册', 'exported the roster of'),
  'members.export_unmasked': a(
    'members',
    '导出含完整手机号的委员名册',
    'exported with full phone numbers the roster of',
  ),
  'consultations.plan_create': a('consultations', '新建年度协商计划', 'created the consultation plan'),
  'consultations.plan_item_add': a('consultations', '将议题列入协商计划', 'put a topic into the plan'),
  'consultations.plan_item_remove': a('consultations', '将议题移出协商计划', 'took a topic out of the plan'),
  'consultations.plan_approve': a('consultations', '登记协商计划审定', 'recorded the approval of the plan'),
  'consultations.plan_publish': a('consultations', '发布协商计划', 'published the plan'),
  'consultations.topic_create': a('consultations', '提出协商议题', 'proposed the topic'),
  'consultations.topic_submit_public': a('consultations', '群众提出协商议题', "received a citizen's topic"),
  'consultations.topic_second': a('consultations', '附议协商议题', 'seconded the topic'),
  'consultations.topic_decline': a(
    'consultations',
    '答复未列入计划的议题',
    'answered the topic as not chosen',
  ),
  'consultations.create': a('consultations', '新建协商活动', 'created the consultation'),
  'consultations.update': a('consultations', '修改协商活动', 'changed the consultation'),
  'consultations.invite': a('consultations', '邀请参加协商', 'invited participants to'),
  'consultations.reply': a('consultations', '答复协商邀请', 'replied to the invitation to'),
  'consultations.schedule': a('consultations', '发出协商通知', 'scheduled the consultation'),
  'consultations.sign_in': a('consultations', '协商签到', 'signed in at'),
  'consultations.minutes_draft': a('consultations', '起草会议纪要', 'drafted the minutes of'),
  'consultations.minutes_open': a('consultations', '开放纪要修改', 'opened the minutes of'),
  'consultations.minutes_amend': a('consultations', '修改会议纪要', 'amended the minutes of'),
  'consultations.minutes_lock': a('consultations', '锁定会议纪要', 'locked the minutes of'),
  'consultations.close': a('consultations', '结束协商活动', 'closed the consultation'),
  'consultations.amend': a('consultations', '登记更正已结束的协商', 'recorded an amendment to'),
  'consultations.outcome_add': a('consultations', '登记协商成果', 'recorded an outcome of'),
  'consultations.outcome_answer': a('consultations', '书面答复协商成果', 'answered the outcome'),
  'consultations.outcome_progress': a(
    'consultations',
    '更新协商成果落实进展',
    'reported progress on the outcome',
  ),
  'consultations.endorse': a('consultations', '登记领导批示', 'recorded an endorsement of the outcome'),
  'consultations.micro_record': a('consultations', '登记微协商', 'recorded the micro-consultation'),
  'studios.create': a('studios', '新建工作室', 'created the studio'),
  'studios.update': a('studios', '修改工作室', 'changed the studio'),
  'studios.member_add': a('studios', '为工作室添加成员', 'added a member to the studio'),
  'studios.member_remove': a('studios', '移除工作室成员', 'removed a member from the studio'),
  'studios.standards': a('studios', '勾选工作室建设标准', 'ticked the standards of the studio'),
  'studios.submit': a('studios', '提交工作室审批', 'submitted for approval the studio'),
  'studios.review': a('studios', '审批工作室', 'reviewed the studio'),
  'studios.approve': a('studios', '批准上线工作室', 'approved the studio'),
  'studios.reject': a('studios', '退回工作室', 'sent back the studio'),
  'studios.duty_rule_add': a('studios', '添加固定接待日', 'added a reception day to'),
  'studios.duty_rule_remove': a('studios', '删除固定接待日', 'removed a reception day from'),
  'studios.duty_slot_add': a('studios', '添加值班安排', 'added a duty slot to'),
  'studios.duty_slot_remove': a('studios', '删除值班安排', 'removed a duty slot from'),
  'studio_standards.create': a('studios', '新增工作室建设标准', 'added a studio standard'),
  'concerns.submit': a('concerns', '提交诉求', 'submitted the concern'),
  'concerns.reception': a('concerns', '登记接待诉求', 'recorded at a reception the concern'),
  'concerns.accept': a('concerns', '受理诉求', 'took up the concern'),
  'concerns.reply': a('concerns', '答复诉求', 'answered the concern'),
  'concerns.ask_info': a('concerns', '请群众补充诉求', 'asked for more on the concern'),
  'concerns.add_info': a('concerns', '补充诉求', 'added information to the concern'),
  'concerns.add_photo': a('concerns', '补充照片', 'added a photo to the concern'),
  'concerns.transfer': a('concerns', '转交诉求', 'transferred the concern'),
  'concerns.escalate': a('concerns', '上报诉求', 'escalated the concern'),
  'concerns.assign': a('concerns', '交办诉求', 'assigned the concern'),
  'concerns.batch': a('concerns', '批量办理诉求', 'handled concerns in a batch'),
  'concerns.route': a('concerns', '按精准对接交办诉求', 'routed the concern'),
  'concerns.to_department': a('concerns', '交办承办单位', 'passed to a handling department the concern'),
  'concerns.ask_return': a('concerns', '承办单位申请退回', 'asked to return the concern'),
  'concerns.accept_return': a('concerns', '同意退回', 'took back the concern'),
  'concerns.approve_reply': a('concerns', '审核通过答复', 'approved the answer to the concern'),
  'concerns.send_back_reply': a(
    'concerns',
    '退回答复修改',
    'sent back for changes the answer to the concern',
  ),
  'concerns.extend': a('concerns', '延长办理期限', 'extended the deadline of the concern'),
  'concerns.deadline': a('concerns', '设置办理期限', 'set the deadline of the concern'),
  'concerns.set_deadline': a('concerns', '设置办理期限', 'set the deadline of the concern'),
  'concerns.service_deed': a('concerns', '记为服务实事', 'recorded as a service deed the concern'),
  'concerns.rate': a('concerns', '评价答复', 'rated the answer to the concern'),
  'concerns.phone_view': a('concerns', '查看群众手机号', 'viewed the citizen’s phone of the concern'),
  'concerns.export': a('concerns', '导出诉求', 'exported concerns of'),
  'concerns.citizen_export': a('concerns', '群众导出本人数据', 'exported a citizen’s own data'),
  'concerns.citizen_erase': a('concerns', '群众删除本人数据', 'erased a citizen’s own data'),
  'concerns.template_create': a('concerns', '新增答复模板', 'added a reply template'),
  'concerns.template_update': a('concerns', '修改答复模板', 'changed a reply template'),
  'concerns.template_delete': a('concerns', '删除答复模板', 'deleted a reply template'),
  'commonIssues.reply_together': a(
    'commonIssues',
    '统一答复共性问题的诉求',
    "answered the common issue's concerns together",
  ),
  'commonIssues.rename': a('commonIssues', '重命名共性问题', 'renamed the common issue'),
  'commonIssues.confirm': a('commonIssues', '确认共性问题', 'confirmed the common issue'),
  'commonIssues.detach': a('commonIssues', '移出共性问题', 'took a concern out of the common issue'),
  'commonIssues.merge': a('commonIssues', '合并共性问题', 'merged into another the common issue'),
  'commonIssues.split': a('commonIssues', '拆分共性问题', 'split the common issue'),
  'commonIssues.rebuild': a('commonIssues', '重新归集共性问题', 'regrouped the common issues'),
  'commonIssues.report_draft': a(
    'commonIssues',
    '由共性问题起草社情民意信息',
    'drafted an opinion report from',
  ),
  'routing.rules_update': a('routing', '修改精准对接规则', 'changed the routing rules of'),
  'notify.sms_code': a('notify', '申请短信验证码', 'asked for an SMS code'),
  'notify.read': a('notify', '阅读通知', 'read a notice'),
  'notify.read_all': a('notify', '全部通知标为已读', 'marked all notices read'),
  'jobs.retry': a('jobs', '重试失败的后台任务', 'retried the failed work'),
  'audit.export': a('audit', '导出审计日志', 'exported the audit log'),
  // Written by the maintenance commands, named as the actor (npm run backup …).
  'platform.backup': a('platform', '备份数据库', 'backed up the database'),
  'platform.restore': a('platform', '从备份恢复数据库', 'restored the database from a backup'),
  'keys.rotate': a('platform', '轮换个人信息加密密钥', 'rotated the key sealing personal data'),
  // One row a minute: the "busy / unavailable / too many" refusals of that minute, counted.
  'http.refusals': a(
    'auth',
    '的请求被暂缓处理（每分钟汇总，系统繁忙、暂时不可用或过于频繁）',
    'had requests turned away (counted per minute: busy, unavailable or too many)',
  ),
} as const satisfies Record<string, ActionText>;
export type AuditAction = keyof typeof auditActions;

/** What kind of thing an entry names, for entries whose target has no name to show. */
export const auditTargetKinds = {
  account: { 'zh-CN': '账号', en: 'account' },
  committee: { 'zh-CN': '政协', en: 'committee' },
  department: { 'zh-CN': '部门', en: 'department' },
  departments: { 'zh-CN': '部门', en: 'department' },
  sectors: { 'zh-CN': '界别', en: 'sector' },
  special_committees: { 'zh-CN': '专门委员会', en: 'special committee' },
  membership: { 'zh-CN': '委员', en: 'member' },
  studio: { 'zh-CN': '工作室', en: 'studio' },
  studio_standard: { 'zh-CN': '建设标准', en: 'standard' },
  concern: { 'zh-CN': '诉求', en: 'concern' },
  common_issue: { 'zh-CN': '共性问题', en: 'common issue' },
  citizen: { 'zh-CN': '群众', en: 'citizen' },
  consultation: { 'zh-CN': '协商活动', en: 'consultation' },
  consultation_topic: { 'zh-CN': '协商议题', en: 'topic' },
  consultation_plan: { 'zh-CN': '协商计划', en: 'consultation plan' },
  consultation_outcome: { 'zh-CN': '协商成果', en: 'outcome' },
} as const satisfies Record<string, Words>;

export const auditResultWords = {
  ok: { 'zh-CN': '成功', en: 'done' },
  denied: { 'zh-CN': '被拒绝', en: 'refused' },
  invalid: { 'zh-CN': '填写有误', en: 'invalid input' },
  failed: { 'zh-CN': '出错', en: 'failed' },
} as const satisfies Record<string, Words>;

/** Words for the keys an entry's detail carries; other keys are shown as they are. */
export const auditDetailWords: Record<string, Words> = {
  reason: { 'zh-CN': '原因', en: 'reason' },
  name: { 'zh-CN': '名称', en: 'name' },
  fields: { 'zh-CN': '修改的项目', en: 'fields changed' },
  rows: { 'zh-CN': '行数', en: 'rows' },
  created: { 'zh-CN': '新增', en: 'added' },
  updated: { 'zh-CN': '更新', en: 'updated' },
  retiredOn: { 'zh-CN': '退出日期', en: 'retired on' },
  lockedUntil: { 'zh-CN': '锁定至', en: 'locked until' },
  moved: { 'zh-CN': '调整的诉求数', en: 'concerns moved' },
  deadline: { 'zh-CN': '期限', en: 'deadline' },
  note: { 'zh-CN': '说明', en: 'note' },
  minute: { 'zh-CN': '分钟', en: 'minute' },
  total: { 'zh-CN': '次数', en: 'count' },
  counts: { 'zh-CN': '按接口与原因', en: 'by route and reason' },
};

export type AuditLine = {
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  result: keyof typeof auditResultWords;
};

const isAction = (code: string): code is AuditAction => Object.hasOwn(auditActions, code);

/** The verb phrase of a code; a code the catalogue does not know is shown as it is. */
export function actionWords(code: string, lang: Lang): string {
  return isAction(code) ? auditActions[code][lang] : code;
}

/** The named object of an entry: its name, or its kind and short id when it has none. */
export function targetWords(e: Pick<AuditLine, 'targetType' | 'targetId' | 'targetName'>, lang: Lang) {
  if (e.targetName) return `“${e.targetName}”`;
  if (!e.targetType) return '';
  const kinds = auditTargetKinds as Record<string, Words>;
  const kind = kinds[e.targetType]?.[lang] ?? e.targetType;
  return e.targetId ? `${kind} ${e.targetId.slice(0, 8)}` : kind;
}

/** One entry as a sentence: who, what, which named object, and the result when not a success. */
export function auditSentence(e: AuditLine, lang: Lang): string {
  const who = e.actorName ?? (lang === 'zh-CN' ? '未登录的访问者' : 'A visitor not signed in');
  const what = actionWords(e.action, lang);
  const target = targetWords(e, lang);
  const result = e.result === 'ok' ? '' : auditResultWords[e.result][lang];
  if (lang === 'zh-CN') return `${who}${what}${target}${result ? `（${result}）` : ''}`;
  return `${who} ${what}${target ? ` ${target}` : ''}${result ? ` (${result})` : ''}`;
}

/** Codes of a group, for the console's "kind of action" filter. */
export function actionsOfGroup(g: AuditGroup): AuditAction[] {
  return (Object.keys(auditActions) as AuditAction[]).filter((c) => auditActions[c].group === g);
}

/** An entry's detail in words ("原因：…；行数：12"), values as they are, nothing nested shown raw. */
export function detailWords(detail: Record<string, unknown>, lang: Lang): string {
  const sep = lang === 'zh-CN' ? '；' : '; ';
  const colon = lang === 'zh-CN' ? '：' : ': ';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${auditDetailWords[k]?.[lang] ?? k}${colon}${valueWords(v, lang)}`)
    .join(sep);
}

function valueWords(v: unknown, lang: Lang): string {
  if (Array.isArray(v)) return v.map((x) => valueWords(x, lang)).join(lang === 'zh-CN' ? '、' : ', ');
  if (typeof v === 'boolean') return lang === 'zh-CN' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${auditDetailWords[k]?.[lang] ?? k} ${valueWords(x, lang)}`)
      .join(lang === 'zh-CN' ? '，' : ', ');
  return String(v);
}
