// The one catalogue of error messages, used by the server (error bodies) and the web app.
// Every message exists in zh-CN and en. `{field}` and `{n}` are filled in.
export type Lang = 'zh-CN' | 'en';
export type Bilingual = { 'zh-CN': string; en: string };

export const errorCatalogue = {
  // request shape
  'request.malformed_json': {
    status: 400,
    'zh-CN': '请求内容不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  'request.invalid_utf8': {
    status: 400,
    'zh-CN': '请求内容含有无效的 UTF-8 字符',
    en: 'The request body is not valid UTF-8',
  },
  'request.too_large': { status: 413, 'zh-CN': '请求内容过大', en: 'The request body is too large' },
  'request.malformed_form': {
    status: 400,
    'zh-CN': '表单内容不完整或格式有误，请重新提交',
    en: 'The form data is incomplete or malformed; submit it again',
  },
  'request.unsupported_type': { status: 415, 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  'request.invalid': { status: 400, 'zh-CN': '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  'request.not_found': { status: 404, 'zh-CN': '接口不存在', en: 'No such endpoint' },
  'request.rate_limited': {
    status: 429,
    'zh-CN': '操作过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
  'request.busy': {
    status: 503,
    'zh-CN': '现在提交的人较多，请稍等几秒后再提交，已填写的内容不会丢失',
    en: 'Many submissions right now; please submit again in a few seconds, nothing you entered is lost',
  },
  'service.unavailable': {
    status: 503,
    'zh-CN': '系统暂时无法处理请求，请稍后再试，已填写的内容不会丢失',
    en: 'The service is briefly unavailable; try again in a moment, nothing you entered is lost',
  },
  'request.idempotency_in_progress': {
    status: 409,
    'zh-CN': '相同的请求正在处理，请稍候',
    en: 'The same request is still being processed',
  },
  'request.idempotency_mismatch': {
    status: 422,
    'zh-CN': '幂等键已用于另一个请求',
    en: 'This idempotency key was used for a different request',
  },
  internal: {
    status: 500,
    'zh-CN': '服务器内部错误，请稍后再试',
    en: 'Internal error, please try again later',
  },
  // auth
  'auth.required': { status: 401, 'zh-CN': '请先登录', en: 'Please log in' },
  'auth.bad_credentials': { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    status: 423,
    'zh-CN': '登录失败次数过多，账号已锁定，请 {n} 分钟后再试',
    en: 'Too many failed logins; the account is locked for {n} more minutes',
  },
  'auth.disabled': { status: 403, 'zh-CN': '账号已停用', en: 'This account is disabled' },
  'auth.bad_totp': { status: 401, 'zh-CN': '动态验证码错误', en: 'Wrong two-factor code' },
  'auth.csrf': {
    status: 403,
    'zh-CN': '请求校验失败，请刷新页面后重试',
    en: 'Request check failed; reload the page and try again',
  },
  'auth.stage': { status: 403, 'zh-CN': '请先完成登录步骤', en: 'Finish the login steps first' },
  'auth.weak_password': {
    status: 400,
    'zh-CN': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的 3 类',
    en: 'A password needs at least 8 characters from 3 of: upper case, lower case, digits, symbols',
  },
  'auth.wrong_password': { status: 400, 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'auth.forbidden': { status: 403, 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  'accounts.username_taken': { status: 409, 'zh-CN': '用户名已存在', en: 'This username is taken' },
  'accounts.not_found': { status: 404, 'zh-CN': '账号不存在', en: 'No such account' },
  'accounts.scope_outside': {
    status: 403,
    'zh-CN': '只能在本级及下级政协范围内授权',
    en: 'You can only grant access within your own committee subtree',
  },
  'accounts.department_needed': {
    status: 400,
    'zh-CN': '承办单位账号须选择本级政协的一个承办单位',
    en: 'A department account must belong to a department of its committee',
  },
  'accounts.batch_too_many': {
    status: 400,
    'zh-CN': '一次最多为 {max} 位委员创建账号，请分批进行',
    en: 'At most {max} member accounts at once; split the batch',
  },
  'accounts.member_needs_person': {
    status: 400,
    'zh-CN': '委员账号须关联一名委员',
    en: 'A member account must be linked to a member',
  },
  // organisation
  'org.committee_not_found': { status: 404, 'zh-CN': '政协组织不存在', en: 'No such committee' },
  'org.sector_not_found': { status: 404, 'zh-CN': '界别不存在', en: 'No such sector' },
  'org.special_committee_not_found': {
    status: 404,
    'zh-CN': '专委会不存在',
    en: 'No such special committee',
  },
  'org.department_not_found': { status: 404, 'zh-CN': '承办单位不存在', en: 'No such department' },
  'org.name_taken': { status: 409, 'zh-CN': '名称已存在', en: 'This name is already used' },
  'members.not_found': { status: 404, 'zh-CN': '委员不存在', en: 'No such member' },
  'members.already_in_committee': {
    status: 409,
    'zh-CN': '该委员已在此政协任职',
    en: 'This person already sits on this committee',
  },
  'members.phone_other_person': {
    status: 409,
    'zh-CN': '手机号已登记在另一位委员名下',
    en: 'This phone number belongs to another member',
  },
  'members.export_reason_required': {
    status: 400,
    'zh-CN': '导出完整手机号码须填写用途（将记入审计日志）',
    en: 'A reason is required to export full phone numbers (it is kept in the audit log)',
  },
  'members.already_retired': { status: 409, 'zh-CN': '该委员已退出', en: 'This member has already retired' },
  'members.import_invalid': {
    status: 422,
    'zh-CN': '名册有错误，未导入任何数据，请修改后重新导入',
    en: 'The roster has errors; nothing was imported. Fix them and import again',
  },
  'studios.not_found': { status: 404, 'zh-CN': '工作室不存在', en: 'No such studio' },
  'studios.bad_state': {
    status: 409,
    'zh-CN': '工作室当前状态不允许此操作',
    en: 'The studio is not in a state that allows this',
  },
  'studios.reason_required': {
    status: 400,
    'zh-CN': '退回时请填写原因',
    en: 'A reason is required to reject',
  },
  'studios.person_not_member': {
    status: 400,
    'zh-CN': '所选人员不是本级或下级政协委员',
    en: 'The person is not a member of this committee or below',
  },
  'studios.same_reviewer': {
    status: 403,
    'zh-CN': '提交审批的账号不能审核同一工作室，请由本级或上级政协的其他工作人员审核',
    en: 'The account that submitted the studio may not review it; another staff account of this committee or one above must',
  },
  'studios.duty_not_found': { status: 404, 'zh-CN': '值班安排不存在', en: 'No such duty entry' },
  'search.no_terms': {
    status: 400,
    'zh-CN': '搜索词里没有可以查找的字词',
    en: 'The search has no words to look for',
  },
  'commonIssues.not_found': { status: 404, 'zh-CN': '共性问题不存在', en: 'No such common issue' },
  'commonIssues.invalid_choice': {
    status: 400,
    'zh-CN': '所选诉求或共性问题不在此共性问题中',
    en: 'The chosen concern or common issue does not belong here',
  },
  'commonIssues.outside_window': {
    status: 409,
    'zh-CN': '该共性问题的诉求已超出归并时间范围，不能再调整',
    en: 'This common issue is older than the grouping window and can no longer be changed',
  },
  'concerns.not_found': { status: 404, 'zh-CN': '诉求不存在', en: 'No such concern' },
  'concerns.deadline_past': {
    status: 400,
    'zh-CN': '办理期限须晚于当前时间',
    en: 'The deadline must be in the future',
  },
  'concerns.bad_range': {
    status: 400,
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  'concerns.bad_state': {
    status: 409,
    'zh-CN': '诉求当前状态不允许此操作',
    en: 'The concern is not in a state that allows this',
  },
  'concerns.no_route': {
    status: 400,
    'zh-CN': '请通过工作室或委员的二维码反映诉求',
    en: "Submit a concern through a studio's or a member's code",
  },
  'concerns.sms_code_required': {
    status: 400,
    'zh-CN': '留手机号时请填写短信验证码',
    en: 'A phone number needs the code sent to it by SMS',
  },
  'concerns.sms_code_invalid': {
    status: 400,
    'zh-CN': '短信验证码错误或已过期，请重新获取',
    en: 'The SMS code is wrong or expired; request a new one',
  },
  'concerns.consent_required': {
    status: 400,
    'zh-CN': '您留了手机号：请勾选“我已阅读并同意”，我们才能用它联系您；不想留，把手机号删掉即可',
    en: 'You left a phone number: tick “I have read and agree” so we may use it to reach you, or clear the number',
  },
  'concerns.not_handler': {
    status: 403,
    'zh-CN': '只有承办人可以查看群众完整手机号',
    en: "Only the handler may see the citizen's full phone number",
  },
  'concerns.no_parent': {
    status: 409,
    'zh-CN': '已是最高一级政协，无法上报',
    en: 'There is no committee above this one',
  },
  'concerns.bad_target': {
    status: 400,
    'zh-CN': '转交对象不属于该政协',
    en: 'The target does not belong to this committee',
  },
  'concerns.photo_type': {
    status: 415,
    'zh-CN': '只能上传 JPEG、PNG 或 WebP 格式的照片',
    en: 'Photos must be JPEG, PNG or WebP',
  },
  'concerns.photo_unreadable': {
    status: 400,
    'zh-CN': '照片无法读取，可能已损坏或尺寸过大',
    en: 'The photo cannot be read; it may be damaged or too large',
  },
  'concerns.photo_limit': {
    status: 409,
    'zh-CN': '每条诉求最多上传 {n} 张照片',
    en: 'At most {n} photos per concern',
  },
  'concerns.photo_too_large': {
    status: 413,
    'zh-CN': '照片过大，每张不能超过 {n} MB',
    en: 'The photo is too large; at most {n} MB each',
  },
  'concerns.photo_rejected': {
    status: 400,
    'zh-CN': '第 {n} 张照片（{name}）未能上传：{reason}',
    en: 'Photo {n} ({name}) was not accepted: {reason}',
  },
  'concerns.reception_consent': {
    status: 400,
    'zh-CN': '记录群众当面反映的诉求须征得本人同意',
    en: "Recording a concern heard in person needs the citizen's consent",
  },
  'concerns.not_on_studio': {
    status: 400,
    'zh-CN': '您不是该工作室的委员',
    en: 'You are not a member of this studio',
  },
  'concerns.template_not_found': { status: 404, 'zh-CN': '答复模板不存在', en: 'No such reply template' },
  'concerns.template_limit': {
    status: 422,
    'zh-CN': '每个政协最多保存 {max} 个答复模板',
    en: 'A committee keeps at most {max} reply templates',
  },
  'concerns.erased': {
    status: 410,
    'zh-CN': '应群众要求，该诉求的个人信息已删除',
    en: "At the citizen's request, the personal data of this concern was erased",
  },
  'routing.unknown_sector': {
    status: 400,
    'zh-CN': '界别不存在',
    en: 'No such sector',
  },
  'my.not_verified': {
    status: 401,
    'zh-CN': '请先用短信验证码验证手机号',
    en: 'Verify your phone number with an SMS code first',
  },
  // consultations (协商)
  'consultations.not_found': { status: 404, 'zh-CN': '协商活动不存在', en: 'No such consultation' },
  'consultations.topic_not_found': { status: 404, 'zh-CN': '协商议题不存在', en: 'No such topic' },
  'consultations.plan_not_found': {
    status: 404,
    'zh-CN': '年度协商计划不存在',
    en: 'No such consultation plan',
  },
  'consultations.outcome_not_found': { status: 404, 'zh-CN': '协商成果不存在', en: 'No such outcome' },
  'consultations.participant_not_found': {
    status: 404,
    'zh-CN': '没有这位参加人员',
    en: 'No such participant',
  },
  'consultations.plan_exists': {
    status: 409,
    'zh-CN': '该政协这一年度的协商计划已经建立',
    en: 'This committee already has a consultation plan for that year',
  },
  'consultations.topic_bad_state': {
    status: 409,
    'zh-CN': '该议题已列入计划或已答复，不能再这样处理',
    en: 'The topic is already in the plan or answered',
  },
  'consultations.own_topic': {
    status: 409,
    'zh-CN': '不能附议自己推荐的议题',
    en: 'You cannot second a topic you recommended',
  },
  'consultations.plan_bad_state': {
    status: 409,
    'zh-CN': '协商计划当前状态下不能这样操作',
    en: 'The plan is not in a state that allows this',
  },
  'consultations.bad_state': {
    status: 409,
    'zh-CN': '协商活动当前状态下不能这样操作（已结束的只能通过登记更正修改）',
    en: 'The consultation is not in a state that allows this (a closed one changes only by a recorded amendment)',
  },
  'consultations.minutes_bad_state': {
    status: 409,
    'zh-CN': '会议纪要当前状态下不能这样操作',
    en: 'The minutes are not in a state that allows this',
  },
  'consultations.amend_window_closed': {
    status: 409,
    'zh-CN': '纪要修改期已过',
    en: 'The time to amend the minutes has passed',
  },
  'consultations.outcome_bad_state': {
    status: 409,
    'zh-CN': '协商成果当前状态下不能这样操作',
    en: 'The outcome is not in a state that allows this',
  },
  'consultations.set_by_required': {
    status: 400,
    'zh-CN': '党政点题须写明由谁点题',
    en: 'A topic set by the Party committee or government names who set it',
  },
  'consultations.reasons_required': {
    status: 400,
    'zh-CN': '请写明推荐理由',
    en: 'Give the reasons for the topic',
  },
  'consultations.evidence_required': {
    status: 400,
    'zh-CN': '代群众出题须关联共性问题或诉求',
    en: "A citizens' topic raised by staff links the common issue or concerns it comes from",
  },
  'consultations.topics_unanswered': {
    status: 409,
    'zh-CN': '还有 {n} 个议题既未列入计划也未答复提出人，请先处理',
    en: '{n} topics are neither in the plan nor answered to their proposers',
  },
  'consultations.close_incomplete': {
    status: 409,
    'zh-CN': '结束协商前须有锁定的会议纪要、参加人数、发言条数和至少一项协商成果',
    en: 'Closing needs locked minutes, the number of attendees and of contributions, and at least one outcome',
  },
  'consultations.not_invited': {
    status: 403,
    'zh-CN': '您不在本次协商的参加人员之列',
    en: 'You are not a participant of this consultation',
  },
  'consultations.call_closed': {
    status: 409,
    'zh-CN': '本年度议题征集已结束',
    en: "This year's call for topics is over",
  },
  'consultations.not_convenor': {
    status: 403,
    'zh-CN': '只有工作室负责人或机关人员可以登记微协商',
    en: "Only the studio's convenor or staff may record a micro-consultation",
  },
  'notify.notice_not_found': { status: 404, 'zh-CN': '通知不存在', en: 'No such notice' },
  'jobs.not_found': { status: 404, 'zh-CN': '任务不存在', en: 'No such job or message' },
  'jobs.not_failed': {
    status: 409,
    'zh-CN': '该任务仍在自动重试中，无需手动重试',
    en: 'It is still being retried automatically',
  },
  'members.import_too_many_rows': {
    status: 413,
    'zh-CN': '名册超过 {max} 行，未导入任何数据；请分成每份不超过 {max} 行的文件导入',
    en: 'The roster has more than {max} rows; nothing was imported. Split it into files of at most {max} rows',
  },
  'members.export_not_found': {
    status: 404,
    'zh-CN': '找不到这次导出（导出文件保留一小时）',
    en: 'No such export (export files are kept for an hour)',
  },
  'members.export_failed': {
    status: 500,
    'zh-CN': '名册导出失败，请重试',
    en: 'The roster export failed; try again',
  },
  'members.export_interrupted': {
    status: 500,
    'zh-CN': '名册导出因服务重启而中断，请重新导出',
    en: 'The roster export was interrupted by a server restart; export again',
  },
  'members.import_not_found': { status: 404, 'zh-CN': '找不到这次导入', en: 'No such import' },
  'members.import_failed': {
    status: 500,
    'zh-CN': '导入中途出错，未导入任何数据，请重新导入',
    en: 'The import failed part way; nothing was imported. Import the file again',
  },
  'members.import_interrupted': {
    status: 500,
    'zh-CN': '导入被中断（服务器重启），未导入任何数据，请重新导入',
    en: 'The import was interrupted (the server restarted); nothing was imported. Import the file again',
  },
  'members.import_unreadable': {
    status: 400,
    'zh-CN': '无法读取文件，请上传 .xlsx 格式的名册',
    en: 'The file cannot be read; upload an .xlsx roster',
  },
} as const satisfies Record<string, { status: number } & Bilingual>;

export type ErrorCode = keyof typeof errorCatalogue;

// Field-level problems, phrased with the field's label.
export const fieldMessages = {
  required: { 'zh-CN': '{field}：必填', en: '{field}: required' },
  too_long: { 'zh-CN': '{field}：最多 {n} 个字符', en: '{field}: at most {n} characters' },
  too_short: { 'zh-CN': '{field}：至少 {n} 个字符', en: '{field}: at least {n} characters' },
  // Lists (photos, people on a duty): counted in items, not characters.
  too_many: { 'zh-CN': '{field}：最多 {n} 项', en: '{field}: at most {n} items' },
  too_few: { 'zh-CN': '{field}：至少 {n} 项', en: '{field}: at least {n} items' },
  too_big: { 'zh-CN': '{field}：不能大于 {n}', en: '{field}: must be at most {n}' },
  too_small: { 'zh-CN': '{field}：不能小于 {n}', en: '{field}: must be at least {n}' },
  invalid_type: { 'zh-CN': '{field}：类型不正确', en: '{field}: wrong type' },
  invalid_value: { 'zh-CN': '{field}：取值不在允许范围内', en: '{field}: not one of the allowed values' },
  invalid_format: { 'zh-CN': '{field}：格式不正确', en: '{field}: wrong format' },
  unknown_field: { 'zh-CN': '{field}：不认识的字段', en: '{field}: unknown field' },
  control_chars: { 'zh-CN': '{field}：含有不可见的控制字符', en: '{field}: contains control characters' },
  ill_formed: {
    'zh-CN': '{field}：含有无法识别的字符（残缺的 Unicode 编码）',
    en: '{field}: contains broken characters (ill-formed Unicode)',
  },
  line_breaks: {
    'zh-CN': '{field}：只能填一行，不能含换行或制表符',
    en: '{field}: one line only, no line breaks or tabs',
  },
  invalid: { 'zh-CN': '{field}：无效', en: '{field}: invalid' },
  // A citizen's consent box: what to do, in one sentence, rather than "同意说明：必填".
  consent_needed: {
    'zh-CN': '要留手机号，请勾选“我已阅读并同意”；不想留，把手机号删掉即可',
    en: 'To leave a phone number, tick “I have read and agree”; or clear the number',
  },
  not_in_list: {
    'zh-CN': '{field}：不在国家标准代码表中，请从列表中选择',
    en: '{field}: not in the national code list; choose from the list',
  },
  not_found: { 'zh-CN': '{field}：找不到“{value}”', en: '{field}: "{value}" not found' },
  duplicate: { 'zh-CN': '{field}：与第 {n} 行重复', en: '{field}: same as row {n}' },
  phone: { 'zh-CN': '{field}：应为 11 位手机号', en: '{field}: must be an 11-digit mobile number' },
  email: { 'zh-CN': '{field}：应为有效的电子邮箱地址', en: '{field}: must be a valid email address' },
} as const satisfies Record<string, Bilingual>;

export type FieldProblem = keyof typeof fieldMessages;

// Labels of fields as users know them (also the roster's column headers).
export const fieldLabels: Record<string, Bilingual> = {
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  newPassword: { 'zh-CN': '新密码', en: 'New password' },
  currentPassword: { 'zh-CN': '当前密码', en: 'Current password' },
  code: { 'zh-CN': '验证码', en: 'Code' },
  displayName: { 'zh-CN': '姓名', en: 'Name' },
  name: { 'zh-CN': '名称', en: 'Name' },
  personName: { 'zh-CN': '姓名', en: 'Name' },
  gender: { 'zh-CN': '性别', en: 'Gender' },
  ethnicity: { 'zh-CN': '民族', en: 'Ethnicity' },
  birthMonth: { 'zh-CN': '出生年月', en: 'Born' },
  party: { 'zh-CN': '政治面貌', en: 'Political affiliation' },
  sectorId: { 'zh-CN': '界别', en: 'Sector' },
  sector: { 'zh-CN': '界别', en: 'Sector' },
  workUnitPost: { 'zh-CN': '工作单位及职务', en: 'Work unit and post' },
  photos: { 'zh-CN': '照片', en: 'Photos' },
  phone: { 'zh-CN': '手机', en: 'Mobile' },
  specialCommitteeId: { 'zh-CN': '专委会', en: 'Special committee' },
  specialCommittee: { 'zh-CN': '专委会', en: 'Special committee' },
  position: { 'zh-CN': '职务', en: 'Position' },
  committeeId: { 'zh-CN': '所属政协', en: 'Committee' },
  committee: { 'zh-CN': '所属政协', en: 'Committee' },
  joinedOn: { 'zh-CN': '任职日期', en: 'Joined on' },
  retiredOn: { 'zh-CN': '退出日期', en: 'Retired on' },
  reason: { 'zh-CN': '原因', en: 'Reason' },
  dueAt: { 'zh-CN': '办理期限', en: 'Deadline' },
  result: { 'zh-CN': '办理成效', en: 'Result' },
  from: { 'zh-CN': '开始日期', en: 'From' },
  to: { 'zh-CN': '结束日期', en: 'To' },
  role: { 'zh-CN': '角色', en: 'Role' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  contactName: { 'zh-CN': '联系人', en: 'Contact' },
  contactPhone: { 'zh-CN': '联系电话', en: 'Contact phone' },
  page: { 'zh-CN': '页码', en: 'Page' },
  pageSize: { 'zh-CN': '每页条数', en: 'Page size' },
  q: { 'zh-CN': '搜索词', en: 'Search' },
  personId: { 'zh-CN': '委员', en: 'Member' },
  personIds: { 'zh-CN': '值班委员', en: 'Members on duty' },
  leadPersonId: { 'zh-CN': '负责人', en: 'Lead member' },
  address: { 'zh-CN': '地址', en: 'Address' },
  intro: { 'zh-CN': '简介', en: 'Introduction' },
  services: { 'zh-CN': '服务内容', en: 'Services' },
  openingHours: { 'zh-CN': '开放时间', en: 'Opening hours' },
  hotline: { 'zh-CN': '联系电话', en: 'Telephone' },
  startTime: { 'zh-CN': '开始时间', en: 'Start time' },
  endTime: { 'zh-CN': '结束时间', en: 'End time' },
  startsAt: { 'zh-CN': '开始时间', en: 'Starts at' },
  endsAt: { 'zh-CN': '结束时间', en: 'Ends at' },
  day: { 'zh-CN': '日期', en: 'Day' },
  freq: { 'zh-CN': '重复方式', en: 'Repeats' },
  validFrom: { 'zh-CN': '生效日期', en: 'Valid from' },
  validTo: { 'zh-CN': '截止日期', en: 'Valid until' },
  decision: { 'zh-CN': '审核结果', en: 'Decision' },
  category: { 'zh-CN': '类别', en: 'Category' },
  text: { 'zh-CN': '内容', en: 'Text' },
  place: { 'zh-CN': '地点', en: 'Place' },
  smsCode: { 'zh-CN': '短信验证码', en: 'SMS code' },
  consent: { 'zh-CN': '同意说明', en: 'Consent' },
  studioCode: { 'zh-CN': '工作室码', en: 'Studio code' },
  memberCode: { 'zh-CN': '委员码', en: 'Member code' },
  trackingCode: { 'zh-CN': '查询码', en: 'Tracking code' },
  rating: { 'zh-CN': '评价', en: 'Rating' },
  comment: { 'zh-CN': '意见', en: 'Comment' },
  studioId: { 'zh-CN': '工作室', en: 'Studio' },
  days: { 'zh-CN': '延长天数', en: 'Days' },
  bucket: { 'zh-CN': '分类', en: 'Bucket' },
  email: { 'zh-CN': '电子邮箱', en: 'Email' },
  occurredAt: { 'zh-CN': '反映时间', en: 'Heard at' },
  citizenName: { 'zh-CN': '群众姓名', en: "Citizen's name" },
  confirm: { 'zh-CN': '确认', en: 'Confirmation' },
  planId: { 'zh-CN': '协商计划', en: 'Plan' },
  topicId: { 'zh-CN': '议题', en: 'Topic' },
  setBy: { 'zh-CN': '点题单位', en: 'Set by' },
  reasons: { 'zh-CN': '理由', en: 'Reasons' },
  evidence: { 'zh-CN': '依据', en: 'Evidence' },
  plannedMonth: { 'zh-CN': '计划月份', en: 'Planned month' },
  departmentIds: { 'zh-CN': '邀请部门', en: 'Invited departments' },
  sectorIds: { 'zh-CN': '界别', en: 'Sectors' },
  leadSpecialCommitteeId: { 'zh-CN': '牵头专委会', en: 'Lead special committee' },
  documentRef: { 'zh-CN': '文号', en: 'Document reference' },
  approvedByName: { 'zh-CN': '审定机构', en: 'Approved by' },
  approvedOn: { 'zh-CN': '审定日期', en: 'Approved on' },
  hostPersonId: { 'zh-CN': '主持人', en: 'Host' },
  planItemId: { 'zh-CN': '计划议题', en: 'Plan item' },
  departmentId: { 'zh-CN': '承办单位', en: 'Department' },
  dueOn: { 'zh-CN': '办理期限', en: 'Due on' },
  byDate: { 'zh-CN': '完成时间', en: 'By when' },
  plan: { 'zh-CN': '落实措施', en: 'What will be done' },
  attendeeCount: { 'zh-CN': '参加人数', en: 'Attendees' },
  contributionCount: { 'zh-CN': '发言条数', en: 'Contributions' },
  consensus: { 'zh-CN': '协商共识', en: 'Consensus' },
  followUp: { 'zh-CN': '后续跟进', en: 'Follow-up' },
  memberIds: { 'zh-CN': '参加委员', en: 'Members' },
  doorCode: { 'zh-CN': '签到码', en: 'Sign-in code' },
};

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function labelOf(field: string, lang: Lang): string {
  const last = field.split('.').pop() ?? field;
  return fieldLabels[last]?.[lang] ?? last;
}

export function fieldMessage(
  problem: FieldProblem,
  field: string,
  vars: Record<string, string | number> = {},
): Bilingual {
  const t = fieldMessages[problem];
  return {
    'zh-CN': fill(t['zh-CN'], { ...vars, field: labelOf(field, 'zh-CN') }),
    en: fill(t.en, { ...vars, field: labelOf(field, 'en') }),
  };
}
