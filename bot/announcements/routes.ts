/**
 * Announcement routes on the teams-ai Application.
 *
 * Install events: `installationUpdate` is routed here; `conversationUpdate` (the bot added to a
 * team or chat, or removed) is read in a beforeTurn handler instead of a route, because teams-ai
 * runs only the first matching route and the welcome card already answers membersAdded. The
 * same handler refreshes a user's reference from their messages (once per process and hour), so
 * people who installed the app before announcements existed are reachable too.
 *
 * Register these before the catch-all message route: `app.message(/^announce\b/i)` must match
 * before it does.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import { parseActionData } from '../../cards';
import {
  previewCardData,
  previewTemplate,
  progressCardData,
  progressTemplate,
  promptAdviceTemplate,
  promptAdviceView,
  type ProgressCardData,
} from '../../cards/announcements';
import { parseAnnounceCommand, type AnnounceCommand } from '../../src/announcements/command';
import { formatInstant } from '../../src/dates';
import { progressView } from '../../src/announcements/progress';
import { AppError, toAppError } from '../../src/errors';
import type { AnnouncementRecord, Person } from '../../src/announcements/types';
import { cardActivity, cardFor } from '../cards';
import { errorMessage } from '../failures';
import { lineLog } from '../log';
import { referenceFrom, teamOf, tenantIdOf } from '../conversation-reference';
import type { AnnouncementServices } from './services';

const USAGE = [
  '**Announcements** (helpdesk and admin members)',
  '',
  '- `announce number-matching WHEN group:GROUP-ID [note]` to a group, nested groups included',
  '- `announce number-matching WHEN installed [note]` to everyone who has the app',
  '- `announce number-matching WHEN team:TEAM-ID [channel:CHANNEL-ID] [note]` as a channel post',
  '- WHEN is the day it takes effect: a date (YYYY-MM-DD, today or later), or `in 7 days`, `2w`, `tomorrow`',
  '- `announce status ID`, `announce cancel ID`, `announce failures ID` (CSV)',
  '',
  'You get a preview with the audience size and your Authenticator settings before anything is sent.',
].join('\n');

/** Largest CSV chunk per message, well under the Teams message size limit. */
const CSV_CHUNK_CHARS = 20_000;
const REFRESH_EVERY_MS = 3_600_000;

function actorOf(activity: Partial<Activity>): Person {
  const objectId = activity.from?.aadObjectId;
  if (!objectId) {
    throw new AppError('not-authorized', 'activity without aadObjectId', {
      userMessage: 'I could not tell who you are, so I cannot do this for you.',
    });
  }
  return { objectId, name: activity.from?.name ?? '' };
}

/** `services`: built once by the composition root (buildAnnouncementServices). */
export function registerAnnouncementRoutes(
  app: Application<TurnState>,
  services: AnnouncementServices,
  log: (line: string) => void = lineLog('announcements', 'warn'),
): void {
  const { service, references, reports, store, clock } = services;
  const refreshed = new Map<string, number>();

  async function remember(activity: Partial<Activity>, source: string): Promise<void> {
    const reference = referenceFrom(activity);
    if (!reference) return;
    const team = teamOf(activity);
    if (reference.conversationType === 'personal' && reference.userObjectId) {
      await references.saveUser(reference.userObjectId, reference, source);
    } else if (team) {
      await references.saveTeam(team.id, reference, source);
    } else {
      await references.saveChat(reference.conversationId, reference, source);
    }
  }

  async function forget(activity: Partial<Activity>): Promise<void> {
    const team = teamOf(activity);
    const objectId = activity.from?.aadObjectId;
    if (team) await references.forgetTeam(team.id);
    else if (activity.conversation?.conversationType === 'groupChat' && activity.conversation.id) {
      await references.forgetChat(activity.conversation.id);
    } else if (objectId) await references.forgetUser(objectId);
  }

  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    try {
      if (activity.type === 'conversationUpdate') {
        if (activity.membersAdded?.some((m) => m.id === botId))
          await remember(activity, 'members-added');
        if (activity.membersRemoved?.some((m) => m.id === botId)) await forget(activity);
      } else if (
        activity.type === 'message' &&
        activity.conversation?.conversationType === 'personal'
      ) {
        const objectId = activity.from?.aadObjectId;
        const now = clock.now().getTime();
        if (objectId && now - (refreshed.get(objectId) ?? 0) > REFRESH_EVERY_MS) {
          refreshed.set(objectId, now);
          await remember(activity, 'message');
        }
      }
    } catch (error) {
      // Never lose the turn over a reference: the next event or message stores it again.
      log(`[announce] could not store a conversation reference: ${toAppError(error).message}`);
    }
    return true;
  });

  app.activity('installationUpdate', async (context) => {
    const action = String(context.activity.action ?? '');
    if (action === 'add' || action === 'add-upgrade') await remember(context.activity, 'install');
    else if (action === 'remove') await forget(context.activity);
  });

  app.message(/^\s*announce\b/i, async (context) => {
    const command = parseAnnounceCommand(context.activity.text ?? '', clock.now());
    try {
      await runCommand(context, command);
    } catch (error) {
      await context.sendActivity(errorMessage(error));
    }
  });

  async function runCommand(context: TurnContext, command: AnnounceCommand): Promise<void> {
    if (command.kind === 'usage') {
      const said = command.problem;
      const problem = said ? `${said.charAt(0).toUpperCase()}${said.slice(1)}.\n\n` : '';
      await context.sendActivity({
        type: 'message',
        textFormat: 'markdown',
        text: problem + USAGE,
      });
      return;
    }
    const actor = actorOf(context.activity);
    if (command.kind === 'draft') {
      const preview = await service.draft({
        template: command.template,
        activationDate: command.activationDate,
        audience: command.audience,
        note: command.note,
        author: actor,
        authorReference: referenceFrom(context.activity),
      });
      await context.sendActivity(
        cardActivity(
          previewTemplate,
          previewCardData(
            preview.announcement,
            preview.settings,
            preview.settingsProblem,
            preview.secretHidden,
          ),
        ),
      );
      return;
    }
    if (command.kind === 'cancel') {
      const cancelled = await service.cancel(command.announcementId, actor);
      await context.sendActivity(`Announcement ${cancelled.id} is now ${cancelled.state}.`);
      return;
    }
    if (command.kind === 'status') {
      const announcement = await service.status(command.announcementId, actor);
      await context.sendActivity(cardActivity(progressTemplate, await progressCard(announcement)));
      return;
    }
    const { csv, rows } = await service.failuresCsv(command.announcementId, actor);
    if (rows === 0) {
      await context.sendActivity('Everyone in the audience got it so far: no failures to list.');
      return;
    }
    for (let i = 0; i < csv.length; i += CSV_CHUNK_CHARS) {
      const part = csv.slice(i, i + CSV_CHUNK_CHARS);
      await context.sendActivity({
        type: 'message',
        textFormat: 'markdown',
        text: '```\n' + part + '\n```',
      });
    }
  }

  /** The progress card as it stands, from the workers' running totals. */
  async function progressCard(announcement: AnnouncementRecord): Promise<ProgressCardData> {
    const totals = await store.counterTotals(announcement.id);
    const finished = announcement.state === 'completed' || announcement.state === 'cancelled';
    const view = progressView({
      counts: totals.counts,
      total: announcement.expanded ? announcement.total : undefined,
      inDoubt: totals.inDoubt,
      ratePerSecond: 0,
      startedAt: announcement.confirmedAt ?? announcement.createdAt,
      finished,
    });
    return progressCardData(announcement, view, clock.now());
  }

  app.adaptiveCards.actionExecute('announce.confirm', async (context, _state, data) => {
    const { announcementId } = parseActionData('announce.confirm', data);
    const announcement = await service.confirm(announcementId, actorOf(context.activity), {
      reference: referenceFrom(context.activity),
      activityId: context.activity.replyToId,
    });
    return cardFor(progressTemplate, await progressCard(announcement));
  });

  app.adaptiveCards.actionExecute('announce.cancel', async (context, _state, data) => {
    const { announcementId } = parseActionData('announce.cancel', data);
    const announcement = await service.cancel(announcementId, actorOf(context.activity));
    const card = await progressCard(announcement);
    if (announcement.state === 'discarded') {
      return cardFor(progressTemplate, {
        ...card,
        summary: 'Nothing was sent. Start again with the announce command when you are ready.',
        facts: [],
      });
    }
    return cardFor(progressTemplate, card);
  });

  app.adaptiveCards.actionExecute('announce.report-prompt', async (context, _state, data) => {
    const { announcementId } = parseActionData('announce.report-prompt', data);
    const activity = context.activity;
    const reported = await reports.report({
      announcementId,
      user: actorOf(activity),
      upn: (activity.from as { userPrincipalName?: string } | undefined)?.userPrincipalName,
      serviceUrl: activity.serviceUrl ?? '',
      tenantId: tenantIdOf(activity) ?? '',
    });
    return cardFor(
      promptAdviceTemplate,
      promptAdviceView({
        reportedAt: formatInstant(clock.now().toISOString()),
        duplicate: reported.duplicate,
      }),
    );
  });
}
