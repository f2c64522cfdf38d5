import { getLogger } from '../src/logging';
import type { LogEntry } from '../src/remediation/ports';

/**
 * The bot's one log format: a JSON object per line with `level`, `event` and plain fields (ids,
 * codes, words; never a secret, a card or a paste). Everything the bot logs goes through here, to
 * the structured logger (src/logging: redaction, correlation id, level by configuration).
 */
export function writeLog(entry: LogEntry & { source?: string }): void {
  const { level, event, source, ...fields } = entry;
  getLogger(source ?? 'bot')[level](event, fields);
}

/** For parts that log a plain line: the line becomes the `message` of an entry in this format. */
export function lineLog(source: string, level: LogEntry['level']): (line: string) => void {
  return (line) => writeLog({ source, level, event: `${source}.note`, message: line });
}

/** A Logger that tags each entry with where it came from (remediation, announcements, ...). */
export function sourceLog(source: string): (entry: LogEntry) => void {
  return (entry) => writeLog({ source, ...entry });
}
