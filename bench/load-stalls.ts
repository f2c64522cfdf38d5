/**
 * Moments this process's event loop could not run a 10 ms timer for more than 50 ms (wall
 * clock, ms since 1970, and how long): to tell a stall of the bot from one elsewhere.
 */
export function watchStalls(): Array<{ at: number; ms: number }> {
  const found: Array<{ at: number; ms: number }> = [];
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 60) found.push({ at: Date.now(), ms: Math.round(now - last - 10) });
    last = now;
  }, 10).unref();
  return found;
}
