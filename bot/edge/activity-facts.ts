import type { Activity } from 'botbuilder';
import type { LimitedKind } from '../../src/security/config';

/** The tenant an activity comes from, as Teams states it (lower case), if it says. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  return typeof id === 'string' && id !== '' ? id.toLowerCase() : undefined;
}

/** Who is asking: their Entra object id when Teams gives it, else their channel id. */
export function personOf(activity: Partial<Activity>): string {
  return activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
}

/** The card action verb of an Action.Execute invoke, if it is one. */
export function verbOf(activity: Partial<Activity>): unknown {
  if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') return undefined;
  return (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
}

/**
 * Which budget an activity spends: a message is a paste to triage and diagnose; asking for a
 * fix and deciding on one are the card verbs that create or execute requests. Everything else
 * (welcome, refresh, announcements) only counts against the turns in flight.
 */
export function kindOf(activity: Partial<Activity>): LimitedKind | undefined {
  if (activity.type === 'message' && typeof activity.text === 'string' && activity.text.trim()) {
    return 'paste';
  }
  const verb = verbOf(activity);
  if (verb === 'request.create') return 'request';
  if (verb === 'request.approve' || verb === 'request.reject') return 'approval';
  return undefined;
}
