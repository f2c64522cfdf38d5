import { randomUUID } from 'node:crypto';
import type { EdgeHarness } from './edge-harness';
import { HOME_TENANT } from './edge-harness';

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

/** An Action.Execute invoke as Teams sends it; `value` replaces the whole value when given. */
export function invokeActivity(
  h: EdgeHarness,
  person: Person,
  verb: unknown,
  data: unknown,
  value?: unknown,
): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: person,
    recipient: { id: '28:bot', name: 'Sign-in Helpdesk' },
    conversation: {
      id: `a:personal-${person.id}`,
      conversationType: 'personal',
      tenantId: HOME_TENANT,
    },
    channelData: { tenant: { id: HOME_TENANT } },
    locale: 'en-US',
    value: value ?? { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/**
 * Posts an invoke and returns its status, the response type (a card, or a message Teams shows
 * in place) and every string of the answer.
 */
export async function click(
  h: EdgeHarness,
  activity: Record<string, unknown>,
): Promise<{ status: number; text: string; type?: string }> {
  const { status, body } = await h.post(activity);
  const parsed = (body ? JSON.parse(body) : {}) as { value?: unknown; type?: string };
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(parsed.value);
  return { status, text: out.join('\n'), type: parsed.type };
}

/** POSTs that only read: batches (their items are logged on their own) and membership checks. */
const READ_POSTS = /\/\$batch$|\/(checkMemberGroups|getMemberGroups|getMemberObjects|getByIds)$/;

/** Graph requests that change something, after index `from` of the sandbox's request log. */
export function graphWrites(h: EdgeHarness, from = 0): number {
  return h.sandbox.requests
    .slice(from)
    .filter((r) => r.method !== 'GET' && !READ_POSTS.test(r.path)).length;
}
