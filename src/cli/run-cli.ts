import { EXIT, writeLine, type CliIo, type Command } from './command';
import { COMMANDS } from './commands';

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: helpdesk <command> [arguments]\n\nCommands:\n${list}\n\nRun "helpdesk <command> --help" for a command's options.`;
}

/**
 * Dispatches `helpdesk <command> ...` to its command and resolves to the exit code: the
 * command's own, 0 for --help, 2 (with the usage on stderr) for a missing or unknown command.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    await writeLine(io.stdout, usage(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    const problem = name === undefined ? 'no command given' : `unknown command "${name}"`;
    await writeLine(io.stderr, `helpdesk: ${problem}\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  return command.run(args, io);
}
