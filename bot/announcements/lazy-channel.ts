/**
 * The channel's parts (channel-parts.ts: botbuilder and the card templates), loaded when first
 * used or when `load()` is called, whichever comes first. A worker process restarted after a
 * crash is then up (heartbeat written, its claim on the rate made, its first queue receive on the
 * wire) before it loads them, instead of after: the loading overlaps its first storage calls.
 * A failed load is tried again at the next use.
 */
import type {
  AnnouncementNotifier,
  MessageComposer,
  OutboundMessage,
  ProactiveSender,
} from '../../src/announcements/ports';
import type { AnnouncementRecord } from '../../src/announcements/types';

export type ChannelModule = typeof import('./channel-parts');

export interface ChannelParts {
  sender: ProactiveSender;
  notifier: AnnouncementNotifier;
  compose: MessageComposer;
}

/**
 * `require` rather than `import()`: the bot is CommonJS, and a dynamic import would go through
 * Node's ES module loader, which neither the compiled build's paths nor tsx's CommonJS hook (the
 * tests) resolve the same way. A microtask later, so a caller's own work goes out first.
 */
async function loadChannelParts(): Promise<ChannelModule> {
  await Promise.resolve();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./channel-parts') as ChannelModule;
}

export class LazyChannel {
  private loading?: Promise<ChannelParts>;

  constructor(
    private readonly build: (module: ChannelModule) => ChannelParts,
    /** Told once the parts are loaded, with the milliseconds the loading took (measurement). */
    private readonly onLoaded?: (ms: number) => void,
    private readonly importParts: () => Promise<ChannelModule> = loadChannelParts,
  ) {}

  /** Loads the parts now (at most once; again after a failure). */
  load(): Promise<ChannelParts> {
    this.loading ??= (async () => {
      const started = performance.now();
      const parts = this.build(await this.importParts());
      this.onLoaded?.(performance.now() - started);
      return parts;
    })().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  readonly sender: ProactiveSender = {
    send: async (reference, message) => (await this.load()).sender.send(reference, message),
    update: async (reference, activityId, message) =>
      (await this.load()).sender.update(reference, activityId, message),
    openPersonal: async (target) => (await this.load()).sender.openPersonal(target),
  };

  readonly notifier: AnnouncementNotifier = {
    showProgress: async (announcement, view) =>
      (await this.load()).notifier.showProgress(announcement, view),
    notifyHelpdesk: async (notice) => (await this.load()).notifier.notifyHelpdesk(notice),
  };

  readonly compose = async (announcement: AnnouncementRecord): Promise<OutboundMessage> =>
    (await this.load()).compose(announcement);
}
