import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The Bot Framework SDK prints a refused token to stderr with `console.error`: the error with its
 * stack, and for an unknown key the keys it knows. Those lines bypass the structured logger and
 * repeat for every probe an attacker sends. While the SDK authenticates a request, its console
 * output is held in the request's scope instead (the edge then writes one structured line of its
 * own); the turn itself runs outside that scope, so the bot's own output is untouched, and
 * when a turn did run, whatever the SDK printed around it is printed after all.
 */
interface Held {
  lines: { name: ConsoleName; args: unknown[] }[];
}

type ConsoleName = 'error' | 'warn' | 'log';
type Printer = (...args: unknown[]) => void;
const originals = {} as Record<ConsoleName, Printer>;

const scope = new AsyncLocalStorage<Held>();

// Installed when the edge loads, before anything (a test's stub included) wraps the console.
// This module is the one place that touches the console: it takes the SDK's lines off it.
function install(): void {
  const sdkConsole = globalThis.console as unknown as Record<ConsoleName, Printer>;
  for (const name of ['error', 'warn', 'log'] as const) {
    const original = sdkConsole[name].bind(globalThis.console);
    originals[name] = original;
    sdkConsole[name] = (...args: unknown[]) => {
      const held = scope.getStore();
      if (held) held.lines.push({ name, args });
      else original(...args);
    };
  }
}

/**
 * Holds the SDK's console output for one request: `sdk` runs the SDK's processing with its lines
 * held (counted in `held`), and `turn`, called from inside it, runs the bot's own logic outside
 * the hold, so the bot prints as usual.
 */
export class SdkConsoleHold {
  private readonly store: Held = { lines: [] };

  get held(): number {
    return this.store.lines.length;
  }

  /** Prints what was held after all: for a request whose turn ran, the SDK's lines are real. */
  release(): void {
    for (const { name, args } of this.store.lines.splice(0)) originals[name](...args);
  }

  sdk<T>(work: () => Promise<T>): Promise<T> {
    return scope.run(this.store, work);
  }

  turn<R>(logic: () => Promise<R>): Promise<R> {
    return scope.exit(logic);
  }
}

install();

/** Words of a refusal fit for a log: no token material (anything JWT-like is cut out). */
export function refusalReason(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text
    .replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[token]')
    .replace(/Bearer\s+\S+/gi, 'Bearer [token]');
}
