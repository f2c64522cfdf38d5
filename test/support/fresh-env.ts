/**
 * The environment of a fresh shell for a child process under test: none of the bot's variables,
 * only PATH and HOME, plus `extra`. When the test run itself moves the clock (Debian's faketime
 * preloads a library and reads FAKETIME*), the child keeps the same clock, as it would in the shell
 * that ran `faketime ... npm test`.
 */
export function freshShellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'LD_PRELOAD' || name.startsWith('FAKETIME')) env[name] = value;
  }
  return { ...env, ...extra };
}
