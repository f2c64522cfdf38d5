import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../src/config';
import type { TenantFactsReader } from '../src/answers/tenant-facts';
import type { GroupMembership } from '../src/ports';
import type { StorageServices } from '../src/storage';
import type { PasteReader } from '../src/triage/off-thread';
import type { AnnouncementServices } from './announcements';
import type { DiagnosisBotDeps } from './diagnosis';
import type { HandoffBot } from './handoff';
import type { HealthBotDeps } from './health';
import type { Remediation } from './remediation';

/**
 * Everything the feature routes are built from, created once by the composition root
 * (compose.ts) and handed to routes/. Its own module, so the routes need not import the root.
 */
export interface BotParts {
  config: AppConfig;
  adapter: TeamsAdapter;
  storage: StorageServices;
  membership: GroupMembership;
  remediation: Remediation;
  handoff: HandoffBot;
  diagnosis: DiagnosisBotDeps;
  announcements: AnnouncementServices;
  health: HealthBotDeps;
  /** Reads each pasted message, off the event loop where threads are configured. */
  pastes: PasteReader;
  /** Reads the tenant settings a playbook answer names (the posture reader's Graph reads). */
  tenant: TenantFactsReader;
}
