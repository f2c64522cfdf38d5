/**
 * Announcements: proactive messages to many people, each delivered once, at the pace Teams
 * allows. The channel adapters (sender, notifier, routes, workers) live in bot/announcements.
 */
export { AnnouncementService, type DraftInput, type Preview } from './announcement-service';
export { AnnouncementStore } from './announcement-store';
export { AudienceExpander } from './audience-expansion';
export { ClusterCoordinator } from './cluster';
export { parseAnnounceCommand, type AnnounceCommand } from './command';
export { toCsv } from './csv';
export {
  DEFAULT_RATE_PER_SECOND,
  DeliveryLimiter,
  MAX_RATE_PER_SECOND,
  StoppedError,
} from './delivery-limiter';
export { DeliveryWorker, type WorkerOptions } from './delivery-worker';
export { GraphAudienceDirectory, resolveCatalogAppId } from './graph-audience';
export type * from './ports';
export { PromptReports } from './prompt-reports';
export {
  DEFAULT_DELIVERY_POLICY,
  RecipientDelivery,
  type DeliveryEvent,
  type DeliveryPolicy,
  type InDoubtPolicy,
} from './recipient-delivery';
export { ReferenceStore } from './reference-store';
export { Supervisor, type SupervisorOptions } from './supervisor';
export { ThrottleGovernor } from './throttle-governor';
export type * from './types';
