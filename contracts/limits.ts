// Field limits and the password rule, shared by forms and server. No zod here: the console's
// login page imports these, and zod (with the schemas built at import) would come along.
export const limits = {
  personName: 50,
  name: 100,
  workUnitPost: 200,
  shortText: 50,
  reason: 500,
  username: 64,
  password: 128,
  query: 100,
  pageSizeMax: 200,
  /** Member accounts made in one batch (each password is hashed: ~30 ms apiece). */
  accountBatch: 500,
} as const;

// 等保 2.0 level 3: at least 8 characters from at least 3 of the 4 classes.
export function passwordStrongEnough(pw: string): boolean {
  if (pw.length < 8) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return classes >= 3;
}
