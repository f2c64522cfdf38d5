import type { Client } from '@microsoft/microsoft-graph-client';
import type { Clock, GroupMembership } from '../ports';
import { systemClock } from '../ports';
import { GraphTransport, path } from './transport';
import { TtlCache } from './ttl-cache';

/** checkMemberGroups accepts at most 20 group ids per call. */
const MAX_GROUPS_PER_CALL = 20;

/**
 * Transitive membership through Graph `checkMemberGroups`, cached briefly so a burst of card
 * clicks does not turn into a burst of Graph calls. Membership changes show up within `ttlMs`.
 */
export class GraphGroupMembership implements GroupMembership {
  private readonly cache: TtlCache<string[]>;
  private readonly graph: GraphTransport;

  /** `graph`: the shared transport (compose.ts), or a client for a transport of its own. */
  constructor(graph: Client | GraphTransport, options: { ttlMs?: number; clock?: Clock } = {}) {
    this.graph = graph instanceof GraphTransport ? graph : new GraphTransport(graph);
    this.cache = new TtlCache<string[]>(options.ttlMs ?? 60_000, options.clock ?? systemClock);
  }

  async memberOf(userId: string, groupIds: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(groupIds)].sort();
    if (wanted.length === 0) return [];
    return this.cache.get(`${userId}|${wanted.join(',')}`, () => this.check(userId, wanted));
  }

  private async check(userId: string, groupIds: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += MAX_GROUPS_PER_CALL) {
      const { body } = await this.graph.ok(
        'POST',
        path('users', userId, 'checkMemberGroups'),
        { groupIds: groupIds.slice(i, i + MAX_GROUPS_PER_CALL) },
        { operation: 'checking group membership', permission: 'GroupMember.Read.All' },
      );
      const value = (body as { value?: unknown } | undefined)?.value;
      if (Array.isArray(value)) found.push(...value.filter((g) => typeof g === 'string'));
    }
    return found;
  }
}
