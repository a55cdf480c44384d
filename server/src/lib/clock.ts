import { randomUUID } from 'node:crypto';

// Time and ids are injected so that tests of deadlines, lockouts and timeouts are exact.
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move. */
export function manualClock(start = new Date('2026-11-23T09:00:00+08:00')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}

export type Ids = { uuid(): string };
export const randomIds: Ids = { uuid: () => randomUUID() };

// Short public codes for QR links: no 0/O/1/I/L, so a code read aloud or typed is right.
const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function publicCode(length = 8): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => codeAlphabet[b % codeAlphabet.length]).join('');
}
