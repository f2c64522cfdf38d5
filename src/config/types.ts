import type { GraphCredentialConfig } from '../graph/credential';
import type { SecurityConfig } from '../security/config';
import type { ObservabilityConfig } from './observability';
import type { PostureSettings } from '../posture/config';
import type { BOT_TYPES } from './env';
import type { TierSettings } from './tiers';

/** The configuration as the rest of the app sees it, parsed once at start-up. */

export type { GraphCredentialConfig };

export type StorageConfig =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string }
  /** Local mode: the app starts Azurite itself under `dataDir`. */
  | { kind: 'local-azurite'; dataDir: string };

export interface BotIdentityConfig {
  /** Empty string disables inbound authentication (Agents Playground, local connector). */
  appId: string;
  password?: string;
  type: (typeof BOT_TYPES)[number];
  tenantId?: string;
}

export interface AppConfig {
  mode: 'local' | 'production';
  port: number;
  bot: BotIdentityConfig;
  graph: { baseUrl?: string; credential: GraphCredentialConfig };
  storage: StorageConfig;
  /** Members may diagnose anyone and approve fixes. */
  helpdeskGroupId: string;
  /** Channel conversation id for approval cards and incident notices. */
  helpdeskChannelId?: string;
  adminGroupId?: string;
  remediation: {
    /** Groups a time-boxed Conditional Access exclusion may add people to. */
    exclusionGroupIds: string[];
    /** Accounts no fix may touch (break-glass and similar). */
    protectedUserIds: string[];
    requestTtlMinutes: number;
    /** Approver tiers: per-fix approvers, four eyes, the admin tier for role holders (tiers.ts). */
    tiers: TierSettings;
  };
  announcements: {
    /** Teams app catalog id of this bot, to install it for people who never did. */
    catalogAppId?: string;
    /** Proactive sends per second for the whole app in the tenant (Teams allows 30 to 50). */
    ratePerSecond: number;
    /**
     * The machine this process runs on (App Service's instance id), so that a process restarted
     * there takes back its share of the rate as soon as it is up (rate-share.ts).
     */
    machine?: string;
  };
  /** Tenant posture checks: emergency-access accounts, schedule and thresholds. */
  posture: PostureSettings;
  localDataDir: string;
  /** The HTTP edge: tenant allow-list, inbound token settings, readiness key, rate limits. */
  security: SecurityConfig;
  observability: ObservabilityConfig;
  /** Threads that read pastes off the event loop; unset: one per spare core, at most two. */
  triageThreads?: number;
}
