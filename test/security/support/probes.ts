import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '../../../src/sandbox/demo-ids';
import { cardText, hasAdaptiveCard } from '../../support/card-text';
import { teamsMessage } from '../../support/local-connector';
import { OTHER_TENANT, quietActivity, type EdgeHarness } from './edge-harness';
import { EVAL_MARKER, hostileText } from './hostile-text';
import { click, graphWrites, invokeActivity, type Person } from './invoke';
import { REFUSED_JWT_CASES } from './jwt-cases';

/** Figures of the inbound-token checks against a deployment-mode harness. */
export async function probeTokens(h: EdgeHarness) {
  const valid = await h.post(
    quietActivity(h.connector.url),
    `Bearer ${h.authority.token(h.claims())}`,
  );
  const runsBefore = h.handlerRuns;
  let refused = 0;
  const notRefused: string[] = [];
  for (const c of REFUSED_JWT_CASES) {
    const { status, body } = await h.post(
      quietActivity(c.serviceUrl ?? h.connector.url),
      c.header(h),
    );
    if (status === 401 && body === '') refused += 1;
    else notRefused.push(`${c.name}: ${status}`);
  }
  const tenant = await h.post(
    quietActivity(h.connector.url, OTHER_TENANT),
    `Bearer ${h.authority.token(h.claims())}`,
  );
  return {
    jwtValidAccepted: valid.status === 200,
    jwtCases: REFUSED_JWT_CASES.length,
    jwtRefused: refused,
    jwtNotRefused: notRefused,
    otherTenantStatus: tenant.status,
    handlerRunsOnRefused: h.handlerRuns - runsBefore,
  };
}

const member: Person = { id: '29:member', aadObjectId: DEMO_USERS.member.id, name: 'Demo User' };

/**
 * Forged and malformed card actions: how many got a clear answer (a card, or a message Teams
 * shows in place) and what they wrote to Graph.
 */
export async function probeCardActions(h: EdgeHarness) {
  const writesBefore = graphWrites(h);
  const attempts = [
    invokeActivity(h, member, 'request.create', {
      v: 1,
      action: 'issue-tap',
      subjectId: DEMO_USERS.member.id,
    }),
    invokeActivity(h, member, 'request.execute', { v: 1 }),
    invokeActivity(h, member, 'request.approve', { v: 1, requestId: 'r-unknown', version: 1 }),
    invokeActivity(h, member, 'request.approve', { v: 1, requestId: 'a b"<x>', version: 1 }),
    invokeActivity(h, member, 'request.approve', {}, 'a string value'),
    invokeActivity(h, member, 'request.approve', { v: 1, pad: 'x'.repeat(100_000) }),
    invokeActivity(h, member, 'help\n[turn-error] FORGED', { v: 1 }),
  ];
  let answeredWithCard = 0;
  const withoutCard: string[] = [];
  for (const [i, attempt] of attempts.entries()) {
    const { status, text, type } = await click(h, attempt);
    const card = type === 'application/vnd.microsoft.card.adaptive' && /AdaptiveCard/.test(text);
    const message = type === 'application/vnd.microsoft.activity.message' && text.trim() !== '';
    if (status === 200 && (card || message)) answeredWithCard += 1;
    else withoutCard.push(`#${i}: ${status}`);
  }
  return {
    forgedActions: attempts.length,
    forgedAnsweredWithCard: answeredWithCard,
    forgedWithoutCard: withoutCard,
    forgedGraphWrites: graphWrites(h) - writesBefore,
  };
}

/** Hostile pastes through the whole turn; counts failures instead of stopping at the first. */
export async function probeHostileText(h: EdgeHarness, runs: number, seed = 1400) {
  const samples = fc.sample(hostileText(), { numRuns: runs, seed });
  let failures = 0;
  let slowest = 0;
  for (const text of samples) {
    const conversationId = `a:fuzz-${randomUUID()}`;
    const started = Date.now();
    try {
      await h.post(teamsMessage(h.connector.url, text, member, conversationId));
      const reply = await h.connector.waitFor(
        (a) => a.conversationId === conversationId && a.activity.type === 'message',
        20_000,
      );
      slowest = Math.max(slowest, Date.now() - started);
      if (!hasAdaptiveCard(reply.activity) || cardText(reply.activity).includes(EVAL_MARKER)) {
        failures += 1;
      }
    } catch {
      failures += 1;
    }
  }
  return { hostileTurns: runs, hostileFailures: failures, hostileSlowestMs: slowest };
}
