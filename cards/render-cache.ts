import { isDeepStrictEqual } from 'node:util';
import { RecentMap } from '../src/recent-map';

/**
 * Rendered cards kept by their data, for render(): the same template with the same small data
 * (the unrelated card's none, the unsure card's one lead, a help card's roles) expands to the
 * same card every time, so the expansion, its checks and its size are worked out once and each
 * later render is a copy of the card as parsed from its JSON (a new object each time; callers may
 * change it). Data that is large or not plain JSON gets no key and is rendered every time. A
 * card is kept the second time its data is rendered, not the first: data that carries a paste's
 * own ids (a correlation id in "That's not it") is seldom rendered twice, and keeping a card
 * costs about as much again as making it.
 *
 * A card is kept only after its data passed the template's data check, and the key is the data's
 * whole JSON (plain data only, so the JSON says all a check can see): data with a kept card's key
 * would pass the same check again, so render() hands out the kept copy without checking again.
 * The check a card passed is kept with it; a template with the same JSON and another check (or
 * none) does not share it.
 */

/** Data with more values than this, or a longer JSON form, is not kept. */
const MAX_KEY_VALUES = 64;
const MAX_KEY_CHARS = 2048;
/** Cards kept per template; past it the least recently used is forgotten. */
export const MAX_CARDS_PER_TEMPLATE = 32;
/** Data keys rendered once and not kept yet, per template; past it the least recent is forgotten. */
const MAX_SEEN_ONCE_PER_TEMPLATE = 64;

let enabled = true;

/** Runs `work` with the cache off (tests compare a kept card with one rendered afresh). */
export function withoutRenderCache<T>(work: () => T): T {
  const was = enabled;
  enabled = false;
  try {
    return work();
  } finally {
    enabled = was;
  }
}

/**
 * Counts the values of plain JSON data (strings, finite numbers other than -0, booleans, null,
 * arrays, plain objects); -1 for anything else (undefined, a Date, a class instance, NaN), whose
 * JSON form would not say exactly what the template sees.
 */
function plainValues(value: unknown, budget: number): number {
  if (budget <= 0) return -1;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return 1;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? 1 : -1;
  if (typeof value !== 'object') return -1;
  const proto = Object.getPrototypeOf(value) as unknown;
  const items = Array.isArray(value)
    ? value
    : proto === Object.prototype || proto === null
      ? Object.values(value)
      : undefined;
  if (items === undefined) return -1;
  let used = 1;
  for (const item of items) {
    const n = plainValues(item, budget - used);
    if (n < 0) return -1;
    used += n;
  }
  return used;
}

/** The key of `data` among a template's kept cards, or undefined when it is not kept. */
export function dataKey(data: unknown): string | undefined {
  if (!enabled || plainValues(data, MAX_KEY_VALUES) < 0) return undefined;
  const key = JSON.stringify(data);
  return key.length <= MAX_KEY_CHARS ? key : undefined;
}

/**
 * A deep copy of a value JSON.parse made (plain objects, arrays, strings, numbers, booleans,
 * null): the same as parsing its JSON again, keys in the same order, an own `__proto__` key
 * included, in a quarter of the time.
 */
export function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) items[i] = copyJson(value[i] as unknown);
    return items as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson((value as Record<string, unknown>)[key]);
    // Assigning `__proto__` would set the copy's prototype; JSON.parse makes it an own key.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = item;
  }
  return copy as T;
}

/** A kept card as parsed from its JSON (never handed out), and the data check its data passed. */
interface KeptCard {
  card: object;
  checkedBy: unknown;
}

/** Per template, the kept cards by data key. */
const kept = new WeakMap<object, RecentMap<string, KeptCard>>();
/**
 * Per template, the data keys rendered once. Keeping a card costs more than making it (reading
 * its JSON back and comparing), and data that carries a paste's own ids is seldom rendered
 * twice, so a card is kept the second time its data is rendered.
 */
const seenOnce = new WeakMap<object, RecentMap<string, true>>();

/**
 * A new copy of the card kept for this template and key, if there is one whose data passed
 * `checkedBy` (the template's data check, or undefined for a template without one).
 */
export function keptCard<C>(templateJson: object, key: string, checkedBy?: unknown): C | undefined {
  const entry = kept.get(templateJson)?.get(key);
  return entry === undefined || entry.checkedBy !== checkedBy
    ? undefined
    : (copyJson(entry.card) as C);
}

/**
 * Keeps `card` (whose JSON is `json`, made from data that passed `checkedBy`) for this template
 * and key, the second time this key is rendered (the first time it is only noted), if reading the
 * JSON back gives exactly the card (checked once, here), so a kept copy is always the card
 * render() made.
 */
export function keepCard(
  templateJson: object,
  key: string,
  json: string,
  card: object,
  checkedBy?: unknown,
): void {
  let seen = seenOnce.get(templateJson);
  if (seen === undefined) {
    seen = new RecentMap(MAX_SEEN_ONCE_PER_TEMPLATE);
    seenOnce.set(templateJson, seen);
  }
  if (seen.get(key) === undefined) {
    seen.set(key, true);
    return;
  }
  seen.delete(key);
  const parsed = JSON.parse(json) as object;
  if (!isDeepStrictEqual(parsed, card)) return;
  let cards = kept.get(templateJson);
  if (cards === undefined) {
    cards = new RecentMap(MAX_CARDS_PER_TEMPLATE);
    kept.set(templateJson, cards);
  }
  cards.set(key, { card: parsed, checkedBy });
}
