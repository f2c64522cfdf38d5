import { Writable } from 'node:stream';
import { configureLogging, type LogLevel } from '../../src/logging';

export interface LogCapture {
  /** Every line written so far, as written (JSON text). */
  lines: string[];
  /** Parsed lines. */
  records(): Record<string, unknown>[];
  /** Back to silence (the suite's default). */
  stop(): void;
}

/** Sends the app's log lines into memory, at `level`, until stop(). */
export function captureLogs(level: LogLevel = 'debug'): LogCapture {
  const lines: string[] = [];
  let pending = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      let at = pending.indexOf('\n');
      while (at >= 0) {
        lines.push(pending.slice(0, at));
        pending = pending.slice(at + 1);
        at = pending.indexOf('\n');
      }
      done();
    },
  });
  configureLogging({ level, destination });
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => configureLogging({ level: 'silent' }),
  };
}
