import type { Activity } from 'botbuilder';
import { addressOf, channelRoot, tenantIdOf } from '../conversation-reference';
import type { RecordStore } from '../../src/ports';
import type { ChatAddress } from '../../src/remediation/types';

/**
 * Where approval cards go. A helpdesk member can pick the channel from Teams ("use this channel
 * for approvals", stored so every instance and restart agrees); otherwise the configured channel
 * id is used with the service URL and tenant the bot last saw on an incoming activity, since a
 * proactive post needs both and Teams only tells them on the way in. What was last seen is also
 * stored, so an instance that has not yet received anything since it started (a restart before a
 * scheduled post, a second instance doing background work) can still reach the channel.
 */

export const SETTINGS_TABLE = 'RemediationSettings';
const KEY = { partition: 'settings', row: 'helpdesk-channel' };
const HINT_KEY = { partition: 'settings', row: 'service-hint' };

/** Where Teams last reached the bot from. */
interface ServiceHint extends Record<string, unknown> {
  serviceUrl: string;
  tenantId?: string;
}

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
  /** The hint as this instance last stored it: written again only when Teams says otherwise. */
  private storedHint?: string;

  constructor(
    private readonly records: RecordStore,
    private readonly config: HelpdeskChannelConfig = {},
    private readonly onHintNotSaved: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Learns the service URL and tenant from an incoming activity, and stores them when they are
   * new to this instance. A store that cannot be written is reported, never fails the turn.
   */
  async observe(activity: Partial<Activity>): Promise<void> {
    if (activity.serviceUrl) this.lastServiceUrl = activity.serviceUrl;
    const tenant = tenantIdOf(activity);
    if (tenant) this.lastTenantId = tenant;
    if (!this.lastServiceUrl) return;
    const hint: ServiceHint = { serviceUrl: this.lastServiceUrl };
    if (this.lastTenantId) hint.tenantId = this.lastTenantId;
    const key = JSON.stringify(hint);
    if (key === this.storedHint) return;
    this.storedHint = key;
    await this.records.upsert<ServiceHint>(SETTINGS_TABLE, HINT_KEY, hint).catch((error) => {
      this.storedHint = undefined;
      this.onHintNotSaved(error);
    });
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
    if (!this.config.conversationId) return undefined;
    const seen =
      (this.config.serviceUrl ?? this.lastServiceUrl)
        ? undefined
        : (await this.records.get<ServiceHint>(SETTINGS_TABLE, HINT_KEY))?.value;
    const serviceUrl = this.config.serviceUrl ?? this.lastServiceUrl ?? seen?.serviceUrl;
    if (!serviceUrl) return undefined;
    const address: ChatAddress = {
      serviceUrl,
      conversationId: this.config.conversationId,
      conversationType: 'channel',
    };
    const tenantId = this.config.tenantId ?? this.lastTenantId ?? seen?.tenantId;
    if (tenantId) address.tenantId = tenantId;
    return address;
  }
}
