/** The streams a command talks through; the process's own in production, fakes in tests. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The process environment, for commands that open the bot's store (see src/config.ts). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** One `helpdesk <name>` sub-command. */
export interface Command {
  name: string;
  /** One line for the command list in `helpdesk --help`. */
  summary: string;
  /** Full usage text for `helpdesk <name> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Writes one line and waits when the stream asks the writer to slow down. */
export function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(`${line}\n`)) resolve();
    else stream.once('drain', () => resolve());
  });
}
