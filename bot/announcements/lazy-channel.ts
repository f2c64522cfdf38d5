/**
 * The channel's parts (channel-parts.ts: botbuilder and the card templates), loaded when first
 * used or when `load()` is called, whichever comes first. A worker process restarted after a
 * crash is then up (heartbeat written, its claim on the rate made, its first queue receive on the
 * wire) before it loads them, instead of after: the loading overlaps its first storage calls.
 * A failed load is tried again at the next use.
 */
import { createRequire } from 'node:module';
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
 * What the channel's parts load, a package at a time, each found from the package that loads it
 * (`createRequire`, so nothing depends on how node_modules is laid out). Requiring is
 * synchronous: loaded in one go (0.4 to 0.5 s on an idle machine) it holds up every storage
 * answer that arrives meanwhile, and a restarted worker's first send waits for its receive, the
 * announcement read and its claim one after the other. In pieces, with the event loop turning
 * between them, those round trips go on while the rest loads. A piece that cannot be found is
 * skipped: the parts' own require below loads whatever is missing.
 */
const PIECES: readonly (readonly string[])[] = [
  ['botbuilder', 'botbuilder-core', 'botframework-connector', 'axios'],
  ['botbuilder', 'botbuilder-core', 'botframework-connector', '@azure/identity'],
  ['botbuilder', 'botbuilder-core', 'botframework-connector', '@azure/msal-node'],
  ['botbuilder', 'botbuilder-core', 'botframework-schema'],
  ['botbuilder', 'botbuilder-core', 'botframework-connector'],
  ['botbuilder', 'botbuilder-core'],
  ['botbuilder'],
  ['adaptivecards-templating', 'adaptive-expressions'],
  ['adaptivecards-templating'],
];

function loadPiece(path: readonly string[]): void {
  try {
    let from: NodeJS.Require = require;
    for (const name of path.slice(0, -1)) from = createRequire(from.resolve(name));
    from(path[path.length - 1]);
  } catch {
    // Laid out otherwise in this install: loaded with the parts below.
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `require` rather than `import()`: the bot is CommonJS, and a dynamic import would go through
 * Node's ES module loader, which tsx's CommonJS hook (the tests) does not serve.
 */
async function loadChannelParts(): Promise<ChannelModule> {
  for (const piece of PIECES) {
    await turn();
    loadPiece(piece);
  }
  await turn();
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
