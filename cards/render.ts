import * as ACData from 'adaptivecards-templating';
import type { ZodType } from 'zod';
import { AppError } from '../src/errors';
import { dataKey, keepCard, keptCard } from './render-cache';

/**
 * Card templates and their one way out: render(). A template is Adaptive Card JSON with
 * `${...}` expressions (adaptivecards-templating), bound to one typed data interface.
 *
 * render() guards the library's traps:
 * - An expression whose data is missing is left in the output literally (`"${title}"`), and a
 *   `$when` on missing data quietly drops the element. render() throws CardRenderError naming the
 *   template for any `${` left in the output, and, when the template has a `schema`, checks the
 *   data against it first, so missing data fails before it can be dropped.
 * - A property whose whole value is one expression keeps the data's type: `"text": "${count}"`
 *   with a number gives `"text": 7`. Templates should bind strings to display properties; as a
 *   safety net render() turns numbers and booleans in display properties (text, title, label,
 *   placeholder, errorMessage, altText, fallbackText, speak, and `value` of facts and choices)
 *   back into strings. Action `data` is never touched: its `v` must stay a number.
 * - Data strings containing `${` (a user can paste anything) would trip the first guard. render()
 *   inserts a zero-width space after every `$` that starts `${` in data strings, so what a user
 *   typed is shown as typed but never reads as an expression, here or in any later expansion.
 * - The same template with the same small data gives the same card: render() keeps it
 *   (render-cache.ts) and hands out a new copy of it each time. Data is checked before its card
 *   is made; data whose card is kept is the same plain JSON as data that passed the check, so it
 *   is not checked again.
 *
 * Every card comes out as `version: "1.5"` (the highest Teams renders for bot cards) with the
 * Adaptive Card `$schema`, whatever the template says, and must fit MAX_CARD_BYTES.
 */

/** A JSON value as produced by JSON.parse. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const CARD_VERSION = '1.5';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Teams refuses bot messages over about 100 KB counted in UTF-16 and advises staying under 80 KB;
 * the card is most of a message, so it gets that whole budget.
 */
export const MAX_CARD_BYTES = 80 * 1024;

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  [property: string]: JsonValue;
}

export interface CardTemplate<T> {
  /** Stable name used in errors and logs, e.g. "triage/explain". */
  readonly name: string;
  /** The Adaptive Card template (a parsed JSON file). */
  readonly json: object;
  /** Runtime check of the data; render() rejects data that fails it. */
  readonly schema?: ZodType<T>;
}

/** The card could not be built from this template and data. A programming error, not user input. */
export class CardRenderError extends AppError {
  readonly templateName: string;

  constructor(templateName: string, detail: string) {
    super('internal', `card ${templateName}: ${detail}`, {
      userMessage:
        'The bot could not put its answer together. The helpdesk team has been told; please try again.',
    });
    this.name = 'CardRenderError';
    this.templateName = templateName;
  }
}

/** The rendered card is larger than Teams accepts. */
export class CardTooLargeError extends CardRenderError {
  readonly sizeBytes: number;
  readonly limitBytes: number;

  constructor(templateName: string, sizeBytes: number, limitBytes: number) {
    super(templateName, `card is ${sizeBytes} bytes (UTF-16), over the ${limitBytes} byte limit`);
    this.name = 'CardTooLargeError';
    this.sizeBytes = sizeBytes;
    this.limitBytes = limitBytes;
  }
}

/** Size of a card as Teams counts it: UTF-16 code units of its JSON, two bytes each. */
export function cardSizeBytes(card: object): number {
  return JSON.stringify(card).length * 2;
}

const DISPLAY_PROPERTIES = new Set([
  'text',
  'title',
  'label',
  'placeholder',
  'errorMessage',
  'altText',
  'fallbackText',
  'speak',
]);

const compiled = new WeakMap<object, ACData.Template>();

function templateFor(json: object): ACData.Template {
  let template = compiled.get(json);
  if (template === undefined) {
    template = new ACData.Template(json);
    compiled.set(json, template);
  }
  return template;
}

/** Copies data, defusing `${` inside strings (see the module comment). */
function defuse(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{/g, '$\u200B{');
  if (Array.isArray(value)) return value.map(defuse);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, defuse(v)]));
  }
  return value;
}

/**
 * Walks the expanded card: rejects leftover expressions and template keys, coerces display
 * properties to strings, and returns a plain JSON copy.
 */
function finish(templateName: string, value: unknown, path: string, inData: boolean): JsonValue {
  if (typeof value === 'string') {
    if (value.includes('${')) {
      throw new CardRenderError(templateName, `unresolved expression "${value}" at ${path}`);
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    return value.map((item, i) => finish(templateName, item, `${path}[${i}]`, inData));
  }
  if (typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const untyped = source.type === undefined;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(source)) {
      if (key.startsWith('$') && key !== '$schema') {
        throw new CardRenderError(templateName, `template key "${key}" left at ${path}`);
      }
      const display = !inData && (DISPLAY_PROPERTIES.has(key) || (key === 'value' && untyped));
      if (display && (typeof item === 'number' || typeof item === 'boolean')) {
        out[key] = String(item);
        continue;
      }
      out[key] = finish(templateName, item, `${path}.${key}`, inData || key === 'data');
    }
    return out;
  }
  throw new CardRenderError(templateName, `unexpected ${typeof value} at ${path}`);
}

function describeIssues(
  issues: ReadonlyArray<{ path: (string | number)[]; message: string }>,
): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(data)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Expands `template` with `data` into a Teams-ready Adaptive Card.
 * Throws CardRenderError (bad data, unresolved expression) or CardTooLargeError.
 */
export function render<T>(template: CardTemplate<T>, data: T): AdaptiveCardJson {
  // Small plain data renders the same card every time: a copy of the one made before, whose data
  // (the same JSON) passed this template's check then.
  const key = dataKey(data);
  const known =
    key === undefined ? undefined : keptCard<AdaptiveCardJson>(template.json, key, template.schema);
  if (known !== undefined) return known;
  if (template.schema !== undefined) {
    const checked = template.schema.safeParse(data);
    if (!checked.success) {
      throw new CardRenderError(
        template.name,
        `invalid data: ${describeIssues(checked.error.issues)}`,
      );
    }
  }
  const expanded: unknown = templateFor(template.json).expand({ $root: defuse(data) });
  const card = finish(template.name, expanded, '$', false);
  if (card === null || typeof card !== 'object' || Array.isArray(card)) {
    throw new CardRenderError(template.name, 'template did not expand to an object');
  }
  if (card.type !== 'AdaptiveCard') {
    throw new CardRenderError(
      template.name,
      `expected type "AdaptiveCard", got "${String(card.type)}"`,
    );
  }
  const rest: JsonObject = { ...card };
  delete rest.type;
  delete rest.$schema;
  delete rest.version;
  const result: AdaptiveCardJson = {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    ...rest,
  };
  // A template whose only actions were dropped by `$when` leaves `actions: []`; say nothing instead.
  if (Array.isArray(result.actions) && result.actions.length === 0) delete result.actions;
  // As cardSizeBytes, with the JSON kept for the cache.
  const json = JSON.stringify(result);
  const size = json.length * 2;
  if (size > MAX_CARD_BYTES) throw new CardTooLargeError(template.name, size, MAX_CARD_BYTES);
  if (key !== undefined) keepCard(template.json, key, json, result, template.schema);
  return result;
}
