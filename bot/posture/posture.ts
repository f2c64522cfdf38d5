import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import {
  postureCardData,
  postureChangesCardData,
  postureTemplate,
} from '../../cards/posture/posture';
import { render } from '../../cards';
import type { GraphTransport } from '../../src/graph/transport';
import type { PostureSettings } from '../../src/posture/config';
import { GraphPostureReader } from '../../src/posture/graph-reader';
import { PostureResultStore } from '../../src/posture/result-store';
import { runPosture } from '../../src/posture/run';
import { runScheduledPosture, type ScheduledOutcome } from '../../src/posture/schedule';
import type { Clock, RecordStore } from '../../src/ports';
import { systemClock } from '../../src/ports';
import { cardActivity } from '../cards';
import type { Notifier } from '../remediation';
import { GraphReportReader } from '../../src/reports/graph-reader';
import { requireHelpdeskOrAdmin, type AdminAccess } from './access';
import { registerAnswerRoutes } from './answers';
import { REPORT_COMMAND, registerReportRoutes, runReportCommand } from './reports';
import { getLogger } from '../../src/logging';

export interface PostureBotDeps extends AdminAccess {
  /** The one Graph transport (compose.ts). */
  graph: GraphTransport;
  records: RecordStore;
  settings: PostureSettings;
  /** The one proactive sender (remediation's), which knows the helpdesk channel. */
  notifier: Pick<Notifier, 'postToHelpdesk'>;
  clock?: Clock;
}

export interface PostureBot {
  /** Runs the scheduled check if it is due; what happened. */
  scheduledCheck(now?: Date): Promise<ScheduledOutcome>;
}

/** The command a card button sent, when it is one the bot runs. */
function commandOf(context: TurnContext): string | undefined {
  const value = context.activity.value as { command?: unknown } | undefined;
  const command = typeof value?.command === 'string' ? value.command.trim() : undefined;
  if (command === undefined || (context.activity.text ?? '').trim() !== '') return undefined;
  return command === 'posture' || REPORT_COMMAND.test(command) ? command : undefined;
}

function log(entry: Record<string, unknown>): void {
  const { event, ...fields } = entry;
  getLogger('posture').info(String(event ?? 'posture'), fields);
}

/**
 * `posture` in chat (helpdesk and admin groups) and the scheduled check that posts changes to
 * the helpdesk channel through the same proactive sender as approvals (which also knows where
 * Teams last reached the bot, so a restarted instance can post before anyone writes to it).
 */
export function registerPostureRoutes(
  app: Application<TurnState>,
  deps: PostureBotDeps,
): PostureBot {
  const clock = deps.clock ?? systemClock;
  const reader = new GraphPostureReader(deps.graph);
  const store = new PostureResultStore(deps.records);

  async function postureCommand(context: TurnContext): Promise<void> {
    await requireHelpdeskOrAdmin(context, deps, 'posture checks');
    await context.sendActivity({ type: 'typing' });
    const previous = await store.latest();
    const report = await runPosture(reader, deps.settings, clock.now(), previous);
    await context.sendActivity(cardActivity(postureTemplate, postureCardData(report)));
  }
  const reportDeps = {
    reader: new GraphReportReader(deps.graph),
    records: deps.records,
    membership: deps.membership,
    helpdeskGroupId: deps.helpdeskGroupId,
    adminGroupId: deps.adminGroupId,
    clock,
  };

  app.message(/^\s*posture\s*$/i, postureCommand);
  // A how-to answer's button (Action.Submit with { command }) arrives as a message whose value
  // names the command and whose text is empty; it runs exactly as if typed, access checks included.
  app.message(
    async (context) => commandOf(context) !== undefined,
    async (context) => {
      const command = commandOf(context)!;
      if (command === 'posture') return postureCommand(context);
      return runReportCommand(context, reportDeps, command);
    },
  );

  registerAnswerRoutes(app, {
    membership: deps.membership,
    helpdeskGroupId: deps.helpdeskGroupId,
    adminGroupId: deps.adminGroupId,
  });
  registerReportRoutes(app, reportDeps);

  return {
    async scheduledCheck(now = clock.now()) {
      const outcome = await runScheduledPosture(
        {
          reader,
          settings: deps.settings,
          store,
          post: async (changes, report, firstRun) => {
            const card = render(
              postureTemplate,
              postureChangesCardData(changes, report.checkedAt, firstRun),
            );
            const posted = await deps.notifier.postToHelpdesk(card);
            return posted !== undefined;
          },
        },
        now,
      );
      log({ event: 'posture.scheduled', outcome });
      return outcome;
    },
  };
}

/** Checks every `tickMs` whether a scheduled run is due; the schedule itself is in storage. */
export function startPostureSchedule(
  bot: PostureBot,
  options: { tickMs: number },
): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = bot
      .scheduledCheck()
      .catch((error: unknown) =>
        log({
          event: 'posture.scheduled-failed',
          message: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(tick, 1000);
  const timer = setInterval(tick, options.tickMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
