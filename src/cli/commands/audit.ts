import * as path from 'node:path';
import { TableAuditLog } from '../../audit/audit-log';
import { ConfigError, parseConfig, type AppConfig } from '../../config';
import { LOCAL_TENANT } from '../../sandbox/local-tenant';
import { AppError } from '../../errors';
import { createCredential } from '../../graph/credential';
import { createStorage } from '../../storage/create-storage';
import { openLocalStorage } from '../../storage/local-endpoints';
import { EXIT, type Command } from '../command';
import { auditToCsv, auditToText, parseSince } from '../../audit/export';
import { namesRequest } from '../../request-reference';
import type { Clock, RecordStore } from '../../ports';
import { systemClock } from '../../ports';

/**
 * `helpdesk audit [--since 7d] [--csv] [--limit N]`: the remediation audit trail from the same
 * store the bot writes to. Read-only. Returns the process exit code (0 ok, 2 usage error).
 */

export interface AuditCommandDeps {
  /** The RecordStore the bot uses (same tables, same prefix). */
  records: RecordStore;
  clock?: Clock;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const AUDIT_USAGE = [
  'Usage: helpdesk audit [--since <period>] [--request <reference>] [--csv] [--limit <n>]',
  '',
  '  --since <period>  how far back: 30m, 12h, 7d (default), 2w, or a date like 2026-11-01',
  '  --request <ref>   only this request: its reference as people quote it (RQ-3F9A1C,',
  '                    HD-3F9A1C) or its whole id',
  '  --csv             write CSV (for a spreadsheet) instead of a table',
  '  --limit <n>       at most n entries, oldest first (default 10000)',
  '',
].join('\n');

interface AuditArgs {
  since: string;
  request?: string;
  csv: boolean;
  limit: number;
}

function parseArgs(args: readonly string[]): AuditArgs | string {
  const parsed: AuditArgs = { since: '7d', csv: false, limit: 10_000 };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '--since': {
        const since = value();
        if (!since) return '--since needs a period, e.g. 7d';
        parsed.since = since;
        break;
      }
      case '--request': {
        const request = value()?.trim();
        if (!request) return '--request needs a reference, e.g. RQ-3F9A1C';
        parsed.request = request;
        break;
      }
      case '--csv':
        parsed.csv = true;
        break;
      case '--limit': {
        const limit = Number(value());
        if (!Number.isInteger(limit) || limit < 1) return '--limit needs a whole number above 0';
        parsed.limit = limit;
        break;
      }
      default:
        return `unknown option "${arg}"`;
    }
  }
  return parsed;
}

export async function runAuditCommand(
  args: readonly string[],
  deps: AuditCommandDeps,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    deps.stdout(AUDIT_USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    deps.stderr(`helpdesk audit: ${parsed}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  const clock = deps.clock ?? systemClock;
  const since = parseSince(parsed.since, clock.now());
  if (!since) {
    deps.stderr(
      `helpdesk audit: --since: expected a period like 7d or a date like 2026-11-01, got "${parsed.since}"\n`,
    );
    return 2;
  }
  const log = new TableAuditLog(deps.records, clock);
  const { request } = parsed;
  const entries = await log.since(since, {
    limit: parsed.limit,
    where: request
      ? (entry) => entry.requestId !== undefined && namesRequest(entry.requestId, request)
      : undefined,
  });
  deps.stdout(parsed.csv ? auditToCsv(entries) : auditToText(entries));
  return 0;
}

/**
 * `helpdesk audit` as a command-line command: opens the same store the bot uses, configured the
 * same way (production variables, or local mode's Azurite under the local data folder).
 */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'Print the remediation audit trail (--since 7d, --request RQ-3F9A1C, --csv)',
  usage: AUDIT_USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(AUDIT_USAGE);
      return EXIT.ok;
    }
    let config: AppConfig;
    try {
      config = parseConfig(io.env ?? {}, LOCAL_TENANT);
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr.write(`helpdesk audit: ${error.message}\n`);
        return EXIT.failed;
      }
      throw error;
    }
    const opened = await openStore(config);
    try {
      return await runAuditCommand(args, {
        records: opened.records,
        stdout: (text) => io.stdout.write(text),
        stderr: (text) => io.stderr.write(text),
      });
    } catch (error) {
      const message = error instanceof AppError ? error.userMessage : String(error);
      io.stderr.write(`helpdesk audit: ${message}\n`);
      return EXIT.failed;
    } finally {
      await opened.close();
    }
  },
};

async function openStore(
  config: AppConfig,
): Promise<{ records: RecordStore; close(): Promise<void> }> {
  if (config.storage.kind === 'local-azurite') {
    const local = await openLocalStorage(path.resolve(config.storage.dataDir, 'azurite'));
    const storage = createStorage({ connectionString: local.connectionString });
    return { records: storage.records, close: () => local.close() };
  }
  if (config.storage.kind === 'connection-string') {
    const storage = createStorage({ connectionString: config.storage.connectionString });
    return { records: storage.records, close: async () => undefined };
  }
  const storage = createStorage({
    accountUrl: config.storage.accountUrl,
    credential: createCredential(config.graph.credential),
  });
  return { records: storage.records, close: async () => undefined };
}
