import { HandoffService, HandoffStore } from '../../src/handoff';
import type { AuditLog } from '../../src/audit/audit-log';
import type { Clock, GroupMembership, RecordStore } from '../../src/ports';
import type { OfferMemory } from '../diagnosis';
import { sourceLog } from '../log';
import type { Notifier } from '../remediation';
import { HandoffDelivery } from './delivery';
import type { HandoffBot } from './routes';

/** Ask the helpdesk in Teams: the routes, and delivery of its cards to the channel and the asker. */
export { registerHandoffRoutes, type HandoffBot } from './routes';
export { HandoffDelivery } from './delivery';

export interface HandoffComposition {
  records: RecordStore;
  membership: GroupMembership;
  /** Its members take, answer and close requests for help, and list them. */
  helpdeskGroupId?: string;
  /** The one audit trail (remediation's). */
  audit: AuditLog;
  /** The helpdesk channel and 1:1 chats (remediation's TeamsNotifier). */
  notifier: Notifier;
  /** Diagnosis's offer book: the channel card's fixes stay askable from when it is posted. */
  offers?: OfferMemory;
  clock?: Clock;
}

/**
 * Builds "Ask the helpdesk" from the composition root's parts: requests for help in the same
 * store and audit trail as remediation, their cards sent through the same channel notifier.
 */
export function createHandoffBot(parts: HandoffComposition): HandoffBot {
  const service = new HandoffService({
    store: new HandoffStore(parts.records),
    membership: parts.membership,
    helpdeskGroupId: parts.helpdeskGroupId,
    audit: parts.audit,
    clock: parts.clock,
  });
  const delivery = new HandoffDelivery(service, parts.notifier, sourceLog('handoff'), parts.offers);
  return { service, delivery };
}
