import type { RoutingReason, Scored } from '../../../../contracts/routing.ts';

// A routing suggestion's reasons in the console's language: each reason's kind, and what it
// rests on, worded here from its code and names (a stored reason without a code keeps the
// Chinese words it came with). Punctuation comes from the catalogue: （；） in Chinese, (; ) in English.

type T = (key: string, options?: Record<string, unknown>) => string;

function about(r: RoutingReason, t: T): string | undefined {
  if (!r.why) return r.detail;
  const args = r.why.args ?? {};
  const category =
    typeof args.category === 'string' ? t(`concerns.categoryValue.${args.category}`) : undefined;
  return t(`routing.why.${r.why.code}`, { ...args, ...(category ? { category } : {}) });
}

export function reasonsText(x: Pick<Scored, 'reasons'>, t: T): string {
  return x.reasons
    .map((r) => {
      const text = t(`routing.reasonValue.${r.kind}`);
      const note = about(r, t);
      return note ? t('common.withNote', { text, note }) : text;
    })
    .join(t('common.listSep'));
}
