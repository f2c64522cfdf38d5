/**
 * The channel's parts, loaded when first used or when `load()` is called, whichever comes first,
 * in two steps: the sender (proactive-sender.ts: botbuilder), which a worker's first send needs,
 * then the notifier and the message composer (channel-parts.ts: the card templates), which it
 * does not when the announcement carries the message rendered at confirm. A worker process
 * restarted after a crash is then up (heartbeat written, its claim on the rate made, its first
 * queue receive on the wire) before it loads them, instead of after: the loading overlaps its
 * first storage calls. A failed load is tried again at the next use.
 */
import { createRequire } from 'node:module';
import type {
  AnnouncementNotifier,
  MessageComposer,
  OutboundMessage,
  ProactiveSender,
} from '../../src/announcements/ports';
import type { AnnouncementRecord } from '../../src/announcements/types';

export type SenderModule = typeof import('./proactive-sender');
export type ChannelModule = typeof import('./channel-parts');

export interface ChannelParts {
  sender: ProactiveSender;
  notifier: AnnouncementNotifier;
  compose: MessageComposer;
}

/** How the parts are made from the loaded modules: the sender first, the rest with it. */
export interface ChannelBuild {
  sender(module: SenderModule): ProactiveSender;
  rest(module: ChannelModule, sender: ProactiveSender): Omit<ChannelParts, 'sender'>;
}

/** How the modules are loaded (tests replace them). */
export interface ChannelImports {
  sender(): Promise<SenderModule>;
  rest(): Promise<ChannelModule>;
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
const SENDER_PIECES: readonly (readonly string[])[] = [
  ['botbuilder', 'botbuilder-core', 'botframework-connector', 'axios'],
  ['botbuilder', 'botbuilder-core', 'botframework-connector', '@azure/identity'],
  ['botbuilder', 'botbuilder-core', 'botframework-connector', '@azure/msal-node'],
  ['botbuilder', 'botbuilder-core', 'botframework-schema'],
  ['botbuilder', 'botbuilder-core', 'botframework-connector'],
  ['botbuilder', 'botbuilder-core'],
  ['botbuilder'],
];
const CARD_PIECES: readonly (readonly string[])[] = [
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

async function loadPieces(pieces: readonly (readonly string[])[]): Promise<void> {
  for (const piece of pieces) {
    await turn();
    loadPiece(piece);
  }
  await turn();
}

/**
 * `require` rather than `import()`: the bot is CommonJS, and a dynamic import would go through
 * Node's ES module loader, which tsx's CommonJS hook (the tests) does not serve.
 */
const DEFAULT_IMPORTS: ChannelImports = {
  async sender() {
    await loadPieces(SENDER_PIECES);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./proactive-sender') as SenderModule;
  },
  async rest() {
    await loadPieces(CARD_PIECES);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./channel-parts') as ChannelModule;
  },
};

export class LazyChannel {
  private sending?: Promise<ProactiveSender>;
  private loading?: Promise<ChannelParts>;

  constructor(
    private readonly build: ChannelBuild,
    /** Told once all the parts are loaded, with the milliseconds it took (measurement). */
    private readonly onLoaded?: (ms: number) => void,
    private readonly imports: ChannelImports = DEFAULT_IMPORTS,
  ) {}

  /** Loads the sender now (at most once; again after a failure). */
  loadSender(): Promise<ProactiveSender> {
    this.sending ??= (async () => this.build.sender(await this.imports.sender()))().catch(
      (error: unknown) => {
        this.sending = undefined;
        throw error;
      },
    );
    return this.sending;
  }

  /** Loads every part now: the sender, then the rest (at most once; again after a failure). */
  load(): Promise<ChannelParts> {
    this.loading ??= (async () => {
      const started = performance.now();
      const sender = await this.loadSender();
      const parts = { sender, ...this.build.rest(await this.imports.rest(), sender) };
      this.onLoaded?.(performance.now() - started);
      return parts;
    })().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  readonly sender: ProactiveSender = {
    send: async (reference, message) => (await this.loadSender()).send(reference, message),
    update: async (reference, activityId, message) =>
      (await this.loadSender()).update(reference, activityId, message),
    openPersonal: async (target) => (await this.loadSender()).openPersonal(target),
  };

  readonly notifier: AnnouncementNotifier = {
    showProgress: async (announcement, view) =>
      (await this.load()).notifier.showProgress(announcement, view),
    notifyHelpdesk: async (notice) => (await this.load()).notifier.notifyHelpdesk(notice),
  };

  readonly compose = async (announcement: AnnouncementRecord): Promise<OutboundMessage> =>
    (await this.load()).compose(announcement);
}
