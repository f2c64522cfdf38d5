/**
 * Where a recipient's message goes: the team channel, the stored 1:1 chat, or a chat opened now
 * (installing the app through Graph first when the person never had it). Decides and reads only;
 * the caller records what it answers on the recipient's row.
 */
import type { DeliveryLimiter } from './delivery-limiter';
import type { AppInstaller, ProactiveSender, SendOutcome } from './ports';
import type { ReferenceStore } from './reference-store';
import { userLimitKey } from './tables';
import type { AnnouncementRecord, RecipientRecord, StoredReference } from './types';

export type Target =
  /** Send here. */
  | { kind: 'reference'; reference: StoredReference }
  /** Nobody can be reached: record this final status. */
  | { kind: 'unreachable'; reason: string }
  /** A call on the way (install or open) did not go through: handle it like a send's outcome. */
  | { kind: 'outcome'; outcome: SendOutcome };

export class RecipientTargets {
  constructor(
    private readonly deps: {
      references: ReferenceStore;
      sender: ProactiveSender;
      limiter: DeliveryLimiter;
      installer?: AppInstaller;
    },
  ) {}

  async find(
    announcement: AnnouncementRecord,
    value: RecipientRecord,
    signal?: AbortSignal,
  ): Promise<Target> {
    if (value.kind === 'channel') {
      const team = value.teamId ? await this.deps.references.team(value.teamId) : undefined;
      if (!team || !value.channelId) return { kind: 'unreachable', reason: 'bot-not-in-team' };
      return {
        kind: 'reference',
        reference: { ...team, conversationId: value.channelId, conversationType: 'channel' },
      };
    }
    const objectId = value.objectId ?? '';
    const stored = value.reference ?? (await this.deps.references.user(objectId));
    if (stored) return { kind: 'reference', reference: stored };
    if (value.guest) return { kind: 'unreachable', reason: 'guest-without-app' };
    if (!this.deps.installer) return { kind: 'unreachable', reason: 'app-not-installed' };
    return this.reach(announcement, objectId, this.deps.installer, signal);
  }

  /** Installs the app for a user through Graph, then opens the 1:1 chat. */
  private async reach(
    announcement: AnnouncementRecord,
    objectId: string,
    installer: AppInstaller,
    signal?: AbortSignal,
  ): Promise<Target> {
    const tenantId = announcement.authorReference?.tenantId;
    const tenant = tenantId ? await this.deps.references.tenant(tenantId) : undefined;
    if (!tenantId || !tenant) return { kind: 'unreachable', reason: 'no-service-url-for-tenant' };
    const installed = await installer.installForUser(objectId);
    if (installed.kind === 'unavailable') return { kind: 'unreachable', reason: installed.reason };
    if (installed.kind === 'retry') {
      return {
        kind: 'outcome',
        outcome:
          installed.retryAfterMs === undefined
            ? { kind: 'transient', detail: installed.detail }
            : { kind: 'throttled', retryAfterMs: installed.retryAfterMs },
      };
    }
    let reference: StoredReference;
    if (installed.chatId) {
      reference = {
        serviceUrl: tenant.serviceUrl,
        tenantId,
        botId: tenant.botId,
        conversationId: installed.chatId,
        conversationType: 'personal',
        userObjectId: objectId,
      };
    } else {
      await this.deps.limiter.acquire(userLimitKey(objectId), signal);
      const opened = await this.deps.sender.openPersonal({
        userObjectId: objectId,
        tenantId,
        serviceUrl: tenant.serviceUrl,
        botId: tenant.botId,
      });
      if (opened.kind !== 'opened') return { kind: 'outcome', outcome: opened };
      reference = opened.reference;
    }
    await this.deps.references.saveUser(objectId, reference, 'graph-install');
    return { kind: 'reference', reference };
  }
}
