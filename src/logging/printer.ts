/**
 * Output that is the program's product rather than a log: the start-up summary a person reads,
 * and the `helpdesk` CLI's results. Kept apart from the JSON logs on purpose.
 */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}
