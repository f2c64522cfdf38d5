/**
 * Notices when many people are blocked by the same Conditional Access policy within minutes (a
 * policy change gone wrong, an outage of a named location...) so the helpdesk channel gets one
 * incident instead of a trickle of look-alike tickets, or silence.
 *
 * No I/O and no clock: time comes from the events (the sign-in's own time), so the detector can be
 * fed in any order and tested without timers. A sliding window per policy counts distinct users;
 * reaching the threshold opens an incident; more users within the window of the last one update
 * it; a quiet window closes it, and a later burst opens a new one.
 */

export interface BlockEvent {
  policyId: string;
  policyName: string;
  userId: string;
  userPrincipalName: string;
  at: Date;
}

export interface Incident {
  /** Stable for the incident's life: policy id and the first block's time. */
  id: string;
  policyId: string;
  policyName: string;
  /** Distinct users blocked since the incident began (including the window that opened it). */
  count: number;
  firstAt: Date;
  lastAt: Date;
  /** The users, oldest first; at most `maxUsersListed`, `count` tells the rest. */
  users: Array<{ id: string; userPrincipalName: string }>;
}

export type BurstSignal = { kind: 'opened' | 'updated'; incident: Incident };

/** Posts and then updates the one incident card in the helpdesk channel. */
export interface IncidentNotifier {
  notify(signal: BurstSignal): Promise<void>;
}

export interface BurstOptions {
  /** Width of the sliding window. */
  windowMs: number;
  /** Distinct users within the window that make an incident. */
  threshold: number;
  maxUsersListed?: number;
  /** Policies tracked at once; the least recently blocked is forgotten first. */
  maxPolicies?: number;
}

interface PolicyWindow {
  /** userId → latest block time (ms) within the window. */
  recent: Map<string, { at: number; upn: string }>;
  newest: number;
  open?: { incident: Incident; seen: Set<string> };
}

export class BurstDetector {
  private readonly policies = new Map<string, PolicyWindow>();
  private readonly maxUsersListed: number;
  private readonly maxPolicies: number;

  constructor(private readonly options: BurstOptions) {
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive');
    if (!Number.isInteger(options.threshold) || options.threshold < 2) {
      throw new RangeError('threshold must be an integer of at least 2');
    }
    this.maxUsersListed = options.maxUsersListed ?? 50;
    this.maxPolicies = options.maxPolicies ?? 1000;
  }

  observe(event: BlockEvent): BurstSignal | undefined {
    const at = event.at.getTime();
    const state = this.windowFor(event.policyId, at);
    if (at > state.newest) state.newest = at;
    if (at <= state.newest - this.options.windowMs) return undefined;

    const open = state.open;
    if (open !== undefined && at > open.incident.lastAt.getTime() + this.options.windowMs) {
      state.open = undefined;
    }
    const previous = state.recent.get(event.userId);
    if (previous === undefined || previous.at < at) {
      state.recent.set(event.userId, { at, upn: event.userPrincipalName });
    }
    this.prune(state);

    if (state.open !== undefined) return this.extend(state.open, event, at);
    if (state.recent.size < this.options.threshold) return undefined;
    return this.openIncident(state, event);
  }

  private windowFor(policyId: string, at: number): PolicyWindow {
    let state = this.policies.get(policyId);
    if (state === undefined) {
      if (this.policies.size >= this.maxPolicies) {
        const oldest = this.policies.keys().next();
        if (!oldest.done) this.policies.delete(oldest.value);
      }
      state = { recent: new Map(), newest: at };
    } else {
      this.policies.delete(policyId);
    }
    this.policies.set(policyId, state);
    return state;
  }

  private prune(state: PolicyWindow): void {
    const floor = state.newest - this.options.windowMs;
    for (const [user, seen] of state.recent) if (seen.at <= floor) state.recent.delete(user);
  }

  private openIncident(state: PolicyWindow, event: BlockEvent): BurstSignal {
    const entries = [...state.recent].sort((a, b) => a[1].at - b[1].at);
    const times = entries.map(([, v]) => v.at);
    const incident: Incident = {
      id: `${event.policyId}:${new Date(times[0]).toISOString()}`,
      policyId: event.policyId,
      policyName: event.policyName,
      count: entries.length,
      firstAt: new Date(times[0]),
      lastAt: new Date(times[times.length - 1]),
      users: entries
        .slice(0, this.maxUsersListed)
        .map(([id, v]) => ({ id, userPrincipalName: v.upn })),
    };
    state.open = { incident, seen: new Set(entries.map(([id]) => id)) };
    return { kind: 'opened', incident: { ...incident, users: [...incident.users] } };
  }

  private extend(
    open: { incident: Incident; seen: Set<string> },
    event: BlockEvent,
    at: number,
  ): BurstSignal | undefined {
    const incident = open.incident;
    if (at > incident.lastAt.getTime()) incident.lastAt = new Date(at);
    if (at < incident.firstAt.getTime()) incident.firstAt = new Date(at);
    if (open.seen.has(event.userId)) return undefined;
    open.seen.add(event.userId);
    incident.count += 1;
    if (incident.users.length < this.maxUsersListed) {
      incident.users.push({ id: event.userId, userPrincipalName: event.userPrincipalName });
    }
    return { kind: 'updated', incident: { ...incident, users: [...incident.users] } };
  }
}
