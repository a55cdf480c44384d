// Which of a group's heaviest words staff see as its key terms. Similarity may use any word;
// a key term must say what the issue is about, so times (晚上, 每天), who is affected in general
// (孩子, 老人, 居民), the polite frame (希望, 反映) and the pieces segmentation leaves around
// a preposition (从县, 在村) are not shown.

const noise = new Set(
  [
    // times and frequency
    '晚上 早上 上午 下午 中午 夜里 夜间 半夜 白天 今天 昨天 明天 每天 天天 现在 最近 一直 经常',
    '今年 去年 明年 每年 月份 时候 时间 以前 之前 以后 之后 好久 多久 一年 一个月 几天 几年',
    // who, in general
    '孩子 小孩 老人 大人 居民 群众 百姓 老百姓 大家 我们 俺们 咱们 他们 你们 人家 家里 家人 邻居',
    // the frame around the matter
    '希望 反映 问题 情况 请求 恳请 麻烦 谢谢 您好 委员 领导 部门 相关 有关 尽快 解决 处理 帮忙',
    '一下 一些 这个 那个 这样 那样 怎么 什么 为啥 为什么 没有 不是 还是 已经 可以 能够 应该',
  ]
    .join(' ')
    .split(' '),
);
const units = /^[县市镇村区乡街][上里]?$/u;
const prepositions = new Set([...'从在到向往把被给对于跟和与由']);

export function isKeyTerm(term: string): boolean {
  if (noise.has(term)) return false;
  const chars = [...term];
  // 从县, 在村, 到镇上: a preposition glued to a bare unit (和平路 and 在建 stay)
  if (prepositions.has(chars[0]!) && (chars.length === 2 || units.test(chars.slice(1).join(''))))
    return false;
  // all digits, or digits with a unit (3号, 10点)
  if (/^[\d０-９]+[号点天年月层楼栋元块]?$/u.test(term)) return false;
  return true;
}

/** The first `n` of `terms` (heaviest first) that are key terms. */
export const keyTermsOf = (terms: readonly string[], n: number) => terms.filter(isKeyTerm).slice(0, n);
