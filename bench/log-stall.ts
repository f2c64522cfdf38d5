/**
 * What a slow reader of standard output does to the bot's event loop. A child process logs
 * turn-sized lines through the app's logger (src/logging) to a pipe whose reader stops for
 * 300 ms at a time, as a busy log collector does, and reports the longest time its event loop
 * could not run. `--sync` makes the child write synchronously, as the logger did before, for
 * comparison: a full pipe then made it sleep 100 ms at a time on the event loop.
 *
 *   tsx bench/log-stall.ts
 */
import { spawn } from 'node:child_process';
import pino from 'pino';
import { configureLogging, getLogger } from '../src/logging';

const SECONDS = 3;

function child(sync: boolean): void {
  if (sync) {
    configureLogging({ level: 'info', destination: pino.destination({ dest: 1, sync: true }) });
  }
  const log = getLogger('bench');
  let worst = 0;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  let lines = 0;
  // About 5,000 lines a second of 500 bytes: a busy bot's turn log.
  const writer = setInterval(() => {
    for (let i = 0; i < 50; i += 1) log.info('turn', { n: (lines += 1), text: 'x'.repeat(400) });
  }, 10);
  setTimeout(() => {
    clearInterval(writer);
    process.stderr.write(`@${JSON.stringify({ worstStallMs: Math.round(worst), lines })}\n`);
    process.exit(0);
  }, SECONDS * 1000);
}

async function run(sync: boolean): Promise<{ worstStallMs: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', __filename, '--child', ...(sync ? ['--sync'] : [])];
    const c = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let paused = false;
    const flip = setInterval(() => {
      paused = !paused;
      if (paused) c.stdout.pause();
      else c.stdout.resume();
    }, 300);
    c.stdout.on('data', () => undefined);
    let report = '';
    c.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
    c.on('exit', () => {
      clearInterval(flip);
      const line = report.split('\n').find((l) => l.startsWith('@'));
      if (line === undefined) reject(new Error(`child said: ${report}`));
      else resolve(JSON.parse(line.slice(1)) as { worstStallMs: number; lines: number });
    });
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child(process.argv.includes('--sync'));
  const app = await run(false);
  const sync = await run(true);
  process.stdout.write(
    `log to a pipe whose reader stops 300 ms at a time, ${SECONDS} s:\n` +
      `  the app's logger (asynchronous): longest event-loop stall ${app.worstStallMs} ms, ${app.lines} lines\n` +
      `  written synchronously:          longest event-loop stall ${sync.worstStallMs} ms, ${sync.lines} lines\n` +
      `${JSON.stringify({ bench: 'log-stall', asyncStallMs: app.worstStallMs, syncStallMs: sync.worstStallMs })}\n`,
  );
}

void main();
