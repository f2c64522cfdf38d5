import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../../src/sandbox/demo-ids';
import { cardText } from '../../support/card-text';
import { teamsMessage } from '../../support/local-connector';
import type { EdgeHarness } from './edge-harness';

export interface FloodFigures {
  floodMessages: number;
  floodSeconds: number;
  /** Flood messages whose turn ran (the rest were refused at the edge). */
  floodTurnsRun: number;
  /** Graph requests about the flooding person while the flood lasted. */
  floodGraphRequests: number;
  /** Replies the flooding person received (answers and the "slow down" notices). */
  floodReplies: number;
  othersAsked: number;
  othersAnswered: number;
  othersP50Ms: number;
  othersP99Ms: number;
  /** Turns still running one second after the flood's last message was answered. */
  inFlightAfter: number;
}

const PASTE = 'AADSTS50053: The account is locked, you have tried to sign in too many times.';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * One person (the sandbox's admin) sends `messages` pastes evenly over `seconds` over HTTP while
 * another (the sandbox's member) keeps pasting, `otherEveryMs` after each answer; measures how long the other
 * person's answers take and how much Graph work the flood caused (sandbox request log).
 */
export async function runFlood(
  h: EdgeHarness,
  options: { messages: number; seconds: number; otherEveryMs: number },
): Promise<FloodFigures> {
  const flooder = { id: '29:flooder', aadObjectId: DEMO_USERS.admin.id, name: 'Flood Admin' };
  const other = { id: '29:other', aadObjectId: DEMO_USERS.member.id, name: 'Other Member' };
  const floodConversation = `a:flood-${randomUUID()}`;
  // Warm-up (not measured): the first diagnosis pays for caches and connections.
  await ask(h, other);
  const ranBefore = h.edge.admission.stats.ran;
  const graphBefore = h.sandbox.requests.length;
  const start = Date.now();
  const at = (ms: number) =>
    new Promise((r) => setTimeout(r, Math.max(0, start + ms - Date.now())));

  const flood = Array.from({ length: options.messages }, async (_, i) => {
    await at((i * options.seconds * 1000) / options.messages);
    await h.post(teamsMessage(h.connector.url, PASTE, flooder, floodConversation));
  });
  // The other person asks one question after another for as long as the flood lasts.
  const others = (async () => {
    const times: (number | undefined)[] = [];
    do {
      times.push(await ask(h, other));
      await new Promise((r) => setTimeout(r, options.otherEveryMs));
    } while (Date.now() < start + options.seconds * 1000);
    return times;
  })();
  const [, answered] = await Promise.all([Promise.all(flood), others]);
  const latencies = answered.filter((ms): ms is number => ms !== undefined);
  const othersAsked = answered.length;
  await new Promise((r) => setTimeout(r, 1000));
  const inFlightAfter = h.edge.admission.stats.inFlight;

  const about = [DEMO_USERS.admin.id, DEMO_USERS.admin.upn].map((s) => s.toLowerCase());
  const floodGraphRequests = h.sandbox.requests.slice(graphBefore).filter((r) => {
    const text = `${r.path} ${JSON.stringify(r.query)}`.toLowerCase();
    return about.some((id) => text.includes(id));
  }).length;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    floodMessages: options.messages,
    floodSeconds: options.seconds,
    floodTurnsRun: h.edge.admission.stats.ran - ranBefore - othersAsked,
    floodGraphRequests,
    floodReplies: h.connector.received.filter((a) => a.conversationId === floodConversation).length,
    othersAsked,
    othersAnswered: latencies.length,
    othersP50Ms: percentile(sorted, 50),
    othersP99Ms: percentile(sorted, 99),
    inFlightAfter,
  };
}

/** One paste from `person` in a new chat; milliseconds until the answer, or undefined. */
async function ask(
  h: EdgeHarness,
  person: { id: string; aadObjectId: string; name: string },
): Promise<number | undefined> {
  const conversationId = `a:other-${randomUUID()}`;
  const sent = Date.now();
  await h.post(teamsMessage(h.connector.url, PASTE, person, conversationId));
  try {
    const reply = await h.connector.waitFor(
      (a) => a.conversationId === conversationId && a.activity.type === 'message',
      30_000,
    );
    // A limit notice is not an answer.
    if (/Slow down|Still working/.test(cardText(reply.activity))) return undefined;
    return Date.now() - sent;
  } catch {
    return undefined;
  }
}
