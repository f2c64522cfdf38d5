import type { Client } from '@microsoft/microsoft-graph-client';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { recentActionsCardData, recentActionsTemplate } from '../../cards/audit/recent';
import { errorCardData, errorTemplate } from '../../cards/common/error';
import {
  requestCardData,
  requestTemplate,
  type RequestView,
} from '../../cards/remediation/request';
import { render } from '../../cards/render';
import { TableAuditLog, type AuditLog } from '../../src/audit/audit-log';
import { AppError, toAppError } from '../../src/errors';
import { GraphDirectoryWriter } from '../../src/graph/directory-writer';
import type { Clock, GroupMembership, RecordStore } from '../../src/ports';
import {
  REMEDIATION_VERBS,
  parseCreateData,
  parseRejectData,
  parseRequestRef,
} from '../../src/remediation/action-data';
import type { RemediationPolicy } from '../../src/remediation/policy';
import {
  silentLogger,
  type CardJson,
  type DirectoryWriter,
  type Logger,
  type OfferCheck,
} from '../../src/remediation/ports';
import {
  RemediationService,
  type CreateResult,
  type DecideResult,
} from '../../src/remediation/service';
import type { Person, RemediationRequest } from '../../src/remediation/types';
import { HelpdeskChannel, addressOf, type HelpdeskChannelConfig } from './channel';
import { TeamsNotifier, type ProactiveAdapter } from './notifier';

/** Everything remediation needs from the composition root. Pass the same object to both
 * registerRemediationRoutes and startRemediationSweeper: they then share one service. */
export interface RemediationBotDeps {
  /** The TeamsAdapter, for proactive posts, edits and 1:1 messages. */
  adapter: ProactiveAdapter;
  /** The bot's app id ('' in local mode without authentication). */
  botAppId: string;
  records: RecordStore;
  /** The Graph client (createGraphClient); remediation writes through it. */
  graph: Client;
  /** Graph root used to build directoryObjects references; default https://graph.microsoft.com. */
  graphBaseUrl?: string;
  /** Cached transitive membership (GraphGroupMembership). */
  membership: GroupMembership;
  policy: RemediationPolicy;
  helpdeskChannel?: HelpdeskChannelConfig;
  clock?: Clock;
  /** Structured log lines; never given a secret. Defaults to silence. */
  log?: Logger;
  /** Optional re-check of an offer with diagnosis when a request is made. */
  offers?: OfferCheck;
  /** Replaces the Graph writer (tests only). */
  writer?: DirectoryWriter;
}

export interface Remediation {
  service: RemediationService;
  audit: AuditLog;
  channel: HelpdeskChannel;
}

const built = new WeakMap<RemediationBotDeps, Remediation>();

/** Builds (once per deps object) the service, audit log, notifier and channel book. */
export function createRemediation(deps: RemediationBotDeps): Remediation {
  const existing = built.get(deps);
  if (existing) return existing;
  const log = deps.log ?? silentLogger;
  const audit = new TableAuditLog(deps.records, deps.clock);
  const channel = new HelpdeskChannel(deps.records, deps.helpdeskChannel);
  const notifier = new TeamsNotifier(deps.adapter, deps.botAppId, channel, deps.membership, log);
  const service = new RemediationService({
    records: deps.records,
    writer: deps.writer ?? new GraphDirectoryWriter(deps.graph, deps.graphBaseUrl),
    membership: deps.membership,
    notifier,
    audit,
    policy: deps.policy,
    clock: deps.clock,
    log,
    offers: deps.offers,
  });
  const remediation = { service, audit, channel };
  built.set(deps, remediation);
  return remediation;
}

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
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

function requestCard(request: RemediationRequest, view: RequestView): CardJson {
  return render(requestTemplate, requestCardData(request, view));
}

function problemCard(title: string, message: string): CardJson {
  return render(errorTemplate, { title, message });
}

/**
 * Answers the invoke with a card for the clicker only. The response is sent here rather than
 * returned to teams-ai: a returned card with `refresh` would switch the route to editing the
 * message for everyone, and a card holding a pass code must never be shown to everyone.
 */
async function answer(context: TurnContext, card: CardJson): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: card } },
  });
}

function createdCard(result: CreateResult, actor: Person): CardJson {
  switch (result.status) {
    case 'created': {
      const { request } = result;
      const personal = request.requesterChat?.conversationType === 'personal';
      const answerHere = personal ? ' You will get the answer in this chat.' : '';
      const notice =
        result.channel === 'posted'
          ? `Sent to the helpdesk for approval.${answerHere}`
          : result.channel === 'failed'
            ? `Saved. The helpdesk channel could not be reached just now; the bot keeps trying.${answerHere}`
            : 'Saved, but no helpdesk channel is set up yet, so nobody has been told. Please contact the helpdesk.';
      return requestCard(request, { viewer: 'requester', notice });
    }
    case 'duplicate':
      return requestCard(result.request, {
        viewer: result.request.requester.id === actor.id ? 'requester' : 'other',
        notice: 'This fix was already asked for and is waiting for a decision.',
      });
    case 'completed':
      return requestCard(result.request, {
        viewer: 'other',
        tap: result.tap,
        notice: result.request.state === 'succeeded' ? 'Done.' : 'This did not work; see below.',
      });
    case 'denied':
      return problemCard('You cannot ask for this', result.message);
    case 'invalid':
      return problemCard('Something is missing', result.message);
    case 'refused':
      return problemCard('This fix cannot be done here', result.message);
  }
}

function decidedCard(result: DecideResult): CardJson {
  switch (result.status) {
    case 'unknown':
      return problemCard(
        'Request not found',
        'There is no such request, so nothing was done. Use the latest card in the helpdesk channel.',
      );
    case 'denied':
      // Someone without a part in the request learns why, not what the request holds.
      if (result.reason === 'not-approver' || result.reason === 'not-requester') {
        return problemCard('You cannot decide on this request', result.message);
      }
      return requestCard(result.request, { viewer: 'other', notice: result.message });
    case 'conflict':
      return requestCard(result.request, { viewer: 'other', notice: result.message });
    case 'invalid':
      return requestCard(result.request, { viewer: 'approver', notice: result.message });
    case 'rejected':
      return requestCard(result.request, {
        viewer: 'other',
        notice: 'Rejected. The requester has been told.',
      });
    case 'cancelled':
      return requestCard(result.request, {
        viewer: 'other',
        notice: 'Your request was cancelled.',
      });
    case 'completed':
      return requestCard(result.request, {
        viewer: 'other',
        tap: result.tap,
        notice: result.request.state === 'succeeded' ? 'Done.' : 'This did not work; see below.',
      });
  }
}

type Handler = (context: TurnContext, data: unknown) => Promise<CardJson>;

/**
 * Registers the remediation routes on the teams-ai Application. Register them before any
 * catch-all Action.Execute route. Returns the built parts (shared with the sweeper).
 */
export function registerRemediationRoutes(
  app: Application<TurnState>,
  deps: RemediationBotDeps,
): Remediation {
  const remediation = createRemediation(deps);
  const { service, audit, channel } = remediation;
  const log = deps.log ?? silentLogger;

  app.turn('beforeTurn', async (context) => {
    channel.observe(context.activity);
    return true;
  });

  const route = (verb: string, handler: Handler): void => {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      let card: CardJson;
      try {
        card = await handler(context, data);
      } catch (error) {
        const appError = toAppError(error);
        log({
          level: 'error',
          event: 'remediation.card-action-failed',
          verb,
          code: appError.code,
          graphRequestId: appError.requestId,
          message: appError.message,
        });
        card = render(errorTemplate, errorCardData(appError));
      }
      await answer(context, card);
      return '';
    });
  };

  route(REMEDIATION_VERBS.create, async (context, data) => {
    const parsed = parseCreateData(data);
    const actor = actorOf(context);
    const result = await service.create({
      actor,
      kind: parsed.action,
      subjectId: parsed.subjectId,
      targetId: parsed.targetId,
      mode: parsed.mode ?? 'request',
      inputs: {
        hours: parsed.hours,
        lifetimeMinutes: parsed.lifetimeMinutes,
        oneTimeUse: parsed.oneTimeUse,
        phoneNumber: parsed.phoneNumber,
      },
      note: parsed.note,
      chat: addressOf(context.activity),
    });
    return createdCard(result, actor);
  });

  route(REMEDIATION_VERBS.approve, async (context, data) => {
    const ref = parseRequestRef(REMEDIATION_VERBS.approve, data);
    return decidedCard(
      await service.approve({
        actor: actorOf(context),
        requestId: ref.requestId,
        version: ref.version,
      }),
    );
  });

  route(REMEDIATION_VERBS.reject, async (context, data) => {
    const ref = parseRejectData(data);
    return decidedCard(
      await service.reject({
        actor: actorOf(context),
        requestId: ref.requestId,
        version: ref.version,
        reason: ref.reason,
      }),
    );
  });

  route(REMEDIATION_VERBS.cancel, async (context, data) => {
    const ref = parseRequestRef(REMEDIATION_VERBS.cancel, data);
    return decidedCard(
      await service.cancel({
        actor: actorOf(context),
        requestId: ref.requestId,
        version: ref.version,
      }),
    );
  });

  route(REMEDIATION_VERBS.refresh, async (context, data) => {
    const ref = parseRequestRef(REMEDIATION_VERBS.refresh, data);
    const result = await service.view(actorOf(context), ref.requestId);
    if (result.status === 'unknown') return decidedCard(result);
    if (result.status === 'denied') return problemCard('Not for you', result.message);
    return requestCard(result.request, result.view);
  });

  app.message(/^\s*recent actions\s*$/i, async (context) => {
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

  return remediation;
}
