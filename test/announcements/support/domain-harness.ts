/**
 * The announcements domain wired on in-memory parts, for tests driven by sinon fake timers:
 * a recording sender whose answers a test scripts, a scripted directory, a recording notifier,
 * and storage wrappers that can "freeze" (every later call hangs forever), which is what a
 * process that died looks like to everyone else.
 */
import { AnnouncementService } from '../../../src/announcements/announcement-service';
import { AnnouncementStore } from '../../../src/announcements/announcement-store';
import { AudienceExpander } from '../../../src/announcements/audience-expansion';
import { DeliveryLimiter } from '../../../src/announcements/delivery-limiter';
import { DeliveryWorker, type WorkerOptions } from '../../../src/announcements/delivery-worker';
import type {
  AnnouncementNotifier,
  AppInstaller,
  AudienceDirectory,
  AuthenticatorSettings,
  DirectoryUser,
  HelpdeskNotice,
  InstallOutcome,
  OpenOutcome,
  OutboundMessage,
  ProactiveSender,
  ProgressView,
  SendOutcome,
} from '../../../src/announcements/ports';
import type { OutcomeRecords } from '../../../src/announcements/outcome-journal';
import { PromptReports } from '../../../src/announcements/prompt-reports';
import {
  DEFAULT_DELIVERY_POLICY,
  RecipientDelivery,
  type DeliveryPolicy,
} from '../../../src/announcements/recipient-delivery';
import { ReferenceStore } from '../../../src/announcements/reference-store';
import { Supervisor } from '../../../src/announcements/supervisor';
import { ThrottleGovernor } from '../../../src/announcements/throttle-governor';
import type {
  AnnouncementRecord,
  Audience,
  DeliveryMessage,
  StoredReference,
} from '../../../src/announcements/types';
import { WorkerCounters } from '../../../src/announcements/worker-counters';
import {
  systemClock,
  type QueueMessage,
  type RecordStore,
  type WorkQueue,
} from '../../../src/ports';
import { MemoryRecordStore } from '../../fakes/memory-record-store';
import { MemoryWorkQueue } from '../../fakes/memory-work-queue';

export const TENANT = '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10';
export const AUTHOR_GROUP = '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d01';
export const AUTHOR = { objectId: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a02', name: 'Helpdesk agent' };
export const AUTHOR_REFERENCE: StoredReference = {
  serviceUrl: 'https://smba.example/amer/',
  tenantId: TENANT,
  conversationId: 'a:author-chat',
  conversationType: 'personal',
  botId: '28:bot',
};

export function userId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/**
 * Saves `count` people as having installed the bot, each in a personal chat `a:<object id>` on
 * `serviceUrl`; their object ids.
 */
export async function installUsers(
  records: RecordStore,
  count: number,
  serviceUrl: string,
): Promise<string[]> {
  const references = new ReferenceStore(records);
  const ids = Array.from({ length: count }, (_, i) => userId(i));
  await Promise.all(
    ids.map((objectId) =>
      references.saveUser(
        objectId,
        {
          serviceUrl,
          tenantId: TENANT,
          conversationId: `a:${objectId}`,
          conversationType: 'personal',
          botId: '28:bot',
          userObjectId: objectId,
        },
        'test',
      ),
    ),
  );
  return ids;
}

export function conversationOf(objectId: string): string {
  return `a:chat-${objectId}`;
}

/** What the sender should answer for one call; 'hang' never answers (the process died). */
export type Scripted = SendOutcome | 'hang';

/** A sender that records every message it "delivered" and answers as the test says. */
export class RecordingSender implements ProactiveSender {
  readonly delivered: { conversationId: string; at: number }[] = [];
  readonly calls: { conversationId: string; at: number }[] = [];
  readonly opened: string[] = [];
  /** Per-call answer; default: delivered. Called with the conversation id and its call number. */
  script: (conversationId: string, call: number) => Scripted = () => ({ kind: 'sent' });
  /** Runs after a delivery is recorded and before the answer (e.g. freeze the worker). */
  afterDelivery?: (conversationId: string) => void;
  private readonly perConversation = new Map<string, number>();

  async send(reference: StoredReference, _message: OutboundMessage): Promise<SendOutcome> {
    const id = reference.conversationId;
    const call = (this.perConversation.get(id) ?? 0) + 1;
    this.perConversation.set(id, call);
    this.calls.push({ conversationId: id, at: Date.now() });
    const answer = this.script(id, call);
    if (answer === 'hang') return new Promise<SendOutcome>(() => undefined);
    if (answer.kind === 'sent') {
      this.delivered.push({ conversationId: id, at: Date.now() });
      this.afterDelivery?.(id);
      return { kind: 'sent', activityId: `act-${this.delivered.length}` };
    }
    return answer;
  }

  async update(): Promise<SendOutcome> {
    return { kind: 'sent' };
  }

  async openPersonal(target: {
    userObjectId: string;
    tenantId: string;
    serviceUrl: string;
    botId: string;
  }): Promise<OpenOutcome> {
    this.opened.push(target.userObjectId);
    return {
      kind: 'opened',
      reference: {
        serviceUrl: target.serviceUrl,
        tenantId: target.tenantId,
        botId: target.botId,
        conversationId: conversationOf(target.userObjectId),
        conversationType: 'personal',
        userObjectId: target.userObjectId,
      },
    };
  }

  count(conversationId: string): number {
    return this.delivered.filter((d) => d.conversationId === conversationId).length;
  }
}

export class ScriptedDirectory implements AudienceDirectory, AppInstaller {
  /** Pages of members per group id. */
  groups = new Map<string, DirectoryUser[][]>();
  authors = new Set<string>([AUTHOR.objectId]);
  settings: AuthenticatorSettings = {
    state: 'enabled',
    numberMatching: 'enabled',
    appName: 'enabled',
    location: 'default',
  };
  installs: string[] = [];
  install: (objectId: string) => InstallOutcome = () => ({
    kind: 'installed',
    alreadyInstalled: false,
  });

  async *groupMembers(groupId: string): AsyncIterable<DirectoryUser[]> {
    for (const page of this.groups.get(groupId) ?? []) yield page;
  }
  async groupName(groupId: string): Promise<string | undefined> {
    return this.groups.has(groupId) ? `Group ${groupId.slice(0, 4)}` : undefined;
  }
  async memberGroups(user: string, groupIds: string[]): Promise<string[]> {
    return this.authors.has(user) ? groupIds.filter((g) => g === AUTHOR_GROUP) : [];
  }
  async authenticatorSettings(): Promise<AuthenticatorSettings> {
    return this.settings;
  }
  async installForUser(objectId: string): Promise<InstallOutcome> {
    this.installs.push(objectId);
    return this.install(objectId);
  }
}

export class RecordingNotifier implements AnnouncementNotifier {
  readonly views: ProgressView[] = [];
  readonly notices: HelpdeskNotice[] = [];
  helpdeskAnswer: SendOutcome = { kind: 'sent' };

  async showProgress(
    _announcement: AnnouncementRecord,
    view: ProgressView,
  ): Promise<{ outcome: SendOutcome; activityId?: string }> {
    this.views.push(view);
    return { outcome: { kind: 'sent' }, activityId: 'progress-card' };
  }
  async notifyHelpdesk(notice: HelpdeskNotice): Promise<SendOutcome> {
    this.notices.push(notice);
    return this.helpdeskAnswer;
  }
  get final(): ProgressView | undefined {
    return this.views.filter((v) => v.finished).at(-1);
  }
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** A RecordStore that hangs forever once frozen (seen from outside, its process died). */
export class FreezableStore implements RecordStore {
  frozen = false;
  constructor(private readonly inner: RecordStore) {
    // Batches only where the store underneath has them, as callers check for them.
    if (inner.insertBatch) {
      this.insertBatch = (t, p, r) => (this.frozen ? never() : inner.insertBatch!(t, p, r));
    }
    if (inner.replaceBatch) {
      this.replaceBatch = (t, p, r) => (this.frozen ? never() : inner.replaceBatch!(t, p, r));
    }
  }
  get: RecordStore['get'] = (t, k) => (this.frozen ? never() : this.inner.get(t, k));
  insert: RecordStore['insert'] = (t, k, v) => (this.frozen ? never() : this.inner.insert(t, k, v));
  replace: RecordStore['replace'] = (t, k, v, e) =>
    this.frozen ? never() : this.inner.replace(t, k, v, e);
  upsert: RecordStore['upsert'] = (t, k, v) => (this.frozen ? never() : this.inner.upsert(t, k, v));
  delete: RecordStore['delete'] = (t, k, e) => (this.frozen ? never() : this.inner.delete(t, k, e));
  list: RecordStore['list'] = (t, p, o) => (this.frozen ? never() : this.inner.list(t, p, o));
  insertBatch?: RecordStore['insertBatch'];
  replaceBatch?: RecordStore['replaceBatch'];
  ping = (): Promise<void> => (this.frozen ? never() : this.inner.ping());
}

export class FreezableQueue<T> implements WorkQueue<T> {
  frozen = false;
  constructor(private readonly inner: WorkQueue<T>) {}
  send(body: T, options?: { visibilityDelaySeconds?: number }): Promise<void> {
    return this.frozen ? never() : this.inner.send(body, options);
  }
  receive(max: number, visibility: number): Promise<QueueMessage<T>[]> {
    return this.frozen ? never() : this.inner.receive(max, visibility);
  }
  delete(message: QueueMessage<T>): Promise<void> {
    return this.frozen ? never() : this.inner.delete(message);
  }
  ping(): Promise<void> {
    return this.frozen ? never() : this.inner.ping();
  }
}

/** Shared state every "process" sees. */
export class World {
  readonly records = new MemoryRecordStore();
  readonly queue = new MemoryWorkQueue<DeliveryMessage>('announcements');
  readonly directory = new ScriptedDirectory();
  readonly sender = new RecordingSender();
  readonly notifier = new RecordingNotifier();
  readonly store = new AnnouncementStore(this.records);
  readonly references = new ReferenceStore(this.records);
  readonly service = new AnnouncementService({
    store: this.store,
    references: this.references,
    directory: this.directory,
    queue: this.queue,
    clock: systemClock,
    authorGroupIds: [AUTHOR_GROUP],
  });

  /** Stores `count` installed users (personal chats), as install events would. */
  async install(count: number, from = 0): Promise<string[]> {
    const ids: string[] = [];
    for (let i = from; i < from + count; i += 1) {
      const objectId = userId(i);
      ids.push(objectId);
      await this.references.saveUser(
        objectId,
        { ...AUTHOR_REFERENCE, conversationId: conversationOf(objectId), userObjectId: objectId },
        'test',
      );
    }
    return ids;
  }

  /** Drafts and confirms an announcement; returns its id. */
  async announce(audience: Audience): Promise<string> {
    const { announcement } = await this.service.draft({
      template: 'number-matching',
      activationDate: '2099-12-01',
      audience,
      author: AUTHOR,
      authorReference: AUTHOR_REFERENCE,
    });
    await this.service.confirm(announcement.id, AUTHOR, {
      reference: AUTHOR_REFERENCE,
      activityId: 'preview-card',
    });
    return announcement.id;
  }
}

export interface ProcessOptions {
  workerId: string;
  ratePerSecond?: number;
  policy?: Partial<DeliveryPolicy>;
  worker?: WorkerOptions;
  sender?: ProactiveSender;
  installer?: AppInstaller | null;
  /** The channel's answers journalled, and dead peers' read (outcome-journal.ts). */
  journal?: OutcomeRecords;
}

/** One worker process: its own limiter, counters and worker, on freezable views of the world. */
export class WorkerProcess {
  readonly records: FreezableStore;
  readonly queue: FreezableQueue<DeliveryMessage>;
  readonly limiter: DeliveryLimiter;
  readonly worker: DeliveryWorker;
  readonly supervisor: Supervisor;
  readonly counters: WorkerCounters;
  readonly logs: string[] = [];
  /** Calls this process made to the channel. */
  sends = 0;
  private dead = false;

  constructor(world: World, options: ProcessOptions) {
    this.records = new FreezableStore(world.records);
    this.queue = new FreezableQueue(world.queue);
    const store = new AnnouncementStore(this.records);
    const references = new ReferenceStore(this.records);
    this.limiter = new DeliveryLimiter({
      ratePerSecond: options.ratePerSecond ?? 50,
      headroom: 0,
      governor: new ThrottleGovernor({ random: () => 0.5 }),
    });
    this.counters = new WorkerCounters(store, options.workerId);
    const log = (line: string): void => void this.logs.push(line);
    const inner = options.sender ?? world.sender;
    // A dead process sends nothing more, and an answer arriving after its death is never read.
    const sender: ProactiveSender = {
      send: async (reference, message) => {
        if (this.dead) return never();
        this.sends += 1;
        const outcome = await inner.send(reference, message);
        return this.dead ? never() : outcome;
      },
      update: (reference, activityId, message) =>
        this.dead ? never() : inner.update(reference, activityId, message),
      openPersonal: (target) => (this.dead ? never() : inner.openPersonal(target)),
    };
    const delivery = new RecipientDelivery({
      store,
      references,
      queue: this.queue,
      sender,
      installer: options.installer === null ? undefined : (options.installer ?? world.directory),
      limiter: this.limiter,
      counters: this.counters,
      clock: systemClock,
      workerId: options.workerId,
      policy: { ...DEFAULT_DELIVERY_POLICY, leaseMs: 10_000, ...options.policy },
      random: () => 0.5,
      journal: options.journal,
      log,
    });
    this.worker = new DeliveryWorker(
      {
        queue: this.queue,
        store,
        delivery,
        expander: new AudienceExpander({
          store,
          references,
          directory: world.directory,
          queue: this.queue,
          clock: systemClock,
        }),
        reports: new PromptReports({
          records: this.records,
          store,
          queue: this.queue,
          clock: systemClock,
        }),
        notifier: world.notifier,
        limiter: this.limiter,
        compose: (a) => ({ card: { type: 'AdaptiveCard', id: a.id }, summary: a.id }),
        clock: systemClock,
        log,
      },
      { visibilitySeconds: 10, concurrency: 4, ...options.worker },
    );
    this.supervisor = new Supervisor(
      {
        store,
        records: this.records,
        queue: this.queue,
        limiter: this.limiter,
        notifier: world.notifier,
        counters: this.counters,
        clock: systemClock,
        journal: options.journal,
        log,
      },
      { workerId: options.workerId, staleMs: 20_000, leaseMs: 5_000 },
    );
  }

  start(): this {
    this.worker.start();
    this.supervisor.start();
    return this;
  }

  /** Graceful stop: sends in flight are recorded, unused claims given back. */
  async stop(): Promise<void> {
    if (this.dead) return;
    await this.worker.stop();
    await this.supervisor.stop();
  }

  /** Hard stop: from now on this process never touches storage or the queue again. */
  kill(): void {
    this.dead = true;
    this.records.frozen = true;
    this.queue.frozen = true;
  }
}
