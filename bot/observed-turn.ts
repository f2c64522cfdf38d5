import type { TurnContext } from 'botbuilder';
import { currentCorrelation, getLogger, newCorrelationId, withCorrelation } from '../src/logging';
import { count, inSpan, measure, SpanKind } from '../src/telemetry';

const log = getLogger('turn');

function invokeVerb(context: TurnContext): string | undefined {
  const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action
    ?.verb;
  return typeof verb === 'string' ? verb.slice(0, 64) : undefined;
}

/**
 * Runs one turn in its own correlation scope and span, then writes exactly one summary line:
 * activity type, conversation type, what the routes noted (intent, outcome), duration. The
 * line holds ids and names only, never the pasted text or a card's contents.
 */
export async function observeTurn(context: TurnContext, run: () => Promise<void>): Promise<void> {
  const correlationId = newCorrelationId();
  const activity = context.activity;
  const base = {
    activityType: activity.type,
    activityName: activity.name,
    activityId: activity.id,
    conversationType: activity.conversation?.conversationType,
    channelId: activity.channelId,
    verb: invokeVerb(context),
  };
  await withCorrelation(correlationId, async () => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      await inSpan(
        'turn',
        {
          'helpdesk.correlation_id': correlationId,
          'bot.activity.type': activity.type ?? 'unknown',
          'bot.conversation.type': activity.conversation?.conversationType ?? 'unknown',
        },
        async (span) => {
          try {
            await run();
          } finally {
            const facts = currentCorrelation()?.facts ?? {};
            for (const [key, value] of Object.entries(facts))
              span.setAttribute(`helpdesk.${key}`, value);
          }
        },
        SpanKind.SERVER,
      );
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      const durationMs = Math.round(performance.now() - started);
      const facts = currentCorrelation()?.facts ?? {};
      count('helpdesk.turns', { activityType: activity.type ?? 'unknown', outcome });
      measure('helpdesk.turn.duration', durationMs, { activityType: activity.type ?? 'unknown' });
      log.info('turn', { ...base, outcome, ...facts, durationMs });
    }
  });
}
