// Lets at most `atOnce` calls run together; the others wait their turn in arrival order.
//
// Why: a burst of citizens' submissions (a QR-code campaign, a reception day) would otherwise
// all run at once and share the CPU and the database pool, so every one of them is slow and
// the unlucky ones very slow. In turn, each runs at full speed and the wait is about the same
// for everyone. A call that finds `maxWaiting` already in line is refused at once, and one
// that has waited `maxWaitMs` leaves the line refused (the caller answers "busy, retry in a
// moment"): under a flood the line stays short and nothing piles up in memory.

export class GateBusy extends Error {
  constructor() {
    super('too many calls waiting');
  }
}

export type Gate = {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Waits for a slot (or throws GateBusy) and gives the function that hands it back (once). */
  enter(): Promise<() => void>;
  readonly running: number;
  readonly waiting: number;
};

export function gate(o: { atOnce: number; maxWaiting: number; maxWaitMs: number }): Gate {
  let running = 0;
  const line: (() => void)[] = [];
  const release = () => {
    const next = line.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else running--;
  };
  // Resolves when the slot is this call's; refused when it has waited maxWaitMs, leaving the line.
  const turn = () =>
    new Promise<void>((go, refuse) => {
      const take = () => {
        clearTimeout(timer);
        go();
      };
      const timer = setTimeout(() => {
        line.splice(line.indexOf(take), 1);
        refuse(new GateBusy());
      }, o.maxWaitMs);
      timer.unref();
      line.push(take);
    });
  const enter = async () => {
    if (running < o.atOnce) running++;
    else if (line.length >= o.maxWaiting) throw new GateBusy();
    else await turn();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      release();
    };
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      const leave = await enter();
      try {
        return await fn();
      } finally {
        leave();
      }
    },
    enter,
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
  };
}
