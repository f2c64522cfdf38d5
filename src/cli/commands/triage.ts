import { createInterface } from 'node:readline';
import { MAX_PASTE_CHARS } from '../../triage/normalize';
import { triage } from '../../triage/triage';
import { EXIT, writeLine, type CliIo, type Command } from '../command';

const USAGE = `Usage:
  helpdesk triage "<pasted error>"   print what the error means, as JSON
  helpdesk triage < paste.txt        the same, reading the paste from standard input
  helpdesk triage --jsonl < in.jsonl read lines {"id": ..., "text": "..."} and write one line
                                     {"id","intent","code","codes","fields"} per input line`;

// Enough to let triage see that a paste was longer than it reads, without holding a huge one.
const STDIN_KEEP_CHARS = MAX_PASTE_CHARS + 1;

async function readPaste(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    if (text.length < STDIN_KEEP_CHARS) text += String(chunk);
  }
  return text;
}

type JsonlRecord = { id: unknown; text: string };

type JsonlError = { id: unknown; line: number; error: string };

function parseRecord(line: string, number: number): JsonlRecord | JsonlError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, line: number, error: `line ${number}: expected JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      id: null,
      line: number,
      error: `line ${number}: expected an object with a "text" string`,
    };
  }
  const record = value as Record<string, unknown>;
  const id = record.id ?? null;
  if (typeof record.text !== 'string') {
    return { id, line: number, error: `line ${number}: expected "text" to be a string` };
  }
  return { id, text: record.text };
}

/** One output line per non-blank input line; a bad line gets an error line and work goes on. */
async function triageLines(io: CliIo): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    const record = parseRecord(line, number);
    if ('error' in record) {
      await writeLine(io.stdout, JSON.stringify(record));
      continue;
    }
    const result = triage(record.text);
    const out = {
      id: record.id,
      intent: result.intent,
      code: result.code ?? null,
      codes: result.codes,
      fields: result.fields,
    };
    await writeLine(io.stdout, JSON.stringify(out));
  }
  return EXIT.ok;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    await writeLine(io.stdout, USAGE);
    return EXIT.ok;
  }
  const flags = args.filter((arg) => arg.startsWith('--'));
  const unknown = flags.filter((flag) => flag !== '--jsonl');
  if (unknown.length > 0) {
    await writeLine(io.stderr, `helpdesk triage: unknown option ${unknown[0]}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const words = args.filter((arg) => !arg.startsWith('--'));
  if (flags.includes('--jsonl')) {
    if (words.length > 0) {
      await writeLine(io.stderr, `helpdesk triage: --jsonl reads standard input only\n\n${USAGE}`);
      return EXIT.usage;
    }
    return triageLines(io);
  }
  if (words.length === 0 && io.stdin.isTTY === true) {
    await writeLine(
      io.stderr,
      `helpdesk triage: give the error as an argument or on standard input\n\n${USAGE}`,
    );
    return EXIT.usage;
  }
  const text = words.length > 0 ? words.join(' ') : await readPaste(io.stdin);
  await writeLine(io.stdout, JSON.stringify(triage(text), null, 2));
  return EXIT.ok;
}

export const triageCommand: Command = {
  name: 'triage',
  summary: 'explain a pasted Entra sign-in error (JSON out; --jsonl for batches)',
  usage: USAGE,
  run,
};
