import type { AnnouncementStore } from '../announcements/announcement-store';
import type { GroupMembership } from '../ports';
import type { PostureReader } from '../posture/reads';
import type { TenantFactsReader } from './watch';

/**
 * The tenant facts a finding needs, from the reads posture already makes (the organization
 * record, the SMS method policy) and the cached group membership. A read that fails throws, so
 * the watcher leaves that finding out rather than guessing.
 */
export class PostureTenantFacts implements TenantFactsReader {
  constructor(
    private readonly reader: PostureReader,
    private readonly membership: GroupMembership,
    private readonly announcing: () => Promise<boolean>,
  ) {}

  async lastPasswordSync(): Promise<string | null> {
    const read = await this.reader.organization();
    if (!read.ok) throw new Error('the organization record could not be read');
    return read.value.onPremisesLastPasswordSyncDateTime;
  }

  numberMatchingAnnouncementActive(): Promise<boolean> {
    return this.announcing();
  }

  async smsSignInAllowed(userId: string): Promise<boolean> {
    const read = await this.reader.sms();
    if (!read.ok) throw new Error('the SMS method policy could not be read');
    if (read.value.state !== 'enabled') return false;
    const groups = read.value.includeTargets
      .filter((t) => t.isUsableForSignIn === true)
      .map((t) => t.id);
    if (groups.includes('all_users')) return true;
    if (groups.length === 0) return false;
    return (await this.membership.memberOf(userId, groups)).length > 0;
  }
}

/** Whether a number-matching announcement is being sent (queued or sending) right now. */
export async function numberMatchingAnnouncementActive(store: AnnouncementStore): Promise<boolean> {
  for (const id of await store.activeIds()) {
    const stored = await store.get(id);
    const a = stored?.value;
    if (a?.template === 'number-matching' && (a.state === 'queued' || a.state === 'sending')) {
      return true;
    }
  }
  return false;
}
