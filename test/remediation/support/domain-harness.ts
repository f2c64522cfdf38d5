import { TableAuditLog } from '../../../src/audit/audit-log';
import type { Clock } from '../../../src/ports';
import { createRemediationPolicy, type RemediationPolicy } from '../../../src/remediation/policy';
import type { LogEntry } from '../../../src/remediation/ports';
import {
  RemediationService,
  type CreateCommand,
  type RemediationDeps,
} from '../../../src/remediation/service';
import { RemediationAnnouncer } from '../../../bot/remediation/announcer';
import type { ChatAddress, Person } from '../../../src/remediation/types';
import { DEMO_GROUPS, DEMO_USERS } from '../../../src/sandbox/demo-ids';
import { MemoryRecordStore } from '../../fakes/memory-record-store';
import { FakeDirectoryWriter } from './fake-directory-writer';
import { RecordingNotifier } from './recording-notifier';
import { RecordingStore } from './recording-store';
import { StaticMembership } from './static-membership';

export const IDS = {
  member: DEMO_USERS.member.id,
  helpdesk: DEMO_USERS.helpdesk.id,
  helpdesk2: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a11',
  admin: DEMO_USERS.admin.id,
  breakGlass: DEMO_USERS.breakGlass.id,
  guest: DEMO_USERS.guest.id,
  synced: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a12',
  outsider: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a13',
  helpdeskGroup: DEMO_GROUPS.helpdeskApprovers.id,
  exclusionGroup: DEMO_GROUPS.caExclusions.id,
  allStaff: DEMO_GROUPS.allStaff.id,
  caPolicy: '9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
  device: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
} as const;

export const PEOPLE: Record<'member' | 'helpdesk' | 'helpdesk2' | 'outsider', Person> = {
  member: { id: IDS.member, name: 'Demo User' },
  helpdesk: { id: IDS.helpdesk, name: 'Helpdesk Agent' },
  helpdesk2: { id: IDS.helpdesk2, name: 'Second Agent' },
  outsider: { id: IDS.outsider, name: 'Someone Else' },
};

export const MEMBER_CHAT: ChatAddress = {
  channelId: 'msteams',
  serviceUrl: 'http://connector.test/',
  conversationId: 'a:member-personal',
  conversationType: 'personal',
  userId: '29:member',
};

/** The member asking for a Temporary Access Pass for themselves from their chat; `overrides` change any part. */
export function memberAsks(overrides: Partial<CreateCommand> = {}): CreateCommand {
  return {
    actor: PEOPLE.member,
    kind: 'issue-tap',
    subjectId: IDS.member,
    mode: 'request',
    inputs: {},
    chat: MEMBER_CHAT,
    ...overrides,
  };
}

/** A settable clock that tests move forward explicitly. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface DomainHarness {
  service: RemediationService;
  writer: FakeDirectoryWriter;
  store: RecordingStore;
  memory: MemoryRecordStore;
  notifier: RecordingNotifier;
  audit: TableAuditLog;
  membership: StaticMembership;
  clock: ManualClock;
  logs: LogEntry[];
  policy: RemediationPolicy;
  /** A second service on the same store and tenant, as another instance would be. */
  anotherInstance(overrides?: Partial<RemediationDeps>): RemediationService;
}

export function seededWriter(): FakeDirectoryWriter {
  const writer = new FakeDirectoryWriter()
    .addUser({ id: IDS.member, displayName: 'Demo User' })
    .addUser({ id: IDS.helpdesk, displayName: 'Helpdesk Agent' })
    .addUser({ id: IDS.helpdesk2, displayName: 'Second Agent' })
    .addUser({ id: IDS.admin, displayName: 'Tenant Admin', roles: ['Global Administrator'] })
    .addUser({ id: IDS.breakGlass, displayName: 'Break Glass', roles: ['Global Administrator'] })
    .addUser({ id: IDS.guest, displayName: 'Partner Guest', userType: 'Guest' })
    .addUser({ id: IDS.synced, displayName: 'Synced User', onPremisesSyncEnabled: true })
    .addUser({ id: IDS.outsider, displayName: 'Someone Else' })
    .addGroup(IDS.helpdeskGroup, 'Helpdesk Approvers', [IDS.helpdesk, IDS.helpdesk2])
    .addGroup(IDS.exclusionGroup, 'CA Temporary Exclusions', [IDS.breakGlass])
    .addGroup(IDS.allStaff, 'All Staff', [IDS.member, IDS.helpdesk]);
  writer.policies.set(IDS.caPolicy, {
    displayName: 'Require compliant device',
    excludeGroupIds: [IDS.exclusionGroup],
  });
  writer.devices.set(IDS.device, { id: IDS.device, deviceName: 'LAPTOP-42', userId: IDS.member });
  return writer;
}

export function startDomainHarness(options: { start?: Date } = {}): DomainHarness {
  const clock = new ManualClock(options.start ?? new Date('2026-11-22T09:00:00.000Z'));
  const memory = new MemoryRecordStore();
  const store = new RecordingStore(memory);
  const writer = seededWriter();
  const notifier = new RecordingNotifier();
  const membership = new StaticMembership({
    [IDS.helpdesk]: [IDS.helpdeskGroup],
    [IDS.helpdesk2]: [IDS.helpdeskGroup],
  });
  const audit = new TableAuditLog(store, clock);
  const logs: LogEntry[] = [];
  const policy = createRemediationPolicy({
    helpdeskGroupId: IDS.helpdeskGroup,
    exclusionGroupIds: [IDS.exclusionGroup],
    protectedUserIds: [IDS.breakGlass],
    requestTtlMinutes: 60,
  });
  const deps: RemediationDeps = {
    records: store,
    reader: writer,
    writer,
    membership,
    events: new RemediationAnnouncer(notifier, policy, (entry) => logs.push(entry)),
    audit,
    policy,
    clock,
    log: (entry) => logs.push(entry),
  };
  return {
    service: new RemediationService(deps),
    writer,
    store,
    memory,
    notifier,
    audit,
    membership,
    clock,
    logs,
    policy,
    anotherInstance: (overrides = {}) => new RemediationService({ ...deps, ...overrides }),
  };
}
