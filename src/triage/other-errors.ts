import type { Catalog } from './catalog';
import type { Intent, MessageEntry, OtherError } from './types';

/** The other errors in a paste: every code but the deciding one, and messages of other intents. */
export function othersOf(
  codes: readonly number[],
  deciding: number | undefined,
  messages: readonly MessageEntry[],
  decided: Intent,
  catalog: Catalog,
): OtherError[] {
  const others: OtherError[] = [];
  for (const code of codes) {
    if (code === deciding) continue;
    const entry = catalog.byCode(code);
    others.push({ code, intent: entry?.intent ?? 'other-known', name: entry?.name ?? 'unknown' });
  }
  const intents = new Set<Intent>([decided, ...others.map((o) => o.intent)]);
  for (const message of messages) {
    if (intents.has(message.intent)) continue;
    intents.add(message.intent);
    others.push({ intent: message.intent, name: message.id });
  }
  return others;
}
