/** Staff hear of a common issue once it has this many concerns… */
export const notifyAtCount = 5;
/** …or comes through this many studios. */
export const notifyAtStudios = 3;

/** "Past the notice threshold" on `i` (common_issues), for the list's `grown` filter and the workbench. */
export const grownSql = (i = 'i') =>
  `(${i}.concern_count >= ${notifyAtCount} or ${i}.studio_count >= ${notifyAtStudios})`;
