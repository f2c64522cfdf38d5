import type { TurnContext } from 'botbuilder';
import { errorTemplate } from '../../cards/common/error';
import type { LimitedKind, SecurityConfig } from '../../src/security/config';
import { TokenBuckets } from '../../src/limits/token-bucket';
import { cardActivity, cardFor } from '../cards';
import { answerWithCard } from '../invoke-response';
import { kindOf, personOf, tenantOf } from './activity-facts';
import { safeLogValue } from './log-value';
import { lineLog } from '../log';

export type Admission = 'ran' | 'tenant-refused' | 'oversized' | 'limited' | 'busy';

/** Largest card action `value` accepted: button data is a few ids, never kilobytes. */
export const MAX_ACTION_VALUE_CHARS = 16_384;

/** Counts kept for tests and `verify:security`. */
export interface AdmissionStats {
  ran: number;
  tenantRefused: number;
  /** Card actions refused for their size or shape. */
  oversized: number;
  limited: number;
  busy: number;
  inFlight: number;
}

const MINUTE = 60_000;

/**
 * Decides, after the SDK has authenticated an activity and before any handler sees it, whether
 * the bot does the work: the tenant must be on the allow-list, the person and their tenant must
 * have budget left for this kind of work, and the turns already running must leave room. Work
 * beyond a limit is not started; the person is told once per wait (a card in the invoke
 * response for a button, one message for chat), not once per refused message, so a flood costs
 * the bot almost nothing.
 */
export class TurnAdmission {
  readonly stats: AdmissionStats = {
    ran: 0,
    tenantRefused: 0,
    oversized: 0,
    limited: 0,
    busy: 0,
    inFlight: 0,
  };
  private readonly person = new Map<LimitedKind, TokenBuckets>();
  private readonly tenant = new Map<LimitedKind, TokenBuckets>();
  private readonly perPersonInFlight = new Map<string, number>();
  private readonly toldUntil = new Map<string, number>();

  constructor(
    private readonly security: SecurityConfig,
    private readonly now: () => number = Date.now,
    private readonly log: (line: string) => void = lineLog('edge', 'warn'),
  ) {
    for (const kind of ['paste', 'request', 'approval'] as const) {
      const rate = security.rates[kind];
      this.person.set(kind, new TokenBuckets(rate.person, MINUTE, now));
      this.tenant.set(kind, new TokenBuckets(rate.tenant, MINUTE, now));
    }
  }

  async run(context: TurnContext, handler: () => Promise<void>): Promise<Admission> {
    const activity = context.activity;
    const tenant = tenantOf(activity);
    const allowed = this.security.allowedTenantIds;
    if (allowed.length > 0 && (tenant === undefined || !allowed.includes(tenant))) {
      this.stats.tenantRefused += 1;
      this.log(`[edge] refused an activity from tenant ${safeLogValue(tenant ?? 'none')}`);
      return 'tenant-refused';
    }
    const problem = payloadProblem(activity);
    if (problem) {
      this.stats.oversized += 1;
      this.log(`[edge] refused a card action (${problem})`);
      await this.tell(context, '', 0, problem);
      return 'oversized';
    }
    const person = `${tenant ?? '-'}/${personOf(activity)}`;
    const running = this.perPersonInFlight.get(person) ?? 0;
    if (
      this.stats.inFlight >= this.security.maxTurnsInFlight ||
      running >= this.security.maxTurnsPerPerson
    ) {
      this.stats.busy += 1;
      await this.tell(context, person, 5_000, 'busy');
      return 'busy';
    }
    const kind = kindOf(activity);
    if (kind) {
      const mine = this.person.get(kind)!.take(person);
      const ours = mine.allowed
        ? this.tenant.get(kind)!.take(tenant ?? '-')
        : { allowed: true, retryAfterMs: 0 };
      if (!mine.allowed || !ours.allowed) {
        if (mine.allowed) this.person.get(kind)!.refund(person);
        this.stats.limited += 1;
        await this.tell(context, person, Math.max(mine.retryAfterMs, ours.retryAfterMs), kind);
        return 'limited';
      }
    }
    this.stats.inFlight += 1;
    this.perPersonInFlight.set(person, running + 1);
    try {
      this.stats.ran += 1;
      await handler();
      return 'ran';
    } finally {
      this.stats.inFlight -= 1;
      const left = (this.perPersonInFlight.get(person) ?? 1) - 1;
      if (left <= 0) this.perPersonInFlight.delete(person);
      else this.perPersonInFlight.set(person, left);
    }
  }

  /** A button always gets its answer in the invoke response; chat is told once per wait. */
  private async tell(
    context: TurnContext,
    person: string,
    waitMs: number,
    why: LimitedKind | 'busy' | 'oversized' | 'malformed',
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const card = {
      title: TITLES[why] ?? 'Slow down a little',
      message: MESSAGES[why],
      retryHint:
        why === 'oversized' || why === 'malformed'
          ? 'Use the buttons on a card the bot sent.'
          : `Try again in about ${seconds} second${seconds === 1 ? '' : 's'}.`,
    };
    if (context.activity.type === 'invoke') {
      await answerWithCard(context, cardFor(errorTemplate, card));
      return;
    }
    const now = this.now();
    if ((this.toldUntil.get(person) ?? 0) > now) return;
    this.toldUntil.set(person, now + Math.max(waitMs, 5_000));
    if (this.toldUntil.size > 50_000) {
      for (const [key, until] of this.toldUntil) if (until <= now) this.toldUntil.delete(key);
    }
    await context.sendActivity(cardActivity(errorTemplate, card));
  }
}

/**
 * A card action whose value is far larger than any button's data, or not shaped like an
 * Action.Execute at all (teams-ai would answer it with a bare 501).
 */
function payloadProblem(activity: TurnContext['activity']): 'oversized' | 'malformed' | undefined {
  if (activity.type !== 'invoke') return undefined;
  if (sizeOf(activity.value) > MAX_ACTION_VALUE_CHARS) return 'oversized';
  if (activity.name !== 'adaptiveCard/action') return undefined;
  const action = (activity.value as { action?: unknown } | null | undefined)?.action;
  if (typeof action !== 'object' || action === null) return 'malformed';
  return typeof (action as { verb?: unknown }).verb === 'string' ? undefined : 'malformed';
}

function sizeOf(value: unknown): number {
  try {
    return JSON.stringify(value ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const TITLES: Partial<Record<LimitedKind | 'busy' | 'oversized' | 'malformed', string>> = {
  busy: 'Still working on your earlier messages',
  oversized: 'That button sent too much',
  malformed: 'That button could not be read',
};

const MESSAGES: Record<LimitedKind | 'busy' | 'oversized' | 'malformed', string> = {
  malformed: 'This action is not one the bot’s cards send, so nothing was done.',
  oversized:
    'This action carried far more data than any of the bot’s buttons do, so nothing was done.',
  paste:
    'You have sent more messages than I can look into right now, so I skipped the latest ones.',
  request: 'You have asked for more fixes than the helpdesk allows in a short time.',
  approval: 'You have decided on more requests than the helpdesk allows in a short time.',
  busy: 'I am still answering your earlier messages, so I skipped the latest one. Send it again once they are answered.',
};
