import type { GroupMembership } from '../../../src/ports';

/** Group membership from a fixed map; counts look-ups so caching can be observed. */
export class StaticMembership implements GroupMembership {
  lookups = 0;

  constructor(private readonly groupsByUser: Record<string, string[]>) {}

  async memberOf(userId: string, groupIds: readonly string[]): Promise<string[]> {
    this.lookups += 1;
    const mine = this.groupsByUser[userId] ?? [];
    return groupIds.filter((id) => mine.includes(id));
  }
}
