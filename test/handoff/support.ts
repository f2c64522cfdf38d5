import { TableAuditLog } from '../../src/audit/audit-log';
import { HandoffService, HandoffStore } from '../../src/handoff';
import type { HandoffDraft } from '../../src/handoff/types';
import type { Clock } from '../../src/ports';
import { MemoryRecordStore } from '../fakes/memory-record-store';
import { StaticMembership } from '../remediation/support/static-membership';

export const HELPDESK_GROUP = 'g-helpdesk';

export const PEOPLE = {
  asker: { id: 'u-asker', name: 'Demo User' },
  agent: { id: 'u-agent', name: 'Helpdesk Agent' },
  second: { id: 'u-second', name: 'Second Agent' },
  stranger: { id: 'u-stranger', name: 'Someone Else' },
};

/** A clock the test moves by hand; nothing depends on today's date. */
export class ManualClock implements Clock {
  constructor(private at = new Date('2031-05-04T09:00:00Z')) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/**
 * A clock that runs with real time and is moved ahead by hand: past a Retry-After without waiting
 * an hour, while the Graph limiter still refills its tokens by it (a frozen clock would starve it).
 */
export class RunningClock implements Clock {
  private ahead = 0;
  now(): Date {
    return new Date(Date.now() + this.ahead);
  }
  advance(ms: number): void {
    this.ahead += ms;
  }
}

export const DRAFT: Omit<HandoffDraft, 'createdAt'> = {
  asker: { id: PEOPLE.asker.id },
  subject: { id: PEOPLE.asker.id, name: 'Demo User', upn: 'user@sandbox.example' },
  facts: {
    codes: ['AADSTS53003'],
    correlationId: '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47',
    app: 'Office 365 Exchange Online',
    signedInAs: 'user@sandbox.example',
  },
  diagnosis: {
    headline: 'A Conditional Access policy blocked this sign-in.',
    causes: ['Block outside allowed countries: the sign-in came from a blocked country.'],
    offers: [],
  },
};

export function handoffHarness() {
  const records = new MemoryRecordStore();
  const clock = new ManualClock();
  const audit = new TableAuditLog(records, clock);
  const membership = new StaticMembership({
    [PEOPLE.agent.id]: [HELPDESK_GROUP],
    [PEOPLE.second.id]: [HELPDESK_GROUP],
  });
  const service = new HandoffService({
    store: new HandoffStore(records),
    membership,
    helpdeskGroupId: HELPDESK_GROUP,
    audit,
    clock,
  });
  return { records, clock, audit, membership, service };
}
