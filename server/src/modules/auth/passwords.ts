import argon2 from 'argon2';

// argon2id with the OWASP minimum (19 MiB, 2 passes): slow for a guesser, ~30 ms for us.
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (pw: string) => argon2.hash(pw, options);

export async function verifyPassword(hash: string, pw: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, pw);
  } catch {
    return false;
  }
}

// Verifying against a fixed hash when the user does not exist keeps the answer time the
// same, so response timing does not reveal which usernames exist.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(pw: string): Promise<void> {
  dummy ??= hashPassword('dummy-Password-1');
  await verifyPassword(await dummy, pw);
}
