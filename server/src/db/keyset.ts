// A batch of rows by id: the given ids, or the next `limit` after `after` in id order (how the
// search index is rebuilt without one huge read). Shared by the owners that publish rows.

export type Keyset = { ids?: string[]; after?: string; limit?: number };

/** ` where …` (or '') and the order/limit tail for `idCol`, pushing its values onto `params`. */
export function keysetWhere(f: Keyset, idCol: string, params: unknown[]): string {
  const w: string[] = [];
  if (f.ids) w.push(`${idCol} = any($${params.push(f.ids)}::uuid[])`);
  if (f.after) w.push(`${idCol} > $${params.push(f.after)}`);
  const tail = f.limit ? ` order by ${idCol} limit $${params.push(f.limit)}` : '';
  return `${w.length ? ` where ${w.join(' and ')}` : ''}${tail}`;
}
