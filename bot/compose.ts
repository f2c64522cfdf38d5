import type { TokenCredential } from '@azure/identity';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { AppConfig } from '../src/config';
import { createGraphClient } from '../src/graph/client';
import { GraphGroupMembership } from '../src/graph/group-membership';
import type { Clock, GroupMembership, RecordStore } from '../src/ports';
import { TableAuditLog } from '../src/audit/audit-log';
import { GraphDirectoryWriter } from '../src/graph/directory-writer';
import { GraphRemediationReader } from '../src/graph/remediation-reader';
import { GraphDirectorySearch } from '../src/graph/directory-search';
import { GraphDirectoryLookup } from '../src/graph/directory-lookup';
import { GraphTenantSettings } from '../src/graph/tenant-settings';
import type { DirectoryLookup } from '../src/remediation/admin-changes/ask';
import { GraphTransport } from '../src/graph/transport';
import type { TenantSettings } from '../src/remediation/admin-changes/ports';
import { createRemediationPolicy, type RemediationPolicy } from '../src/remediation/policy';
import type {
  DirectoryWriter,
  Logger,
  OfferCheck,
  DirectorySearch,
  RemediationReader,
} from '../src/remediation/ports';
import { RemediationService } from '../src/remediation/service';
import { createStorage, type StorageConnection } from '../src/storage';
import { OfferBook } from '../src/remediation/offer-book';
import type { WhatIfReader } from '../src/remediation/exclusion-preview';
import type { SignInWatches } from '../src/remediation/sign-in-watch';
import { composeChecks } from './remediation/checks';
import type { VerifyReport } from '../src/remediation/verify';
import { TenantRateLimits } from '../src/graph/rate-limiter';
import type { OutboxJournal } from '../src/remediation/outbox';
import { FileJournal } from '../src/storage/file-journal';
import type { DeliveryMessage } from '../src/announcements/types';
import {
  ANNOUNCEMENT_QUEUE,
  startAnnouncementWorkers,
  type AnnouncementParts,
} from './announcements';
import { createDiagnosisBot } from './diagnosis';
import { composeTenantWatch } from './tenant-findings';
import { createHandoffBot } from './handoff';
import { ChannelIncidentNotifier } from './incidents';
import type { BotParts } from './parts';
import { registerPostureRoutes, startPostureSchedule, type PostureBot } from './posture';
import {
  formLimitsSource,
  HelpdeskChannel,
  RemediationAnnouncer,
  startRemediationSweeper,
  startSignInWatcher,
  TeamsNotifier,
  type HelpdeskChannelConfig,
  type ProactiveAdapter,
  type Remediation,
} from './remediation';
import { channelAuthSettings } from './edge';
import { FeatureSwitches, runSelfCheck, type HealthReport } from '../src/health';
import type { DeliveryEvent } from '../src/announcements/recipient-delivery';
import { SANDBOX_APP_ID } from '../src/sandbox/consent-scenarios';
import { systemClock } from '../src/ports';
import { count } from '../src/telemetry';
import { sourceLog } from './log';
import { registerRoutes } from './routes';
import type { ReadinessProbe } from './server';

/** Where each part lives once started (local) or configured (production). */
export interface ResolvedParts {
  storage: StorageConnection;
  graphBaseUrl?: string;
  graphCredential: TokenCredential;
  /** What remediation, its checks and diagnosis take as now; tests drive it, production omits it. */
  clock?: Clock;
  /**
   * Folder of remediation's outbox (outcomes, audit entries and notices not yet written), kept on
   * local disk so it outlives a storage outage and a restart. Unset: kept in memory (tests).
   */
  outboxDir?: string;
  /**
   * The pacing of Graph's documented per-tenant limits, shared by every reader of the tenant.
   * Defaults to the documented figures; the turn-throughput benchmark passes an unpaced one for
   * the sandbox tenant with its limits off.
   */
  graphLimits?: TenantRateLimits;
}

export interface ComposedBot {
  app: Application<TurnState>;
  adapter: TeamsAdapter;
  probes: Record<string, ReadinessProbe>;
  /** Tenant posture: the scheduled check, callable directly (tests, operators). */
  posture: PostureBot;
  /** Starts background work (sweepers, delivery workers). */
  startBackground(): Promise<void>;
  /** Stops background work, waiting for what is in progress. */
  stopBackground(): Promise<void>;
  /** Checks the configuration against the tenant and switches off what lacks consent. */
  selfCheck(): Promise<HealthReport>;
  /** One run of the closed-loop check (the background work runs it every few seconds). */
  checkSignIns(): Promise<VerifyReport>;
}

const remediationLines = sourceLog('remediation');

/** One structured line per remediation event (never a secret: remediation's contract), counted. */
const remediationLog: Logger = (entry) => {
  remediationLines(entry);
  count('helpdesk.remediation.events', { event: entry.event });
};

/** Announcement throughput: every send Teams answered, by outcome. */
function countDelivery(event: DeliveryEvent): void {
  if (event.kind === 'answered') {
    count('helpdesk.announcements.deliveries', { outcome: event.outcome });
  }
}

/** The Graph app's client id, for reading its service principal's consent. */
function graphAppId(config: AppConfig): string | undefined {
  const credential = config.graph.credential;
  if (credential.kind === 'sandbox') return SANDBOX_APP_ID;
  return credential.clientId;
}

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
  /** The typeahead of the fix forms (GraphDirectorySearch). */
  search?: DirectorySearch;
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
}

/**
 * Remediation's parts, built once: the channel book, the Teams notifier (shared with the incident
 * cards), the announcer that turns domain events into cards, the audit log and the service.
 */
export function composeRemediation(parts: RemediationComposition): {
  remediation: Remediation;
  notifier: TeamsNotifier;
} {
  const channel = new HelpdeskChannel(parts.records, parts.helpdeskChannel);
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

/** How often the posture schedule looks whether a run is due (the interval itself is configured). */
const POSTURE_TICK_MS = 10 * 60_000;

/** The composition root: every adapter is built here and handed to the routes. */
export function composeBot(config: AppConfig, parts: ResolvedParts): ComposedBot {
  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password,
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId,
    ...channelAuthSettings(config.security),
  });
  const storage = createStorage(parts.storage);
  const graph = createGraphClient({
    baseUrl: parts.graphBaseUrl,
    credential: parts.graphCredential,
  });
  const membership = new GraphGroupMembership(graph);
  const clock = parts.clock ?? systemClock;
  // One limiter for the tenant: diagnosis and the closed-loop check share Graph's sign-in budget.
  const limits = parts.graphLimits ?? new TenantRateLimits({ clock });
  const switches = new FeatureSwitches();
  const selfCheck = async (): Promise<HealthReport> => {
    const report = await runSelfCheck({
      config,
      graph,
      credential: parts.graphCredential,
      graphAppId: graphAppId(config),
      records: storage.records,
      clock: systemClock,
    });
    switches.apply(report);
    return report;
  };
  const graphCalls = new GraphTransport(graph, parts.graphBaseUrl);
  const app = new Application<TurnState>({
    adapter,
    botAppId: config.bot.appId,
    // No turn state: no route reads or writes it (requests, audit, pastes and delivery live in
    // Tables with eTags), and loading it cost two storage round trips on every message.
    removeRecipientMention: true,
  });

  // Diagnosis remembers the fixes it offered, so a request made from its card carries its reason.
  // Strict: a fix diagnosis never offered (a forged or stale request) is refused, not asked for.
  const remediationReader = new GraphRemediationReader(graphCalls);
  const offers = new OfferBook(storage.records, clock, { strict: true });
  const checks = composeChecks({
    graph,
    graphCalls,
    records: storage.records,
    membership,
    limits,
    clock,
    offers,
  });
  const { remediation, notifier: helpdeskChannel } = composeRemediation({
    adapter,
    botAppId: config.bot.appId,
    records: storage.records,
    reader: remediationReader,
    writer: new GraphDirectoryWriter(graphCalls),
    membership,
    tenant: new GraphTenantSettings(graphCalls),
    lookup: new GraphDirectoryLookup(graphCalls),
    policy: remediationPolicyOf(config),
    search: new GraphDirectorySearch(graphCalls),
    helpdeskChannel: { conversationId: config.helpdeskChannelId },
    clock,
    log: remediationLog,
    offers,
    whatIf: checks.whatIf,
    watches: checks.watches,
    outbox: parts.outboxDir
      ? new FileJournal(parts.outboxDir, (error) =>
          remediationLog({
            level: 'error',
            event: 'remediation.outbox-disk-refused',
            message: error instanceof Error ? error.message : String(error),
          }),
        )
      : undefined,
  });
  const tenantWatch = composeTenantWatch(config, {
    graph,
    records: storage.records,
    membership,
    channel: helpdeskChannel,
  });
  const handoff = createHandoffBot({
    records: storage.records,
    membership,
    helpdeskGroupId: config.helpdeskGroupId,
    audit: remediation.audit,
    notifier: helpdeskChannel,
    offers,
  });
  const diagnosis = createDiagnosisBot({
    tenantWatch,
    graph,
    clock,
    records: storage.records,
    membership,
    helpdeskGroupId: config.helpdeskGroupId,
    limits,
    offers,
    forms: formLimitsSource(remediationReader, remediation.service.policy),
    offersAllowed: switches.fixAllowed,
    incidents: { notifier: new ChannelIncidentNotifier(helpdeskChannel) },
    handoff: handoff.service,
  });
  const announcements: AnnouncementParts = {
    config,
    records: storage.records,
    queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
    graph,
    catalogAppId: config.announcements.catalogAppId,
    evidence: checks.evidence,
  };
  const botParts: BotParts = {
    config,
    adapter,
    storage,
    graph,
    membership,
    remediation,
    handoff,
    diagnosis,
    announcements,
    health: {
      check: selfCheck,
      switches,
      membership,
      adminGroupIds: [config.adminGroupId ?? config.helpdeskGroupId],
    },
  };
  // Registered before the other routes: `posture`, `report` and `how-to` must match before the
  // catch-all message route.
  const posture = registerPostureRoutes(app, {
    graph,
    records: storage.records,
    membership,
    helpdeskGroupId: config.helpdeskGroupId,
    adminGroupId: config.adminGroupId,
    settings: config.posture,
    adapter,
    botAppId: config.bot.appId,
    helpdeskChannelId: config.helpdeskChannelId,
  });
  registerRoutes(app, botParts);

  let sweeper: { stop(): Promise<void> } | undefined;
  let watcher: { stop(): Promise<void> } | undefined;
  let stopWorkers: (() => Promise<void>) | undefined;
  let postureSchedule: { stop(): Promise<void> } | undefined;
  const probes: Record<string, ReadinessProbe> = {
    storage: async () => {
      await storage.records.ping();
      return { state: 'up', detail: 'tables answer', address: storage.describe() };
    },
    graph: async () => {
      const org = (await graph.api('/organization').select(['id', 'displayName']).get()) as {
        value?: { id: string; displayName: string }[];
      };
      const tenant = org.value?.[0];
      return {
        state: 'up',
        detail: tenant ? `${tenant.displayName} (${tenant.id})` : 'answers',
        address: parts.graphBaseUrl ?? 'https://graph.microsoft.com',
      };
    },
  };
  return {
    app,
    adapter,
    probes,
    posture,
    async startBackground() {
      if (config.posture.everyHours > 0) {
        postureSchedule ??= startPostureSchedule(posture, { tickMs: POSTURE_TICK_MS });
      }
      sweeper ??= startRemediationSweeper(remediation.service, {
        intervalMs: 60_000,
        log: remediationLog,
      });
      watcher ??= startSignInWatcher(remediation.service, { log: remediationLog });
      stopWorkers ??= await startAnnouncementWorkers({
        ...announcements,
        options: { ratePerSecond: config.announcements.ratePerSecond, observe: countDelivery },
      });
    },
    selfCheck,
    checkSignIns: () => remediation.service.checkSignIns(),
    async stopBackground() {
      await Promise.all([
        sweeper?.stop(),
        watcher?.stop(),
        stopWorkers?.(),
        postureSchedule?.stop(),
      ]);
      watcher = undefined;
      postureSchedule = undefined;
      sweeper = undefined;
      stopWorkers = undefined;
    },
  };
}
