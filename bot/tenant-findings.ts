import { postureTemplate } from '../cards/posture/posture';
import { tenantFindingCardData } from '../cards/posture/tenant-finding';
import { render } from '../cards/render';
import { AnnouncementStore } from '../src/announcements/announcement-store';
import type { AppConfig } from '../src/config';
import type { GraphTransport } from '../src/graph/transport';
import { GraphPostureReader } from '../src/posture/graph-reader';
import { systemClock, type GroupMembership, type RecordStore } from '../src/ports';
import { PostureTenantFacts, numberMatchingAnnouncementActive } from '../src/tenant-findings/facts';
import { TenantFindingWatch } from '../src/tenant-findings/watch';
import { logFailure } from './failures';
import type { Notifier } from './remediation/notifier';

/**
 * Tenant-wide causes on the helpdesk channel: the watch (src/tenant-findings) decides and
 * remembers what was said; here each finding becomes a card posted through the same channel
 * notifier as approvals and incidents.
 */
export function composeTenantWatch(
  config: AppConfig,
  parts: {
    /** The one Graph transport (compose.ts). */
    graph: GraphTransport;
    records: RecordStore;
    membership: GroupMembership;
    channel: Pick<Notifier, 'postToHelpdesk'>;
  },
): TenantFindingWatch {
  const announcements = new AnnouncementStore(parts.records);
  return new TenantFindingWatch({
    facts: new PostureTenantFacts(new GraphPostureReader(parts.graph), parts.membership, () =>
      numberMatchingAnnouncementActive(announcements),
    ),
    records: parts.records,
    notifier: {
      async post(finding) {
        const card = render(postureTemplate, tenantFindingCardData(finding));
        return (await parts.channel.postToHelpdesk(card)) !== undefined;
      },
    },
    clock: systemClock,
    staleHours: config.posture.syncStaleHours,
    onError: (error) => logFailure('tenant-finding-failed', error, {}),
  });
}
