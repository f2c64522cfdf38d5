import type { TokenCredential } from '@azure/identity';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { AppConfig } from '../src/config';
import { createGraphClient } from '../src/graph/client';
import { GraphGroupMembership } from '../src/graph/group-membership';
import type { Clock } from '../src/ports';
import { GraphDirectoryWriter } from '../src/graph/directory-writer';
import { GraphDirectoryReader } from '../src/graph/directory-reader';
import { GraphRemediationReader } from '../src/graph/remediation-reader';
import { GraphDirectoryLookup } from '../src/graph/directory-lookup';
import { GraphDirectorySearch } from '../src/graph/directory-search';
import { GraphTenantSettings } from '../src/graph/tenant-settings';
import { GraphTransport } from '../src/graph/transport';
import type { Logger } from '../src/remediation/ports';
import { createStorage, type StorageConnection } from '../src/storage';
import { OfferBook } from '../src/remediation/offer-book';
import { composeChecks } from './remediation/checks';
import { composeRemediation, remediationPolicyOf } from './remediation/compose';
import { formLimitsSource } from './remediation';
import type { VerifyReport } from '../src/remediation/verify';
import { TenantRateLimits } from '../src/graph/rate-limiter';
import { FileJournal } from '../src/storage/file-journal';
import type { DeliveryMessage } from '../src/announcements/types';
import { ANNOUNCEMENT_QUEUE, buildAnnouncementServices } from './announcements';
import { createDiagnosisBot } from './diagnosis';
import { composeTenantWatch } from './tenant-findings';
import { createHandoffBot } from './handoff';
import { ChannelIncidentNotifier } from './incidents';
import type { BotParts } from './parts';
import { registerPostureRoutes, type PostureBot } from './posture';
import { GraphPostureReader } from '../src/posture/graph-reader';
import { channelAuthSettings, ReusedClientsTeamsAdapter } from './edge';
import { FeatureSwitches, type HealthReport } from '../src/health';
import { systemClock } from '../src/ports';
import { count } from '../src/telemetry';
import { sourceLog } from './log';
import { backgroundWork } from './background';
import { readinessProbes, selfCheckFor } from './health';
import { registerRoutes } from './routes';
import { defaultTriageThreads, pasteReader } from '../src/triage/off-thread';
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
   * The pacing of Graph's documented per-tenant limits, shared by every Graph adapter of the
   * tenant through the one transport.
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

export {
  composeRemediation,
  remediationPolicyOf,
  type RemediationComposition,
} from './remediation/compose';

/** The composition root: every adapter is built here and handed to the routes. */
export function composeBot(config: AppConfig, parts: ResolvedParts): ComposedBot {
  // TeamsAdapter with the reply's connector client and the token client kept between turns.
  const adapter = new ReusedClientsTeamsAdapter({
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
  const clock = parts.clock ?? systemClock;
  // The one transport every Graph adapter calls through, with the tenant's one limiter (so
  // diagnosis and the closed-loop check share Graph's sign-in budget).
  const limits = parts.graphLimits ?? new TenantRateLimits({ clock });
  const graphCalls = new GraphTransport(graph, parts.graphBaseUrl, limits);
  const membership = new GraphGroupMembership(graphCalls);
  const switches = new FeatureSwitches();
  const selfCheck = selfCheckFor({
    config,
    graph: graphCalls,
    credential: parts.graphCredential,
    records: storage.records,
    switches,
  });
  const app = new Application<TurnState>({
    adapter,
    botAppId: config.bot.appId,
    // No turn state: no route reads or writes it (requests, audit, pastes and delivery live in
    // Tables with eTags), and loading it cost two storage round trips on every message.
    removeRecipientMention: true,
  });

  // Diagnosis remembers the fixes it offered, so a request made from its card carries its reason.
  // Strict: a fix diagnosis never offered (a forged or stale request) is refused, not asked for.
  const offers = new OfferBook(storage.records, clock, { strict: true });
  // One directory reader for diagnosis and the checks around a fix: one fair line for the
  // sign-in log, one set of policy caches.
  const directory = new GraphDirectoryReader(graphCalls, { clock });
  const checks = composeChecks({
    graphCalls,
    directory,
    records: storage.records,
    membership,
    limits,
    clock,
    offers,
  });
  const remediationReader = new GraphRemediationReader(graphCalls);
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
    graph: graphCalls,
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
    graph: graphCalls,
    reader: directory,
    clock,
    records: storage.records,
    membership,
    helpdeskGroupId: config.helpdeskGroupId,
    offers,
    forms: formLimitsSource(remediationReader, remediation.service.policy),
    offersAllowed: switches.fixAllowed,
    incidents: { notifier: new ChannelIncidentNotifier(helpdeskChannel) },
    handoff: handoff.service,
  });
  const announcements = buildAnnouncementServices({
    config,
    records: storage.records,
    queue: storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE),
    graph: graphCalls,
    catalogAppId: config.announcements.catalogAppId,
    evidence: checks.evidence,
  });
  const botParts: BotParts = {
    config,
    adapter,
    storage,
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
    pastes: pasteReader(config.triageThreads ?? defaultTriageThreads()),
    tenant: new GraphPostureReader(graphCalls),
  };
  // Registered before the other routes: `posture`, `report` and `how-to` must match before the
  // catch-all message route.
  const posture = registerPostureRoutes(app, {
    graph: graphCalls,
    records: storage.records,
    membership,
    helpdeskGroupId: config.helpdeskGroupId,
    adminGroupId: config.adminGroupId,
    settings: config.posture,
    notifier: helpdeskChannel,
  });
  registerRoutes(app, botParts);

  const background = backgroundWork({
    config,
    posture,
    remediation: remediation.service,
    announcements,
    remediationLog,
  });
  const probes = readinessProbes(storage, graphCalls, parts.graphBaseUrl);
  return {
    app,
    adapter,
    probes,
    posture,
    startBackground: () => background.start(),
    selfCheck,
    checkSignIns: () => remediation.service.checkSignIns(),
    stopBackground: () => background.stop(),
  };
}
