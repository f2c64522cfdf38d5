import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { StopSignals } from '../../bot/stop-signals';

/** What `run` prints on stdout (the stop lines), kept out of the test output. */
async function captureStdout(run: () => Promise<unknown>): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let printed = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return printed;
}

describe('stopping on SIGINT or SIGTERM', () => {
  function setUp() {
    const exits: number[] = [];
    const stops: string[] = [];
    const signals = new StopSignals((code) => exits.push(code));
    const emitter = new EventEmitter();
    signals.listen(emitter);
    signals.stopWith(async () => {
      stops.push('stopped what had started');
    });
    return { signals, emitter, exits, stops };
  }

  it('keeps a signal that comes during start-up for the next step to see, then stops with 0', async () => {
    const { signals, emitter, exits, stops } = setUp();
    emitter.emit('SIGTERM');
    assert.equal(signals.asked, true);
    assert.deepEqual(stops, [], 'the step under way is not cut short');
    await captureStdout(() => signals.stop());
    assert.deepEqual(stops, ['stopped what had started']);
    assert.deepEqual(exits, [0]);
  });

  it('a signal kept from start-up stops once start-up ends; after it, at once; twice is once', async () => {
    const { signals, emitter, exits, stops } = setUp();
    const printed = await captureStdout(async () => {
      emitter.emit('SIGINT');
      signals.started();
      emitter.emit('SIGTERM');
      await signals.stop();
    });
    assert.deepEqual(stops, ['stopped what had started']);
    assert.deepEqual(exits, [0]);
    assert.match(printed, /^\nSIGINT: finishing in-flight messages, then stopping\.\nStopped\.\n$/);
  });

  it('after start-up a signal stops at once', async () => {
    const { signals, emitter, exits } = setUp();
    signals.started();
    assert.equal(signals.asked, false);
    await captureStdout(async () => {
      emitter.emit('SIGTERM');
      await signals.stop();
    });
    assert.deepEqual(exits, [0]);
  });

  it('a part that fails to stop: one line naming it, exit 1, no rejection left', async () => {
    const exits: number[] = [];
    const signals = new StopSignals((code) => exits.push(code));
    signals.stopWith(async () => {
      throw new Error('Azurite did not stop: port 10000 busy');
    });
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await captureStdout(() => signals.stop());
    } finally {
      process.stderr.write = write;
    }
    assert.deepEqual(exits, [1]);
    assert.deepEqual(errors, ['Could not stop cleanly: Azurite did not stop: port 10000 busy\n']);
  });
});
