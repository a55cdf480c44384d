// What org reads of members: how many active seats a committee, sector or special committee
// has (shown beside each, and checked before one is retired).

type SeatColumn = 'committee_id' | 'sector_id' | 'special_committee_id';

/** The count of active seats whose columns equal the given SQL expressions, as an int scalar. */
export function activeSeatCountSql(match: Partial<Record<SeatColumn, string>>): string {
  const where = Object.entries(match).map(([column, value]) => ` and m.${column} = ${value}`);
  return `(select count(*) from memberships m where m.status = 'active'${where.join('')})::int`;
}
