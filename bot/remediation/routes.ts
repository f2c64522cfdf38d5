import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { recentActionsCardData, recentActionsTemplate } from '../../cards/audit/recent';
import { render } from '../../cards/render';
import { parseActionData } from '../../cards/verbs';
import type { AuditLog } from '../../src/audit/audit-log';
import { AppError } from '../../src/errors';
import type { Verdict } from '../../src/remediation/commands';
import type { DirectoryLookup } from '../../src/remediation/admin-changes/ask';
import type { RemediationService } from '../../src/remediation/service';
import { registerAdminChangeRoutes } from './admin-changes';
import type { Person } from '../../src/remediation/types';
import { addressOf } from '../conversation-reference';
import type { DirectorySearch } from '../../src/remediation/ports';
import { readerPlaceOf } from '../diagnosis/routes';
import { answerWithCard as answer, answerWithLine } from '../invoke-response';
import type { HelpdeskChannel } from './channel';
import { registerFixCommands } from './fix-commands';
import { registerSearchRoute } from './search';
import type { CardJson } from './notifier';
import { createdReply, decidedCard, problemCard, requestCard } from './replies';

/** The command, and the same asked in other words. */
const RECENT_ACTIONS =
  /^\s*(?:recent (?:actions|approvals|fixes|changes)|(?:what|which fixes) (?:was|were|did (?:i|we)) (?:approved?|done)(?: (?:today|lately|recently))?\??|audit(?: log)?)\s*$/i;

/** Remediation's built parts, made once by the composition root (bot/compose.ts). */
export interface Remediation {
  service: RemediationService;
  audit: AuditLog;
  channel: HelpdeskChannel;
  /** The typeahead of the fix forms; without it the group and people pickers stay empty. */
  search?: DirectorySearch;
  /** Finds the groups, people and policies named in admin change commands; off when absent. */
  lookup?: DirectoryLookup;
}

const RECENT_COUNT = 15;
const RECENT_DAYS = 7;

function actorOf(context: TurnContext): Person {
  const from = context.activity.from;
  if (!from?.aadObjectId) {
    throw new AppError('not-authorized', 'activity without aadObjectId', {
      userMessage:
        'The bot could not tell who you are from this chat, so nothing was done. Use it from Microsoft Teams.',
    });
  }
  return from.name ? { id: from.aadObjectId, name: from.name } : { id: from.aadObjectId };
}

/**
 * Who asks for a fix, with their Teams account (`29:...`): the line that tells them how it
 * ended @mentions them by it when they asked in a group chat or channel.
 */
function requesterOf(context: TurnContext): Person {
  const teamsId = context.activity.from?.id;
  const actor = actorOf(context);
  return teamsId ? { ...actor, teamsId } : actor;
}

/**
 * Registers the remediation routes on the teams-ai Application, after guardCardActions (a
 * failure becomes an error card there) and before any catch-all Action.Execute route. Each
 * route parses the click with cards/verbs and hands the service a typed command.
 */
export function registerRemediationRoutes(
  app: Application<TurnState>,
  { service, audit, channel, search, lookup }: Remediation,
): void {
  if (search) registerSearchRoute(app, { service, search });
  registerFixCommands(app, service);
  app.turn('beforeTurn', async (context) => {
    await channel.observe(context.activity);
    return true;
  });
  if (lookup) registerAdminChangeRoutes(app, { service, lookup });

  const route = (
    verb: 'request.refresh' | `request.${Verdict}`,
    handler: (context: TurnContext, data: unknown) => Promise<CardJson>,
  ): void => {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      await answer(context, await handler(context, data));
      return '';
    });
  };

  /*
   * A fix is asked for from the diagnosis card, which must stay as it is (it says what is wrong):
   * the request comes back as a new card in the conversation, and its place is recorded so the
   * card can show the outcome later. A fix run directly answers in the invoke instead, so a pass
   * is shown to the approver alone.
   */
  app.adaptiveCards.actionExecute('request.create', async (context, _state, data) => {
    const parsed = parseActionData('request.create', data);
    const actor = requesterOf(context);
    const result = await service.create({
      actor,
      kind: parsed.action,
      subjectId: parsed.subjectId ?? '',
      targetId: parsed.targetId,
      mode: parsed.mode ?? 'request',
      inputs: {
        hours: parsed.hours,
        lifetimeMinutes: parsed.lifetimeMinutes,
        oneTimeUse: parsed.oneTimeUse,
        phoneNumber: parsed.phoneNumber,
        sourceGroupId: parsed.sourceGroupId,
        targetGroupId: parsed.targetGroupId,
      },
      note: parsed.note,
      chat: addressOf(context.activity),
      place: readerPlaceOf(context.activity),
    });
    const reply = createdReply(result, actor);
    if (result.status === 'completed') {
      await answer(context, reply.card);
      return '';
    }
    const sent = await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)),
    );
    const address = addressOf(context.activity);
    if (result.status === 'created' && sent?.id && address) {
      await service.recordRequesterCard(result.request.id, { address, activityId: sent.id });
    }
    await answerWithLine(context, reply.line);
    return '';
  });

  for (const verdict of ['approve', 'reject', 'cancel'] as const) {
    route(`request.${verdict}`, async (context, data) => {
      const ref = parseActionData(`request.${verdict}`, data);
      const reason = 'reason' in ref ? ref.reason : undefined;
      return decidedCard(
        await service.decide({
          verdict,
          actor: actorOf(context),
          requestId: ref.requestId,
          version: ref.version,
          reason,
        }),
        verdict !== 'cancel',
      );
    });
  }

  route('request.refresh', async (context, data) => {
    const ref = parseActionData('request.refresh', data);
    const result = await service.view(actorOf(context), ref.requestId);
    if (result.status === 'unknown') return decidedCard(result, false);
    if (result.status === 'denied') return problemCard('Not for you', result.message);
    return requestCard(result.request, { ...result.view, place: readerPlaceOf(context.activity) });
  });

  app.message(RECENT_ACTIONS, async (context) => {
    const actor = actorOf(context);
    if (!(await service.mayReadAudit(actor))) {
      await context.sendActivity('Recent actions are for the helpdesk team only.');
      return;
    }
    const entries = await audit.recent(RECENT_COUNT, { days: RECENT_DAYS });
    const card = render(recentActionsTemplate, recentActionsCardData(entries, RECENT_DAYS));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  });

  app.message(/^\s*use this channel for approvals\s*$/i, async (context) => {
    const actor = actorOf(context);
    if (context.activity.conversation?.conversationType !== 'channel') {
      await context.sendActivity('Send this in the team channel where approvals should appear.');
      return;
    }
    if (!(await service.mayReadAudit(actor))) {
      await context.sendActivity('Only helpdesk members can choose the approvals channel.');
      return;
    }
    await channel.choose(context.activity);
    await context.sendActivity('Approval requests will be posted in this channel from now on.');
  });
}
