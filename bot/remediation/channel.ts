import type { Activity } from 'botbuilder';
import { addressOf, channelRoot, tenantIdOf } from '../conversation-reference';
import type { RecordStore } from '../../src/ports';
import type { ChatAddress } from '../../src/remediation/types';

/**
 * Where approval cards go. A helpdesk member can pick the channel from Teams ("use this channel
 * for approvals", stored so every instance and restart agrees); otherwise the configured channel
 * id is used with the service URL and tenant the bot last saw on an incoming activity, since a
 * proactive post needs both and Teams only tells them on the way in.
 */

export const SETTINGS_TABLE = 'RemediationSettings';
const KEY = { partition: 'settings', row: 'helpdesk-channel' };

export interface HelpdeskChannelConfig {
  /** Teams channel id, e.g. 19:...@thread.tacv2 (HELPDESK_CHANNEL_ID). */
  conversationId?: string;
  /** Known service URL; otherwise the last one seen on an incoming activity. */
  serviceUrl?: string;
  tenantId?: string;
}

export class HelpdeskChannel {
  private lastServiceUrl?: string;
  private lastTenantId?: string;

  constructor(
    private readonly records: RecordStore,
    private readonly config: HelpdeskChannelConfig = {},
  ) {}

  /** Learns the service URL and tenant from an incoming activity. */
  observe(activity: Partial<Activity>): void {
    if (activity.serviceUrl) this.lastServiceUrl = activity.serviceUrl;
    const tenant = tenantIdOf(activity);
    if (tenant) this.lastTenantId = tenant;
  }

  /** Stores the conversation of `activity` as the helpdesk channel. */
  async choose(activity: Partial<Activity>): Promise<ChatAddress | undefined> {
    const address = addressOf(activity);
    if (!address) return undefined;
    const chosen: ChatAddress = {
      ...address,
      conversationId: channelRoot(address.conversationId),
    };
    delete chosen.userId;
    await this.records.upsert(SETTINGS_TABLE, KEY, chosen);
    return chosen;
  }

  async address(): Promise<ChatAddress | undefined> {
    const stored = await this.records.get<ChatAddress>(SETTINGS_TABLE, KEY);
    if (stored) return stored.value;
    const serviceUrl = this.config.serviceUrl ?? this.lastServiceUrl;
    if (!this.config.conversationId || !serviceUrl) return undefined;
    const address: ChatAddress = {
      serviceUrl,
      conversationId: this.config.conversationId,
      conversationType: 'channel',
    };
    const tenantId = this.config.tenantId ?? this.lastTenantId;
    if (tenantId) address.tenantId = tenantId;
    return address;
  }
}
