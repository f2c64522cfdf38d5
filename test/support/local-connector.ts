import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { closeNow, listenOnLoopback } from './loopback-server';

/** One activity the bot sent to the connector, with where it was sent. */
export interface ReceivedActivity {
  method: string;
  conversationId: string;
  /** Set for replies and updates: the activity id in the URL. */
  activityId?: string;
  /** The id the connector assigned (new activities) or the id updated. */
  assignedId: string;
  activity: Record<string, unknown>;
  /** The request's Authorization header, if any (tests of the bot's outbound credentials). */
  authorization?: string;
}

/**
 * A minimal Bot Framework connector on loopback: the bot's outbound calls (send, reply, update,
 * create conversation) land here, so end-to-end tests can assert on exactly what a Teams client
 * would have received. It answers like the real service (ids for new activities, 200 for updates).
 */
export class LocalConnector {
  readonly received: ReceivedActivity[] = [];
  private server?: http.Server;
  private waiters: {
    predicate: (a: ReceivedActivity) => boolean;
    resolve: (a: ReceivedActivity) => void;
  }[] = [];
  url = '';
  /** Activities received, kept or not. */
  count = 0;
  /** Bytes of the request bodies received (the activities' JSON, cards included). */
  bytes = 0;
  /**
   * Calls this answers with a status are refused with it (as Teams refuses an edit of a message
   * it no longer has) and not kept in `received`; `refused` keeps them instead.
   */
  refuse?: (call: {
    method: string;
    conversationId: string;
    activityId?: string;
  }) => number | undefined;
  readonly refused: ReceivedActivity[] = [];
  /** Sent as Retry-After (seconds) with every refusal, when set (as Teams does with a 429). */
  refuseRetryAfterSeconds?: number;

  /** `keep: false` counts activities without keeping them (long load runs). */
  constructor(private readonly options: { keep?: boolean } = {}) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.url = await listenOnLoopback(this.server);
    return this.url;
  }

  stop(): Promise<void> {
    return closeNow(this.server);
  }

  /** Resolves with the first activity (already received or arriving) that matches. */
  waitFor(
    predicate: (a: ReceivedActivity) => boolean,
    timeoutMs = 10_000,
  ): Promise<ReceivedActivity> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no matching activity within ${timeoutMs} ms; received ${this.received.length}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    this.bytes += raw.length;
    const text = raw.toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? '/', 'http://connector');
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && url.pathname === '/v3/conversations') {
      send(200, { id: `a:${randomUUID()}`, activityId: randomUUID() });
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) {
      send(404, { error: { code: 'NotFound', message: `no route ${req.method} ${url.pathname}` } });
      return;
    }
    const conversationId = decodeURIComponent(match[1]);
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const assignedId = req.method === 'PUT' && activityId ? activityId : randomUUID();
    const received: ReceivedActivity = {
      method: req.method ?? 'POST',
      conversationId,
      activityId,
      assignedId,
      activity: body,
      authorization: req.headers.authorization,
    };
    const refusal = this.refuse?.(received);
    if (refusal) {
      this.refused.push(received);
      const wait = this.refuseRetryAfterSeconds;
      send(
        refusal,
        { error: { code: 'NotFound', message: 'the connector refused this call' } },
        wait === undefined ? {} : { 'Retry-After': String(wait) },
      );
      return;
    }
    this.count += 1;
    if (this.options.keep !== false) this.received.push(received);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(received)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(received);
      }
    }
    send(200, { id: assignedId });
  }
}

/** A Teams personal-chat message from the demo member, addressed to a local connector. */
export function teamsMessage(
  serviceUrl: string,
  text: string,
  from: { id: string; aadObjectId: string; name: string },
  conversationId = `a:personal-${randomUUID()}`,
): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: '28:bot', name: 'Sign-in Helpdesk' },
    conversation: {
      id: conversationId,
      conversationType: 'personal',
      tenantId: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10',
    },
    channelData: { tenant: { id: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10' } },
    locale: 'en-US',
    text,
  };
}
