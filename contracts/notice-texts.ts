import type { Lang } from './messages.ts';
import { fill } from './messages.ts';

// The one catalogue of in-app notice texts, read by the server (GET /api/notices renders the
// title in the caller's language) and by the console's bell (renders from the key, so a
// switch of language needs no new request). A notice stores its key and the values of its
// `{name}` parameters, never a sentence, so it reads in whichever language its reader uses.
// Keys are never renamed once used: stored notices name them.
export const noticeTexts = {
  'consultation.outcome_overdue': {
    'zh-CN': '一项协商成果已过答复期限（{due}），请尽快书面答复',
    en: 'A consultation outcome is past its answer date ({due}); please answer it in writing',
  },
  'consultation.topic_chosen': {
    'zh-CN': '您推荐的协商议题“{title}”已列入年度协商计划',
    en: 'The topic you recommended, “{title}”, is in the annual consultation plan',
  },
  'consultation.topic_not_chosen': {
    'zh-CN': '您推荐的协商议题“{title}”未列入年度协商计划，请查看答复',
    en: 'The topic you recommended, “{title}”, is not in the annual plan; see the answer',
  },
  'consultation.outcome_overdue_staff': {
    'zh-CN': '一项协商成果承办单位逾期未答复（期限 {due}），请督办',
    en: 'A department has not answered a consultation outcome by {due}; please follow it up',
  },
  'concern.new_for_member': {
    'zh-CN': '收到一条新的群众诉求，请及时受理',
    en: 'A new concern from a citizen has come to you; please take it up',
  },
  'concern.new_unassigned': {
    'zh-CN': '收到一条新的群众诉求，尚无委员承办，请交办',
    en: 'A new concern has come in with no member to take it; please assign it',
  },
  'concern.transferred_to_member': {
    'zh-CN': '收到一条转交的群众诉求，请及时受理',
    en: 'A concern has been transferred to you; please take it up',
  },
  'concern.assigned_to_member': {
    'zh-CN': '收到一条交办的群众诉求，请及时受理',
    en: 'A concern has been assigned to you; please take it up',
  },
  'concern.co_handler': {
    'zh-CN': '您被推荐参与办理一条群众诉求',
    en: 'You are recommended to help handle a concern',
  },
  'concern.handed_over': {
    'zh-CN': '收到一条交办的群众诉求',
    en: 'A concern has been handed over to this committee',
  },
  'concern.returned': {
    'zh-CN': '一条群众诉求已退回本级机关，请重新交办',
    en: 'A concern has been returned to this committee’s office; please assign it again',
  },
  'concern.reply_review': {
    'zh-CN': '一条群众诉求的答复待审核',
    en: 'A reply to a concern is waiting for review',
  },
  'concern.return_requested': {
    'zh-CN': '承办单位申请退回一条群众诉求，请处理',
    en: 'A handling department asks to return a concern; please decide',
  },
  'concern.reply_sent_back': {
    'zh-CN': '您的答复已退回修改，请查看原因',
    en: 'Your reply was sent back; please see why',
  },
  'concern.escalated': {
    'zh-CN': '{from}上报了一条群众诉求，请交办',
    en: '{from} escalated a concern to this committee; please assign it',
  },
  'concern.escalated_from_below': {
    'zh-CN': '下级上报了一条群众诉求，请交办',
    en: 'A concern was escalated from the level below; please assign it',
  },
  'concern.reopened': {
    'zh-CN': '群众对答复不满意，诉求已重新打开，请再次办理',
    en: 'The citizen was not satisfied with the reply; the concern is open again, please handle it once more',
  },
  'concern.info_added': {
    'zh-CN': '群众已补充材料，请继续办理',
    en: 'The citizen has added information; please carry on',
  },
  'concern.recorded_for_member': {
    'zh-CN': '机关工作人员为您登记了一条接待中听到的群众诉求',
    en: 'Office staff recorded for you a concern you heard at a reception',
  },
  'concern.due_soon': {
    'zh-CN': '您有一条群众诉求将在24小时内到期，请抓紧办理',
    en: 'A concern of yours is due within 24 hours; please finish it soon',
  },
  'concern.overdue': {
    'zh-CN': '您有一条群众诉求已超过办理期限，请尽快办理',
    en: 'A concern of yours is past its deadline; please handle it as soon as you can',
  },
  'concern.due_soon_unassigned': {
    'zh-CN': '本级有一条群众诉求将在24小时内到期，尚无委员承办',
    en: 'A concern of this committee is due within 24 hours and no member has taken it',
  },
  'concern.overdue_staff': {
    'zh-CN': '本级有一条群众诉求已超过办理期限',
    en: 'A concern of this committee is past its deadline',
  },
  'common_issue.grown': {
    'zh-CN': '共性问题「{title}」已有 {concerns} 件诉求，来自 {studios} 个工作室',
    en: 'The common issue “{title}” has {concerns} concerns from {studios} studios',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type NoticeKey = keyof typeof noticeTexts;

/** The `{name}`s of a template, as a union of names. */
type Names<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Names<Rest> : never;
export type NoticeParamValue = string | number;

/** The key and, when its text has `{name}`s, a value for each (checked when written). */
export type NoticeMessage = {
  [K in NoticeKey]: [Names<(typeof noticeTexts)[K]['zh-CN']>] extends [never]
    ? { key: K; params?: Record<string, never> }
    : { key: K; params: Record<Names<(typeof noticeTexts)[K]['zh-CN']>, NoticeParamValue> };
}[NoticeKey];

export function isNoticeKey(key: string): key is NoticeKey {
  return Object.hasOwn(noticeTexts, key);
}

/** The text of a stored notice in `lang`; undefined for a key this version does not know. */
export function noticeText(
  key: string,
  params: Record<string, NoticeParamValue>,
  lang: Lang,
): string | undefined {
  return isNoticeKey(key) ? fill(noticeTexts[key][lang], params) : undefined;
}
