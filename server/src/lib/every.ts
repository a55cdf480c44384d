// A background loop: `work` every `intervalMs`, never two runs at once (a slow run makes the
// next tick skip), failures logged and retried at the next tick. The timer does not keep the
// process alive.
export function every(intervalMs: number, work: () => Promise<void>, onError: (err: unknown) => void) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
