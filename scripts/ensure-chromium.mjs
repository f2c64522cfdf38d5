#!/usr/bin/env node
// Part of `npm test`: the browser suites drive Debian's Chromium (never a downloaded browser).
// When it is missing, install it where this machine allows (root with apt-get), otherwise say in
// one line what to run, so a missing browser never shows up as a failing product test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const HOW =
  'run "sudo apt-get install -y chromium", or "HELPDESK_SKIP_BROWSER=1 npm test" to run the rest';

if (process.env.HELPDESK_SKIP_BROWSER === '1') {
  console.log('Browser suites skipped (HELPDESK_SKIP_BROWSER=1).');
  process.exit(0);
}
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(`The browser tests need Chromium at ${CHROMIUM}: ${HOW}.`);
  process.exit(1);
}

console.log("Chromium is missing: installing Debian's chromium package for the browser tests...");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', 'chromium'],
]) {
  const result = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) {
    const why =
      String(result.stderr ?? '')
        .trim()
        .split('\n')
        .pop() ?? '';
    console.error(`Could not install Chromium (apt-get ${args[0]}: ${why}): ${HOW}.`);
    process.exit(1);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing: ${HOW}.`);
  process.exit(1);
}
console.log('Chromium installed.');
