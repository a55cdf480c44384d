// Quality of a grouping against labels, the measures the issue names: pairwise precision,
// recall and F1 (over all pairs of concerns), and B-cubed (per concern, then averaged), which
// does not let one huge topic dominate the score the way pair counts do.

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function buckets(labels: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, label] of labels) {
    const list = out.get(label);
    if (list) list.push(id);
    else out.set(label, [id]);
  }
  return out;
}

/** `predicted` and `truth` map the same concern ids to a group and to a topic. */
export function pairwiseScores(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): Scores {
  let together = 0; // pairs in one predicted group
  let correct = 0; // … that share a topic
  for (const members of buckets(predicted).values()) {
    together += (members.length * (members.length - 1)) / 2;
    const byTopic = new Map<string, number>();
    for (const m of members) byTopic.set(truth.get(m) ?? '', (byTopic.get(truth.get(m) ?? '') ?? 0) + 1);
    for (const n of byTopic.values()) correct += (n * (n - 1)) / 2;
  }
  let same = 0; // pairs sharing a topic
  for (const members of buckets(truth).values()) same += (members.length * (members.length - 1)) / 2;
  const precision = together > 0 ? correct / together : 1;
  const recall = same > 0 ? correct / same : 1;
  return { precision, recall, f1: f1(precision, recall) };
}

export function bcubedScores(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): Scores {
  const groups = buckets(predicted);
  const topics = buckets(truth);
  let precision = 0;
  let recall = 0;
  for (const [id, group] of predicted) {
    const topic = truth.get(id);
    const inGroup = groups.get(group) ?? [];
    const shared = inGroup.filter((m) => truth.get(m) === topic).length;
    precision += shared / inGroup.length;
    recall += shared / (topics.get(topic ?? '')?.length ?? 1);
  }
  const n = predicted.size || 1;
  precision /= n;
  recall /= n;
  return { precision, recall, f1: f1(precision, recall) };
}
