import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { closeNow, listenOnLoopback } from './loopback-server';
import {
  TEAMS_CONVERSATION_LIMITS,
  type WindowLimit,
} from '../../src/announcements/conversation-windows';

/**
 * A Bot Framework connector on loopback that behaves like Teams under load: it enforces the
 * per-conversation limits and a per-app rate, answers 429 with Retry-After when they are
 * exceeded, injects 429s and 5xx at random (seeded, so a run can be repeated), answers 403
 * MessageWritesBlocked for blocked conversations, and records every activity it accepted, so
 * that lost and duplicate deliveries can be counted exactly.
 *
 * Injected failures happen before delivery: a 429 or 5xx here means the message was not posted.
 * Every request the connector processes counts towards the app rate, except those it turns away
 * for exceeding that rate (otherwise a client that keeps trying would never get in again).
 */

export interface ThrottlingConnectorOptions {
  /** Requests per second for the app (Teams: 50; older documents: 30). */
  appRatePerSecond?: number;
  /** Per-conversation limits (Teams: 7/1 s, 8/2 s, 60/30 s, 1800/h). */
  conversationLimits?: readonly WindowLimit[];
  /** Share of requests answered 429 at random, before delivery. */
  inject429?: number;
  /** Share of requests answered 500/502/503 at random, before delivery. */
  inject5xx?: number;
  /** Retry-After (seconds) on injected 429s. */
  injectedRetryAfterSeconds?: number;
  seed?: number;
  /** Added to every answer, before the request is counted (the way there). */
  latencyMs?: number;
  /**
   * Added to every answer after the request is counted and before it is answered (the channel's
   * work and the way back, as a real channel takes 100 ms or more to answer).
   */
  answerDelayMs?: number;
}

export interface DeliveredActivity {
  conversationId: string;
  activityId: string;
  at: number;
  activity: Record<string, unknown>;
}

export interface ConnectorStats {
  requests: number;
  accepted: number;
  appLimited: number;
  conversationLimited: number;
  injected429: number;
  injected5xx: number;
  blocked: number;
  /** Largest number of accepted-or-processed requests seen in any app window. */
  peakPerWindow: number;
}

/** Small seeded generator (mulberry32), so fault injection is repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class SlidingLog {
  private readonly times = new Map<string, number[]>();

  /** Milliseconds until one more request fits every limit (0 when it fits now). */
  waitFor(key: string, now: number, limits: readonly WindowLimit[]): number {
    const times = this.times.get(key) ?? [];
    let wait = 0;
    for (const { limit, windowMs } of limits) {
      const inside = times.filter((t) => t > now - windowMs);
      if (inside.length >= limit)
        wait = Math.max(wait, inside[inside.length - limit] + windowMs - now);
    }
    return wait;
  }

  add(key: string, now: number, keepMs: number): number {
    const times = (this.times.get(key) ?? []).filter((t) => t > now - keepMs);
    times.push(now);
    this.times.set(key, times);
    return times.length;
  }
}

export class ThrottlingConnector {
  readonly delivered: DeliveredActivity[] = [];
  readonly updated: DeliveredActivity[] = [];
  /** When each request counted against the app rate arrived (429s for the app rate are not). */
  readonly countedAt: number[] = [];
  /** When each app-rate 429 was answered, and its Retry-After in seconds. */
  readonly appLimitedAt: { at: number; retryAfterS: number }[] = [];
  readonly created: { conversationId: string; memberId: string }[] = [];
  /** Conversation ids whose sends answer 403 MessageWritesBlocked. */
  readonly blocked = new Set<string>();
  readonly stats: ConnectorStats = {
    requests: 0,
    accepted: 0,
    appLimited: 0,
    conversationLimited: 0,
    injected429: 0,
    injected5xx: 0,
    blocked: 0,
    peakPerWindow: 0,
  };
  url = '';
  private server?: http.Server;
  private readonly random: () => number;
  private readonly app = new SlidingLog();
  private readonly threads = new SlidingLog();
  private readonly options: Required<ThrottlingConnectorOptions>;

  constructor(options: ThrottlingConnectorOptions = {}) {
    this.options = {
      appRatePerSecond: options.appRatePerSecond ?? 30,
      conversationLimits: options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS,
      inject429: options.inject429 ?? 0,
      inject5xx: options.inject5xx ?? 0,
      injectedRetryAfterSeconds: options.injectedRetryAfterSeconds ?? 1,
      seed: options.seed ?? 1,
      latencyMs: options.latencyMs ?? 0,
      answerDelayMs: options.answerDelayMs ?? 0,
    };
    this.random = seeded(this.options.seed);
  }

  get appRatePerSecond(): number {
    return this.options.appRatePerSecond;
  }

  /** Changes fault injection while running. */
  setFaults(faults: { inject429?: number; inject5xx?: number }): void {
    if (faults.inject429 !== undefined) this.options.inject429 = faults.inject429;
    if (faults.inject5xx !== undefined) this.options.inject5xx = faults.inject5xx;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.url = await listenOnLoopback(this.server);
    return this.url;
  }

  stop(): Promise<void> {
    return closeNow(this.server);
  }

  /** How many times each conversation received a new message. */
  deliveriesByConversation(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.delivered)
      counts.set(d.conversationId, (counts.get(d.conversationId) ?? 0) + 1);
    return counts;
  }

  /** Messages beyond the first in any of these conversations (all when omitted). */
  duplicates(conversationIds?: Iterable<string>): number {
    const counts = this.deliveriesByConversation();
    const ids = conversationIds ? [...conversationIds] : [...counts.keys()];
    return ids.reduce((sum, id) => sum + Math.max(0, (counts.get(id) ?? 0) - 1), 0);
  }

  /** Conversations among these that never received a message. */
  lost(conversationIds: Iterable<string>): string[] {
    const counts = this.deliveriesByConversation();
    return [...conversationIds].filter((id) => !counts.has(id));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    if (this.options.latencyMs > 0) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    const delayMs = this.options.answerDelayMs;
    const answer = (
      status: number,
      payload: unknown,
      headers: Record<string, string> = {},
    ): void => {
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    };
    const url = new URL(req.url ?? '/', 'http://connector');
    const method = req.method ?? 'GET';
    let conversationId: string;
    let activityId: string | undefined;
    if (method === 'POST' && url.pathname === '/v3/conversations') {
      const members = Array.isArray(body.members) ? (body.members as { id?: string }[]) : [];
      conversationId = `a:${members[0]?.id ?? randomUUID()}`;
    } else {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (!match || (method !== 'POST' && method !== 'PUT')) {
        answer(404, { error: { code: 'NotFound', message: `no route ${method} ${url.pathname}` } });
        return;
      }
      conversationId = decodeURIComponent(match[1]);
      activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    }
    this.stats.requests += 1;
    const now = Date.now();

    const appWait = this.app.waitFor('app', now, [
      { limit: this.options.appRatePerSecond, windowMs: 1000 },
    ]);
    if (appWait > 0) {
      this.stats.appLimited += 1;
      const retryAfterS = Math.max(1, Math.ceil(appWait / 1000));
      this.appLimitedAt.push({ at: now, retryAfterS });
      answer(429, throttledBody(), { 'Retry-After': String(retryAfterS) });
      return;
    }
    const inWindow = this.app.add('app', now, 1000);
    this.countedAt.push(now);
    this.stats.peakPerWindow = Math.max(this.stats.peakPerWindow, inWindow);

    const threadWait = this.threads.waitFor(conversationId, now, this.options.conversationLimits);
    if (threadWait > 0) {
      this.stats.conversationLimited += 1;
      answer(429, throttledBody(), {
        'Retry-After': String(Math.max(1, Math.ceil(threadWait / 1000))),
      });
      return;
    }
    this.threads.add(conversationId, now, 3_600_000);

    const roll = this.random();
    if (roll < this.options.inject429) {
      this.stats.injected429 += 1;
      answer(429, throttledBody(), {
        'Retry-After': String(this.options.injectedRetryAfterSeconds),
      });
      return;
    }
    if (roll < this.options.inject429 + this.options.inject5xx) {
      this.stats.injected5xx += 1;
      const status = [500, 502, 503][Math.floor(this.random() * 3)];
      answer(status, { error: { code: 'ServiceError', message: 'injected failure' } });
      return;
    }
    if (this.blocked.has(conversationId)) {
      this.stats.blocked += 1;
      answer(403, {
        errorCode: 209,
        message: JSON.stringify({
          subCode: 'MessageWritesBlocked',
          message: 'user blocked the bot',
        }),
      });
      return;
    }

    this.stats.accepted += 1;
    if (method === 'POST' && url.pathname === '/v3/conversations') {
      const members = Array.isArray(body.members) ? (body.members as { id?: string }[]) : [];
      this.created.push({ conversationId, memberId: members[0]?.id ?? '' });
      answer(201, { id: conversationId, activityId: randomUUID() });
      return;
    }
    if (method === 'PUT' && activityId) {
      this.updated.push({ conversationId, activityId, at: now, activity: body });
      answer(200, { id: activityId });
      return;
    }
    const id = randomUUID();
    this.delivered.push({ conversationId, activityId: id, at: now, activity: body });
    answer(201, { id });
  }
}

function throttledBody(): unknown {
  return { error: { code: 'Throttled', message: 'Too many requests' } };
}
