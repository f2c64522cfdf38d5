// mocha settings. HELPDESK_SKIP_BROWSER=1 leaves out the suites tagged @browser (they need
// Debian's Chromium; `npm test` installs it when it can, see scripts/ensure-chromium.mjs).
const skipBrowser = process.env.HELPDESK_SKIP_BROWSER === '1';

module.exports = {
  // quiet-logs: the app's JSON log lines start silent in tests (test/support/log-capture.ts).
  require: ['tsx/cjs', './bot/known-warnings.ts', './test/support/quiet-logs.ts'],
  extension: ['ts'],
  timeout: 20000,
  reporter: 'spec',
  exit: true,
  ...(skipBrowser ? { grep: '@browser', invert: true } : {}),
};
