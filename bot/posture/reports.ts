import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { reportCardData, reportTemplate } from '../../cards/reports/report';
import type { Clock, RecordStore } from '../../src/ports';
import { systemClock } from '../../src/ports';
import { ExclusionSchedule } from '../../src/remediation/exclusions';
import {
  exclusionsReport,
  guestsReport,
  riskyUsersReport,
  staleAppsReport,
} from '../../src/reports/build';
import { parseReportCommand } from '../../src/reports/command';
import { reportCsv } from '../../src/reports/csv';
import type { ReportReader } from '../../src/reports/reads';
import type { Report } from '../../src/reports/types';
import { cardActivity } from '../cards';
import { requireHelpdeskOrAdmin, type AdminAccess } from './access';

export interface ReportBotDeps extends AdminAccess {
  reader: ReportReader;
  records: RecordStore;
  clock?: Clock;
}

/** Largest CSV piece per message, well under the Teams message size limit. */
const CSV_CHUNK_CHARS = 20_000;
/** Later than any scheduled exclusion: lists every exclusion the bot holds. */
const END_OF_TIME = new Date(8.64e15);

async function build(deps: ReportBotDeps, text: string, now: Date): Promise<Report | string> {
  const command = parseReportCommand(text);
  if (!command.ok) return command.message;
  switch (command.kind) {
    case 'stale-apps':
      return staleAppsReport(deps.reader, command.days, now);
    case 'guests':
      return guestsReport(deps.reader, command.days, now);
    case 'risky-users':
      return riskyUsersReport(deps.reader, now);
    case 'exclusions': {
      const scheduled = await new ExclusionSchedule(deps.records).due(END_OF_TIME);
      return exclusionsReport(
        deps.reader,
        scheduled.map(({ exclusion }) => exclusion),
        now,
      );
    }
  }
}

/**
 * The CSV goes as Markdown code blocks after the card: the Agents Playground drops the
 * contentUrl of file attachments and has no file-consent flow, so a code block is the form that
 * arrives intact in both Teams and the Playground (copy it, or save it as the named file).
 */
async function sendCsv(context: TurnContext, report: Report): Promise<void> {
  const csv = reportCsv(report.columns, report.rows);
  for (let i = 0; i < csv.length; i += CSV_CHUNK_CHARS) {
    const part = csv.slice(i, i + CSV_CHUNK_CHARS);
    const label = i === 0 ? `**${report.fileName}**\n\n` : '';
    await context.sendActivity({
      type: 'message',
      textFormat: 'markdown',
      text: `${label}\`\`\`\n${part}\n\`\`\``,
    });
  }
}

/** Runs `report ...` for the sender, as typed or as sent by an answer card's button. */
export async function runReportCommand(
  context: TurnContext,
  deps: ReportBotDeps,
  text: string,
): Promise<void> {
  const clock = deps.clock ?? systemClock;
  await requireHelpdeskOrAdmin(context, deps, 'reports');
  const result = await build(deps, text, clock.now());
  if (typeof result === 'string') {
    await context.sendActivity({ type: 'message', textFormat: 'markdown', text: result });
    return;
  }
  await context.sendActivity(cardActivity(reportTemplate, reportCardData(result)));
  if (result.rows.length > 0) await sendCsv(context, result);
}

export const REPORT_COMMAND =
  /^\s*(reports?\s*$|report\s+(stale-apps|apps|guests|risky-users|risky|exclusions)\b)/i;

export function registerReportRoutes(app: Application<TurnState>, deps: ReportBotDeps): void {
  // Only "report" alone or followed by a report's name: "report my account is locked" is a
  // sign-in problem for triage, not a command.
  app.message(REPORT_COMMAND, async (context) =>
    runReportCommand(context, deps, context.activity.text ?? ''),
  );
}
