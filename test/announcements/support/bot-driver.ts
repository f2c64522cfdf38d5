/**
 * Drives a real teams-ai Application through TeamsAdapter.process with plain request and
 * response objects (no HTTP server), as restify would call it.
 */
import { randomUUID } from 'node:crypto';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { registerAnnouncementRoutes } from '../../../bot/announcements/routes';
import { guardCardActions } from '../../../bot/routes/guard';
import {
  buildAnnouncementServices,
  type AnnouncementServices,
} from '../../../bot/announcements/services';
import type { AudienceDirectory } from '../../../src/announcements/ports';
import type { DeliveryMessage } from '../../../src/announcements/types';
import { parseConfig } from '../../../src/config';
import { LOCAL_TENANT } from '../../../src/sandbox/local-tenant';
import type { RecordStore, WorkQueue } from '../../../src/ports';
import { AUTHOR_GROUP, TENANT } from './domain-harness';

export interface Posted {
  status: number;
  body: unknown;
}

export interface BotDriver {
  app: Application<TurnState>;
  services: AnnouncementServices;
  post(activity: Record<string, unknown>): Promise<Posted>;
}

export function startBotDriver(parts: {
  records: RecordStore;
  queue: WorkQueue<DeliveryMessage>;
  directory: AudienceDirectory;
  /** Registers routes after the announcement routes (e.g. the welcome card). */
  after?: (app: Application<TurnState>) => void;
}): BotDriver {
  const adapter = new TeamsAdapter({});
  const app = new Application<TurnState>({ adapter, botAppId: '', removeRecipientMention: true });
  // In production every card action is guarded (a failure becomes an error card); so here.
  guardCardActions(app);
  const services = buildAnnouncementServices({
    config: { ...parseConfig({}, LOCAL_TENANT), helpdeskGroupId: AUTHOR_GROUP },
    records: parts.records,
    queue: parts.queue,
    directory: parts.directory,
  });
  registerAnnouncementRoutes(app, services, () => undefined);
  parts.after?.(app);
  return {
    app,
    services,
    post(activity) {
      return new Promise<Posted>((resolve, reject) => {
        const response = {
          socket: undefined,
          statusCode: 0,
          body: undefined as unknown,
          header: () => undefined,
          status(code: number) {
            response.statusCode = code;
          },
          send(body: unknown) {
            response.body = body;
          },
          end() {
            resolve({ status: response.statusCode, body: response.body });
          },
        };
        adapter
          .process({ body: activity, headers: {}, method: 'POST' }, response, async (context) => {
            await app.run(context);
          })
          .catch(reject);
      });
    },
  };
}

export const BOT = { id: '28:bot-app', name: 'Sign-in Helpdesk' };

export function person(objectId: string, name = 'Member'): Record<string, unknown> {
  return { id: `29:${objectId}`, aadObjectId: objectId, name };
}

/** An activity in a user's personal chat with the bot. */
export function personalActivity(
  serviceUrl: string,
  from: Record<string, unknown>,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    conversation: {
      id: `a:personal-${String(from.aadObjectId)}`,
      conversationType: 'personal',
      tenantId: TENANT,
    },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    ...fields,
  };
}

/** An activity in a team's General channel. */
export function teamActivity(
  serviceUrl: string,
  teamId: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: person('0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a03', 'Team owner'),
    recipient: BOT,
    conversation: { id: teamId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: teamId, name: 'IT Helpdesk' } },
    ...fields,
  };
}

/** An Action.Execute click on a card. */
export function cardAction(
  serviceUrl: string,
  from: Record<string, unknown>,
  verb: string,
  data: Record<string, unknown>,
  replyToId = 'card-activity-1',
): Record<string, unknown> {
  return personalActivity(serviceUrl, from, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}
