import type { ActionKind } from '../../src/remediation/action-kinds';
import { BurstDetector, type BurstSignal, type IncidentNotifier } from '../../src/diagnosis/burst';
import { DiagnosisService } from '../../src/diagnosis/service';
import { GraphDirectoryReader } from '../../src/graph/directory-reader';
import type { GraphTransport } from '../../src/graph/transport';
import { systemClock, type Clock, type GroupMembership, type RecordStore } from '../../src/ports';
import type { DiagnosisBotDeps, HandoffDrafts, OfferMemory, TenantWatch } from './answer';
import { logFailure } from '../failures';
import { PasteStore } from './paste-store';

export {
  answerPaste,
  checkAgain,
  keepDraft,
  type DiagnosisBotDeps,
  type HandoffDrafts,
  type OfferMemory,
  type TenantWatch,
  type PasteQuestion,
} from './answer';
export { PasteStore, PASTES_TABLE, type StoredPaste } from './paste-store';
export { registerCorrectionRoutes } from './correction';
export { explainCard } from './explain';
export { diagnosisActivity, registerDiagnosisRoutes } from './routes';

export interface DiagnosisComposition {
  /** The one Graph transport (compose.ts), with the tenant's limiter every adapter shares. */
  graph: GraphTransport;
  /** The tenant's directory reader, shared with remediation's checks (one set of caches). */
  reader?: GraphDirectoryReader;
  records: RecordStore;
  membership: GroupMembership;
  helpdeskGroupId?: string;
  clock?: Clock;
  /** Remediation's OfferBook, so requests made from a card carry diagnosis's reason. */
  offers?: OfferMemory;
  /** Bounds of the fixes' inputs, read when a card offers fixes. */
  forms?: DiagnosisBotDeps['forms'];
  /** Tenant-wide causes seen in pastes, said once on the helpdesk channel; off when absent. */
  tenantWatch?: TenantWatch;
  /** "Ask the helpdesk" on a person's own cards; absent, the cards do not offer it. */
  handoff?: HandoffDrafts;
  /** Fixes the self-check switched off are not offered. */
  offersAllowed?: (kind: ActionKind) => boolean;
  /** The helpdesk channel post for a burst of blocks by one policy; off when absent. */
  incidents?: {
    notifier: IncidentNotifier;
    /** Sliding window, default 10 minutes. */
    windowMinutes?: number;
    /** Distinct people blocked within the window, default 5. */
    threshold?: number;
    onNotifyError?: (error: unknown, signal: BurstSignal) => void;
  };
}

/**
 * Builds everything diagnosis needs from the composition root's parts: the Graph reader (which
 * starts warming its policy caches), the service with its burst watch, and the paste store.
 */
export function createDiagnosisBot(parts: DiagnosisComposition): DiagnosisBotDeps {
  const clock = parts.clock ?? systemClock;
  const reader = parts.reader ?? new GraphDirectoryReader(parts.graph, { clock });
  void reader.warmUp();
  const incidents = parts.incidents;
  const service = new DiagnosisService({
    reader,
    clock,
    offersAllowed: parts.offersAllowed,
    burst:
      incidents === undefined
        ? undefined
        : {
            detector: new BurstDetector({
              windowMs: (incidents.windowMinutes ?? 10) * 60_000,
              threshold: incidents.threshold ?? 5,
            }),
            notifier: incidents.notifier,
            onNotifyError:
              incidents.onNotifyError ??
              ((error, signal) =>
                logFailure('incident-not-posted', error, { incidentId: signal.incident.id })),
          },
  });
  return {
    service,
    membership: parts.membership,
    helpdeskGroupId: parts.helpdeskGroupId,
    pastes: new PasteStore(parts.records, clock),
    clock,
    offers: parts.offers,
    forms: parts.forms,
    tenantWatch: parts.tenantWatch,
    handoff: parts.handoff,
  };
}
