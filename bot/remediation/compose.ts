import { TableAuditLog } from '../../src/audit/audit-log';
import type { Clock, GroupMembership, RecordStore } from '../../src/ports';
import type { DirectoryLookup } from '../../src/remediation/admin-changes/ask';
import type { TenantSettings } from '../../src/remediation/admin-changes/ports';
import type { WhatIfReader } from '../../src/remediation/exclusion-preview';
import type { OutboxJournal } from '../../src/remediation/outbox';
import type { AppConfig } from '../../src/config';
import { createRemediationPolicy, type RemediationPolicy } from '../../src/remediation/policy';
import type {
  DirectorySearch,
  DirectoryWriter,
  Logger,
  OfferCheck,
  RemediationReader,
} from '../../src/remediation/ports';
import { RemediationService } from '../../src/remediation/service';
import type { SignInWatches } from '../../src/remediation/sign-in-watch';
import { RemediationAnnouncer } from './announcer';
import { HelpdeskChannel, type HelpdeskChannelConfig } from './channel';
import { TeamsNotifier, type ProactiveAdapter } from './notifier';
import type { Remediation } from './routes';

/** Remediation's parts as the composition root (bot/compose.ts) builds them; tests use it too. */

export interface RemediationComposition {
  /** The TeamsAdapter, for proactive posts, edits and 1:1 messages. */
  adapter: ProactiveAdapter;
  /** The bot's app id ('' in local mode without authentication). */
  botAppId: string;
  records: RecordStore;
  /** The reads a fix makes before writing (GraphRemediationReader; a fake in domain tests). */
  reader: RemediationReader;
  /** The tenant writer (GraphDirectoryWriter; a fake in domain tests). */
  writer: DirectoryWriter;
  /** Cached transitive membership (GraphGroupMembership). */
  membership: GroupMembership;
  policy: RemediationPolicy;
  helpdeskChannel?: HelpdeskChannelConfig;
  clock?: Clock;
  /** Structured log lines; never given a secret. */
  log?: Logger;
  /** Re-check of an offer with diagnosis when a request is made. */
  offers?: OfferCheck;
  /** Conditional Access What If, for the exclusion preview (GraphWhatIfReader). */
  whatIf?: WhatIfReader;
  /** The closed-loop check's watches (SignInWatches). */
  watches?: SignInWatches;
  /** Where follow-up work waits (FileJournal); in memory when unset. */
  outbox?: OutboxJournal;
  /** Tenant settings the guided admin changes write (GraphTenantSettings). */
  tenant?: TenantSettings;
  /** Finds what admin change commands name (GraphDirectoryLookup). */
  lookup?: DirectoryLookup;
  /** The typeahead of the fix forms (GraphDirectorySearch). */
  search?: DirectorySearch;
}

/**
 * Remediation's parts, built once: the channel book, the Teams notifier (shared with the incident
 * cards), the announcer that turns domain events into cards, the audit log and the service.
 */
export function composeRemediation(parts: RemediationComposition): {
  remediation: Remediation;
  notifier: TeamsNotifier;
} {
  const channel = new HelpdeskChannel(parts.records, parts.helpdeskChannel, (error) =>
    parts.log?.({
      level: 'warn',
      event: 'channel.hint-not-saved',
      message: error instanceof Error ? error.message : String(error),
    }),
  );
  const notifier = new TeamsNotifier(
    parts.adapter,
    parts.botAppId,
    channel,
    parts.membership,
    parts.log ?? (() => undefined),
  );
  const audit = new TableAuditLog(parts.records, parts.clock);
  const service = new RemediationService({
    records: parts.records,
    reader: parts.reader,
    writer: parts.writer,
    membership: parts.membership,
    events: new RemediationAnnouncer(notifier, parts.policy, parts.log),
    audit,
    policy: parts.policy,
    clock: parts.clock,
    log: parts.log,
    offers: parts.offers,
    whatIf: parts.whatIf,
    watches: parts.watches,
    outbox: parts.outbox,
    // A click is answered at once; the channel and the requester hear of it moments later.
    notifyInBackground: true,
    tenant: parts.tenant,
  });
  return {
    remediation: { service, audit, channel, search: parts.search, lookup: parts.lookup },
    notifier,
  };
}

/** The remediation policy the configuration describes: groups, tiers and limits. */
export function remediationPolicyOf(config: AppConfig): RemediationPolicy {
  const { remediation } = config;
  return createRemediationPolicy({
    helpdeskGroupId: config.helpdeskGroupId,
    adminGroupId: config.adminGroupId,
    exclusionGroupIds: remediation.exclusionGroupIds,
    protectedUserIds: remediation.protectedUserIds,
    requestTtlMinutes: remediation.requestTtlMinutes,
    approverOverrides: remediation.tiers.approvers,
    fourEyesKinds: remediation.tiers.fourEyes,
    roleHolderAdminKinds: remediation.tiers.adminTierFixes,
    neverExcludePolicyIds: remediation.tiers.neverExcludePolicyIds,
    maxExclusionHours: remediation.tiers.maxExclusionHours,
  });
}
