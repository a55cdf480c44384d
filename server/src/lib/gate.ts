// Lets at most `atOnce` calls run together; the others wait their turn in arrival order.
//
// Why: a burst of citizens' submissions (a QR-code campaign, a reception day) would otherwise
// all run at once and share the CPU and the database pool, so every one of them is slow and
// the unlucky ones very slow. In turn, each runs at full speed and the wait is about the same
// for everyone. A call that would wait past `maxWaitMs`, or find `maxWaiting` already in
// line, is refused at once (the caller answers "busy, retry in a moment"): under a flood the
// line stays short and nothing piles up in memory.

export class GateBusy extends Error {
  constructor() {
    super('too many calls waiting');
  }
}

export type Gate = {
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

export function gate(o: { atOnce: number; maxWaiting: number; maxWaitMs: number }): Gate {
  let running = 0;
  const line: { since: number; go: () => void }[] = [];
  const release = () => {
    const next = line.shift();
    if (next)
      next.go(); // the slot passes straight to the next in line
    else running--;
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (running < o.atOnce) running++;
      else {
        if (line.length >= o.maxWaiting) throw new GateBusy();
        const since = performance.now();
        await new Promise<void>((go) => line.push({ since, go }));
        if (performance.now() - since > o.maxWaitMs) {
          release();
          throw new GateBusy();
        }
      }
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
  };
}
