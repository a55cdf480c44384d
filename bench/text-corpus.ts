// A deterministic synthetic corpus for the throughput benchmark: labelled texts recombined and
// perturbed with a seeded PRNG, so 1,000,000 concerns read like citizens' texts (the same
// vocabulary, typos, places, numbers) without a million hand-written lines.
import type { ConcernText } from '../server/src/modules/text/grouping.ts';
import type { Labelled } from '../server/src/modules/text/evaluation.ts';
import { prng } from '../server/src/lib/prng.ts';

const nameChars = [...'东西南北新富康安和平兴华丰泰盛祥福瑞金银龙凤桃李杨柳王张刘赵周吴郑孙马高林何罗'];
const kinds = ['村', '小区', '社区', '家园', '路', '镇'];
const fillers = ['', '', '麻烦领导看看', '都好几个月了', '希望尽快解决', '已经打过12345', '谢谢委员', '急！'];

/** A synthetic concern and the group its generator meant: its topic at its place's name. */
export interface SyntheticConcern extends ConcernText {
  group: string;
}

/** An endless stream of synthetic concerns; the same seed gives the same stream. */
export function* syntheticConcerns(set: readonly Labelled[], seed: number): Generator<SyntheticConcern> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const byTopic = new Map<string, Labelled[]>();
  for (const c of set) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const topics = [...byTopic.values()];
  for (let n = 0; ; n++) {
    const texts = pick(topics);
    const clauses = [pick(texts), pick(texts)]
      .flatMap((c) => c.text.split(/[，。！？,.!?\s]+/u))
      .filter(Boolean);
    const kept = clauses.filter(() => random() < 0.6);
    let text = (kept.length ? kept : clauses).join('，');
    if (random() < 0.3 && text.length > 4) {
      const at = Math.floor(random() * text.length); // a dropped or doubled character: a typo
      text =
        random() < 0.5
          ? text.slice(0, at) + text.slice(at + 1)
          : text.slice(0, at) + text.charAt(at) + text.slice(at);
    }
    const name = pick(nameChars) + pick(nameChars);
    const place = name + pick(kinds);
    const number = random() < 0.3 ? `${Math.floor(random() * 30) + 1}号楼` : '';
    const topic = texts[0]?.topic ?? '';
    yield { id: `s${n}`, text: `${place}${number}${text}${pick(fillers)}`, place, group: `${topic}@${name}` };
  }
}
