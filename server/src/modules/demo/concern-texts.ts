import type { concernCategories } from '../../../../contracts/concerns.ts';
import type { Rand } from './random.ts';
import { pickOf } from './random.ts';

// What citizens of the demo city write: topics of everyday life in Hengshui's districts and
// counties, each a few ways of putting it, with the places, durations and details varied so
// no two texts read the same. Nothing here is a real case.

type Category = (typeof concernCategories)[number];

/** Streets, villages and landmarks by region code; real names, invented situations. */
export const placesByRegion: Record<string, { streets: string[]; villages: string[]; spots: string[] }> = {
  '131100': {
    streets: ['人民东路', '红旗大街', '胜利西路', '前进大街', '和平路', '大庆路'],
    villages: ['滨湖新区彭杜村', '高新区苏正村', '高新区大麻森村'],
    spots: ['衡水火车站', '衡水湖景区', '市行政审批局', '市人民医院', '衡水学院'],
  },
  '131102': {
    streets: ['中华大街', '育才街', '永兴路', '新华路', '河沿大街', '自强路'],
    villages: ['赵家圈镇前庄村', '邓庄镇刘家村', '何家庄乡北王村', '郑家河沿镇小侯村'],
    spots: ['河西街道康宁小区', '河东街道怡水小区', '路北街道长城小区', '桃城区实验小学', '人民公园'],
  },
  '131103': {
    streets: ['信都路', '冀新路', '长安路', '兴华路'],
    villages: ['周村镇西堤北村', '码头李镇崔家庄村', '西王庄镇东王庄村', '徐家庄乡申家庄村'],
    spots: ['冀州古城', '冀州区医院', '衡水湖南岸', '冀州中学'],
  },
  '131121': {
    streets: ['新华路', '振兴路', '枣强大街', '富强路'],
    villages: ['大营镇南关村', '恩察镇小马村', '王常乡蒋屯村', '马屯镇刘屯村'],
    spots: ['大营皮毛交易市场', '枣强县人民医院', '枣强中学', '县城汽车站'],
  },
  '131182': {
    streets: ['长江路', '朝阳路', '兴业路', '博深路'],
    villages: ['穆村乡北溪村', '唐奉镇东安庄村', '辰时镇辰时村', '王家井镇西马庄村'],
    spots: ['深州蜜桃市场', '深州市医院', '深州中学', '火车站广场'],
  },
};

const durations = ['一个多月', '两个多月', '快半年', '大半年', '三个多星期', '一年多'];
const pleas = [
  '希望有关部门尽快解决。',
  '盼望早日解决，谢谢！',
  '请委员帮忙反映一下。',
  '多次向社区反映，一直没有结果。',
  '打过热线，说已转交，至今没有下文。',
  '',
  '',
];

type Fill = { street: string; village: string; spot: string; dur: string; pick: <T>(xs: readonly T[]) => T };
export type Topic = { key: string; category: Category; texts: ((f: Fill) => string)[] };

export const topics: Topic[] = [
  {
    key: 'streetlight',
    category: 'transport',
    texts: [
      (f) => `${f.spot}附近的路灯坏了${f.dur}，晚上一片漆黑，老人孩子出门很不安全。`,
      (f) => `${f.street}南段有七八盏路灯不亮，夜里骑电动车经过好几次差点摔倒。`,
      (f) => `我们小区门口到${f.street}这一段没有路灯，下晚自习的学生回家很害怕。`,
    ],
  },
  {
    key: 'pothole',
    category: 'transport',
    texts: [
      (f) => `${f.street}路面坑洼严重，下雨后积水看不清，已经有人摔伤了。`,
      (f) => `${f.village}通往镇上的村道破损${f.dur}了，拉粮食的车过不去。`,
      (f) => `${f.street}和${f.pick(['育才街', '新华路', '建设街'])}交叉口的井盖松动，车一压就响，担心出事。`,
    ],
  },
  {
    key: 'flooding',
    category: 'transport',
    texts: [
      (f) => `每次下大雨${f.street}都积水，能没过膝盖，车辆熄火的不少，排水管道该疏通了。`,
      (f) => `${f.spot}旁边的下穿通道一下雨就积水，今年夏天已经淹了三回。`,
      (f) => `${f.street}雨后积水要好几天才退，附近商户的生意受到很大影响。`,
    ],
  },
  {
    key: 'bus',
    category: 'transport',
    texts: [
      (f) => `从${f.village}到城区的公交一天只有两班，老人去医院看病很不方便，希望增加班次。`,
      (f) => `${f.spot}站的公交车间隔太长，早高峰要等四十分钟，建议调整线路。`,
      (f) => `新建的小区附近没有公交站，到${f.spot}得走二十多分钟。`,
    ],
  },
  {
    key: 'school-traffic',
    category: 'transport',
    texts: [
      (f) => `${f.spot}门口上下学时段车辆乱停，交通拥堵严重，建议设置临时停车区和护学岗。`,
      (f) => `学校门口${f.street}没有斑马线和减速带，孩子过马路太危险。`,
    ],
  },
  {
    key: 'elevator',
    category: 'livelihood',
    texts: [
      (f) => `${f.spot}是九十年代的老楼，住着很多老人，想加装电梯，不知道该找哪个部门，补贴政策怎么申请？`,
      (f) => `我们单元已经有八成住户同意加装电梯，但审批手续一直没办下来，已经拖了${f.dur}。`,
      () => '老旧小区加装电梯的费用怎么分摊，一楼住户不同意怎么办？希望出台具体办法。',
    ],
  },
  {
    key: 'heating',
    category: 'livelihood',
    texts: [
      (f) => `${f.spot}今年供暖温度只有十五六度，家里有八十多岁的老人，实在太冷了。`,
      () => '交了取暖费，暖气片却是凉的，找供热公司好几次都说在排查。',
    ],
  },
  {
    key: 'water',
    category: 'livelihood',
    texts: [
      (f) => `${f.spot}自来水水压太低，五楼以上白天基本没水，已经${f.dur}了。`,
      (f) => `${f.village}的自来水发黄有异味，烧开后有水垢，担心影响身体健康。`,
      (f) => `${f.street}一带经常不打招呼就停水，希望提前通知。`,
    ],
  },
  {
    key: 'garbage',
    category: 'environment',
    texts: [
      (f) => `${f.village}村口的垃圾池好几天才清运一次，夏天臭味很大，蚊蝇很多。`,
      (f) => `${f.spot}的垃圾桶满了没人收，垃圾堆到了路边。`,
    ],
  },
  {
    key: 'noise',
    category: 'environment',
    texts: [
      (f) => `${f.street}旁边的工地夜里十二点还在施工，噪音大得没法睡觉。`,
      () => '小区楼下的烧烤摊每天营业到后半夜，油烟和吵闹声严重扰民。',
    ],
  },
  {
    key: 'river',
    category: 'environment',
    texts: [
      (f) => `滏阳河${f.village}段河面漂着垃圾，岸边有人倾倒建筑垃圾。`,
      (f) => `${f.spot}附近的排水渠发黑发臭，希望尽快治理。`,
    ],
  },
  {
    key: 'fur-sewage',
    category: 'environment',
    texts: [
      (f) => `大营镇有的皮毛加工小作坊夜里偷排污水，${f.village}附近的沟渠都变了颜色，气味刺鼻。`,
      (f) => `${f.spot}周边皮毛鞣制的异味越来越重，晚上关着窗户都能闻到。`,
      () => '大营镇皮毛作坊的废水直接排进排水沟，希望环保部门来查一查。',
    ],
  },
  {
    key: 'elderly-meals',
    category: 'livelihood',
    texts: [
      (f) => `${f.spot}没有老年食堂，很多独居老人一日三餐都凑合，希望开办社区助餐点。`,
      (f) => `${f.village}留守老人多，村里的幸福院建好后一直没开，能不能用起来？`,
      (f) => `社区养老服务中心的床位太少，排队要等${f.dur}，希望扩大规模。`,
    ],
  },
  {
    key: 'elderly-allowance',
    category: 'livelihood',
    texts: [
      (f) => `我父亲今年满八十岁了，高龄津贴申请交上去${f.dur}还没发，去问也说不清楚。`,
      () => '老年人办理优待证需要本人到场，卧床的老人怎么办？能否上门办理？',
    ],
  },
  {
    key: 'clinic',
    category: 'health',
    texts: [
      (f) => `${f.village}卫生室的医生年纪大了，常用药也不全，看个感冒都得跑到县里。`,
      (f) => `${f.spot}挂专家号太难，网上放号几秒钟就没了，希望增加号源。`,
      () => '异地就医备案手续复杂，在外地住院报销要来回跑好几趟，希望简化流程。',
    ],
  },
  {
    key: 'kindergarten',
    category: 'education',
    texts: [
      (f) => `${f.street}附近新建了好几个小区，却只有一所公办幼儿园，入园太难。`,
      () => '普惠性幼儿园名额太少，私立幼儿园一个月两千多，家里负担很重。',
    ],
  },
  {
    key: 'after-school',
    category: 'education',
    texts: [
      (f) => `${f.spot}的课后服务只到五点，家长下班都六点了，孩子没人接，希望延长时间。`,
      (f) => `${f.village}小学只剩三四位老师，一位老师教好几门课，孩子们的英语课经常停。`,
      () => '学区划分每年都变，买房时是这个学校，孩子上学时又划走了，希望提前公布规则。',
    ],
  },
  {
    key: 'wage',
    category: 'employment',
    texts: [
      (f) => `我在${f.street}一处工地干了${f.dur}，包工头一直拖着不给工资，二十多个工友都没拿到钱。`,
      () => '灵活就业人员缴纳社保的手续太麻烦，网上办理总是提示失败。',
      () => '孩子大学毕业回衡水找工作，不知道有哪些岗位和补贴政策，希望多办招聘会。',
    ],
  },
  {
    key: 'irrigation',
    category: 'agriculture',
    texts: [
      (f) => `${f.village}的机井坏了${f.dur}，眼看就要浇冬小麦了，村民很着急。`,
      (f) => `${f.village}的高标准农田项目修了一半就停了，田间路挖开了也没人管。`,
    ],
  },
  {
    key: 'peach-sales',
    category: 'agriculture',
    texts: [
      (f) => `今年深州蜜桃丰收了，可收购价太低，${f.village}不少桃农的桃子烂在地里，希望帮忙拓宽销路。`,
      (f) => `${f.spot}附近卖蜜桃的冷库不够用，桃子放不住，只能贱卖。`,
      () => '想在网上直播卖深州蜜桃，但不懂怎么开店、怎么发冷链快递，希望有人培训指导。',
    ],
  },
  {
    key: 'business',
    category: 'business',
    texts: [
      () => '开个小超市办营业执照和食品经营许可，跑了好几个窗口，希望一次办好。',
      (f) => `我们是${f.spot}附近的小微企业，申请创业担保贷款材料交了${f.dur}还没有回音。`,
      () => '企业用电报装等了两个多月，耽误了生产，希望压缩办理时间。',
    ],
  },
  {
    key: 'parking',
    category: 'governance',
    texts: [
      (f) => `${f.spot}停车位太少，车都停到了消防通道上，出了事消防车根本进不来。`,
      (f) => `${f.street}人行道被商户占用摆摊，行人只能走机动车道。`,
    ],
  },
  {
    key: 'property',
    category: 'governance',
    texts: [
      (f) => `${f.spot}的物业只收费不服务，楼道灯坏了几个月没人修，业主想换物业不知道怎么办。`,
      (f) => `${f.village}的村务公开栏很久没更新了，村里的账目村民看不到。`,
    ],
  },
];

/** Topics by key, for the clusters the demo concentrates in one place. */
export const topicByKey = new Map(topics.map((t) => [t.key, t]));

/** A text of the topic at a place of the region, varied by the generator. */
export function concernText(rand: Rand, regionCode: string, topic: Topic): { text: string; place: string } {
  const pick = pickOf(rand);
  const p = placesByRegion[regionCode] ?? placesByRegion['131100']!;
  const fill: Fill = {
    street: pick(p.streets),
    village: pick(p.villages),
    spot: pick(p.spots),
    dur: pick(durations),
    pick,
  };
  const body = pick(topic.texts)(fill);
  const plea = pick(pleas);
  const place = body.includes(fill.village)
    ? fill.village
    : body.includes(fill.spot)
      ? fill.spot
      : fill.street;
  return { text: plea ? `${body}${plea}` : body, place };
}

/** Handlers' answers, by how the matter ended. */
export const replies = {
  done: [
    '经与相关部门沟通，问题已经解决，感谢您的反映。',
    '已协调主管部门现场查看，并于本周完成整改，欢迎继续监督。',
    '已将情况转给主管部门，对方已安排专人处理，目前已处理完毕。',
  ],
  explained: [
    '已向主管部门了解，该事项已纳入明年计划，届时会统一实施，请您理解。',
    '经核实，相关政策规定如下，可携带材料到政务服务中心窗口办理，工作人员会一对一指导。',
  ],
  again: ['再次协调后，主管部门已安排复查，并承诺在月底前彻底解决。'],
};
export const askTexts = [
  '请补充具体位置（门牌号或附近标志物），方便现场核实。',
  '请补充现场照片或相关证明材料。',
];
export const infoTexts = ['具体在小区北门往东五十米，电线杆上有编号。', '已经拍了照片，情况和上次说的一样。'];
export const ratingComments = [
  '办得很快，谢谢委员！',
  '问题解决了，很满意。',
  '答复了，但还没完全解决。',
  '',
];
