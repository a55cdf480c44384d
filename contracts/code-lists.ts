// The national code lists a roster's 民族 and 政治面貌 come from, so every office writes them
// the same way and a list can be counted by them: GB/T 3304-1991 (ethnic groups, in code
// order) and GB/T 4762-1984 (political affiliation), stored by the short names rosters use.
// The console offers them as dropdowns, the import template as in-cell lists, and the import
// and the API read the other usual spellings as these.

export const ethnicGroups = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族', '其他', '外国血统中国籍人士',
] as const; // prettier-ignore

/** GB/T 4762: the short name a roster writes, then the full name and other spellings. */
const affiliations: readonly (readonly [string, ...string[]])[] = [
  ['中共党员', '中国共产党党员', '中共', '中国共产党', '党员'],
  ['中共预备党员', '中国共产党预备党员', '预备党员'],
  ['共青团员', '中国共产主义青年团团员', '团员'],
  ['民革党员', '中国国民党革命委员会会员', '中国国民党革命委员会', '民革会员', '民革'],
  ['民盟盟员', '中国民主同盟盟员', '中国民主同盟', '民盟'],
  ['民建会员', '中国民主建国会会员', '中国民主建国会', '民建'],
  ['民进会员', '中国民主促进会会员', '中国民主促进会', '民进'],
  ['农工党党员', '中国农工民主党党员', '中国农工民主党', '农工党'],
  ['致公党党员', '中国致公党党员', '中国致公党', '致公党'],
  ['九三学社社员', '九三学社'],
  ['台盟盟员', '台湾民主自治同盟盟员', '台湾民主自治同盟', '台盟'],
  ['无党派人士', '无党派民主人士', '无党派'],
  ['群众'],
];
export const politicalAffiliations = affiliations.map((a) => a[0]);

const partyBySpelling = new Map(affiliations.flatMap((a) => a.map((s) => [s, a[0]] as const)));

/** The list's name for what an office wrote ('汉' → '汉族'); undefined when it is none of them. */
export function ethnicGroupOf(s: string): string | undefined {
  const t = s.trim();
  const list: readonly string[] = ethnicGroups;
  if (list.includes(t)) return t;
  if (list.includes(`${t}族`)) return `${t}族`;
  return undefined;
}

/** The short name for any usual spelling ('中国民主同盟' → '民盟盟员'); undefined when none. */
export const affiliationOf = (s: string): string | undefined => partyBySpelling.get(s.trim());
