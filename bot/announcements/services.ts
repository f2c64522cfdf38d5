/**
 * Builds the announcements domain from the composition root's parts, once per process
 * (bot/compose.ts): the routes and the workers are handed the same set. Processes share nothing
 * in memory, only storage and the queue, which is what lets any number of them run both.
 */
import { AnnouncementService } from '../../src/announcements/announcement-service';
import { AnnouncementStore } from '../../src/announcements/announcement-store';
import { GraphAudienceDirectory } from '../../src/announcements/graph-audience';
import type {
  AppInstaller,
  AudienceDirectory,
  MessageComposer,
} from '../../src/announcements/ports';
import { PromptReports } from '../../src/announcements/prompt-reports';
import type { PromptEvidenceSource } from '../../src/announcements/prompt-evidence';
import { ReferenceStore } from '../../src/announcements/reference-store';
import type { DeliveryMessage } from '../../src/announcements/types';
import type { AppConfig } from '../../src/config';
import type { GraphTransport } from '../../src/graph/transport';
import { systemClock, type Clock, type RecordStore, type WorkQueue } from '../../src/ports';

/** The queue name the composition root should pass to storage.queue(). */
export const ANNOUNCEMENT_QUEUE = 'announcements';

export interface AnnouncementParts {
  config: AppConfig;
  records: RecordStore;
  /** storage.queue<DeliveryMessage>(ANNOUNCEMENT_QUEUE) */
  queue: WorkQueue<DeliveryMessage>;
  /** The one Graph transport; used unless `directory` is given. */
  graph?: GraphTransport;
  /** Replaces the Graph adapter (tests, benchmark). */
  directory?: AudienceDirectory & Partial<AppInstaller>;
  /** Teams app catalog id, to install the app for users who never did (see graph-audience.ts). */
  catalogAppId?: string;
  clock?: Clock;
  /** Sign-ins and gated fixes for prompt reports (PromptEvidence); without it notices are bare. */
  evidence?: PromptEvidenceSource;
}

export interface AnnouncementServices {
  config: AppConfig;
  records: RecordStore;
  queue: WorkQueue<DeliveryMessage>;
  store: AnnouncementStore;
  references: ReferenceStore;
  directory: AudienceDirectory;
  installer?: AppInstaller;
  service: AnnouncementService;
  reports: PromptReports;
  clock: Clock;
}

export function buildAnnouncementServices(parts: AnnouncementParts): AnnouncementServices {
  const clock = parts.clock ?? systemClock;
  const store = new AnnouncementStore(parts.records);
  const references = new ReferenceStore(parts.records, clock);
  const directory = parts.directory ?? graphDirectory(parts);
  const installer =
    typeof directory.installForUser === 'function'
      ? (directory as AudienceDirectory & AppInstaller)
      : undefined;
  const authorGroupIds = [parts.config.helpdeskGroupId, parts.config.adminGroupId].filter(
    (g): g is string => typeof g === 'string' && g !== '',
  );
  return {
    config: parts.config,
    records: parts.records,
    queue: parts.queue,
    store,
    references,
    directory,
    installer,
    clock,
    service: new AnnouncementService({
      store,
      references,
      directory,
      queue: parts.queue,
      clock,
      authorGroupIds,
      compose: composeOnConfirm,
    }),
    reports: new PromptReports({
      records: parts.records,
      store,
      queue: parts.queue,
      clock,
      evidence: parts.evidence,
    }),
  };
}

/**
 * The recipients' message, rendered once when the author confirms and stored with the
 * announcement, so a worker's first send waits for no card templates. Required on first use: a
 * worker process builds these services too but never confirms, and loads the cards only after
 * it is up (lazy-channel.ts).
 */
const composeOnConfirm: MessageComposer = (announcement) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./message-composer') as typeof import('./message-composer')).composeAnnouncementMessage(
    announcement,
  );

function graphDirectory(parts: AnnouncementParts): GraphAudienceDirectory {
  if (!parts.graph) throw new Error('announcements need the Graph transport or a directory');
  return new GraphAudienceDirectory(parts.graph, { catalogAppId: parts.catalogAppId });
}
