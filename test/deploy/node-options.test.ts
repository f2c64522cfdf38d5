import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { botNodeFlags } from '../../bench/load-children';

/**
 * The image runs the bot with young-generation semi-spaces of 32 MB (Dockerfile NODE_OPTIONS),
 * and bench:load measures both of its bots with the same options unless told otherwise.
 */
describe('the Node options the bot runs with', () => {
  it('are the Dockerfile’s, for both bots of bench:load', () => {
    assert.deepEqual(botNodeFlags({}), ['--max-semi-space-size=32']);
  });

  it('can be replaced or turned off for a bench run', () => {
    assert.deepEqual(botNodeFlags({ BENCH_NODE_FLAGS: '--a  --b' }), ['--a', '--b']);
    assert.deepEqual(botNodeFlags({ BENCH_NODE_FLAGS: 'none' }), []);
    const plain = 'FROM node:20\nENV NODE_ENV=production\n';
    assert.deepEqual(botNodeFlags({}, plain), []);
    const several = 'ENV PORT=1 \\\n    NODE_OPTIONS=--x=1 \\\n    OTHER=2\n';
    assert.deepEqual(botNodeFlags({}, several), ['--x=1']);
  });

  it('are accepted by Node in NODE_OPTIONS (it refuses to start on one it does not allow there)', () => {
    const [flag] = botNodeFlags({});
    const result = spawnSync(process.execPath, ['-e', 'process.exit(0)'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NODE_OPTIONS: flag },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
  });
});
