/**
 * The large case in a scaled simulation: the real rate limiter and throttle governor
 * (src/announcements) pacing 200,000 sends at 50/s on a fake clock (sinon), against a model of
 * Teams that counts requests in a sliding second and answers a share of them 429 (Retry-After
 * 1 s) or 5xx. Storage is left out (docs/announcements-scale.md counts it on paper); this shows
 * how much of the budget the pacing itself uses over a 70-minute run, in a minute or two.
 *
 *   tsx bench/announce-model.ts [--recipients 200000] [--rate 50] [--lanes 16] [--faults 0.06]
 */
import sinon from 'sinon';
import { DeliveryLimiter } from '../src/announcements/delivery-limiter';
import { ThrottleGovernor } from '../src/announcements/throttle-governor';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name}: expected a number`);
  return value;
}

async function main(): Promise<void> {
  const recipients = arg('recipients', 200_000);
  const rate = arg('rate', 50);
  const lanes = arg('lanes', 16);
  const faults = arg('faults', 0.06);
  const clock = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const limiter = new DeliveryLimiter({
    ratePerSecond: rate,
    governor: new ThrottleGovernor({ random }),
    now: () => Date.now(),
  });
  const window: number[] = [];
  let counted = 0;
  let overLimit = 0;
  let delivered = 0;
  let next = 0;
  const retries: number[] = [];
  const lane = async (): Promise<void> => {
    for (;;) {
      const recipient = retries.length > 0 ? retries.shift()! : next < recipients ? next++ : -1;
      if (recipient < 0) {
        if (delivered >= recipients) return;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      await limiter.acquire(`conv:${recipient}`);
      const now = Date.now();
      while (window.length > 0 && window[0] <= now - 1000) window.shift();
      if (window.length >= rate) {
        overLimit += 1;
        limiter.governor.recordThrottled(now, 1000);
        setTimeout(() => retries.push(recipient), 1000);
        continue;
      }
      window.push(now);
      counted += 1;
      if (random() < faults) {
        limiter.governor.recordThrottled(now, 1000);
        limiter.blockConversation(`conv:${recipient}`, now + 1000);
        setTimeout(() => retries.push(recipient), 1000 + random() * 250);
        continue;
      }
      limiter.governor.recordSuccess();
      delivered += 1;
    }
  };
  const started = Date.now();
  const running = Promise.all(Array.from({ length: lanes }, lane));
  while (delivered < recipients) await clock.tickAsync(1_000);
  await clock.tickAsync(100);
  await running;
  const seconds = (Date.now() - started) / 1000;
  clock.restore();
  const result = {
    bench: 'announce-model',
    recipients,
    ratePerSecond: rate,
    faults,
    simulatedSeconds: Math.round(seconds),
    budgetFraction: Math.round((counted / (rate * seconds)) * 1000) / 1000,
    allowedRateFraction: Math.round((delivered / (rate * seconds)) * 1000) / 1000,
    overLimit,
  };
  process.stdout.write(
    `${recipients} sends at ${rate}/s with ${faults * 100}% faults: ${(seconds / 60).toFixed(1)} simulated minutes, budget used ${result.budgetFraction}, delivered ${result.allowedRateFraction} of the allowed rate, ${overLimit} over the app rate\n${JSON.stringify(result)}\n`,
  );
}

void main();
