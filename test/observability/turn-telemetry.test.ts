import assert from 'node:assert/strict';
import { SpanKind } from '@opentelemetry/api';
import { SCENARIO_SIGN_INS, SCENARIO_USERS } from '../../src/sandbox/scenario-ids';
import { startBotHarness, teamsUser, type BotHarness } from '../support/bot-harness';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { teamsMessage } from '../support/local-connector';
import { captureTelemetry, type TelemetryCapture } from '../support/telemetry-capture';

/** Waits until the bot's start-up reads (policy cache warm-up) have finished. */
async function quiet(harness: BotHarness): Promise<void> {
  let seen = -1;
  while (seen !== harness.sandbox.requests.length) {
    seen = harness.sandbox.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * One pasted error through the real bot (restify, teams-ai, sandbox tenant over HTTP, Azurite),
 * with an in-memory OpenTelemetry SDK registered as Azure Monitor's would be.
 */
describe('telemetry and logs of one turn @slow', function () {
  this.timeout(60_000);
  let harness: BotHarness;
  let telemetry: TelemetryCapture;
  let logs: LogCapture;
  let graphCallsBefore = 0;
  const sum = (points: { value: number }[]) => points.reduce((total, p) => total + p.value, 0);

  before(async () => {
    telemetry = captureTelemetry();
    logs = captureLogs('debug');
    harness = await startBotHarness();
    const user = SCENARIO_USERS.caBlocked;
    const paste = [
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
      `Request Id: ${SCENARIO_SIGN_INS.caBlocked.id}`,
      `Correlation Id: ${SCENARIO_SIGN_INS.caBlocked.correlationId}`,
    ].join('\n');
    const activity = teamsMessage(harness.connector.url, paste, teamsUser(user));
    await quiet(harness);
    harness.sandbox.requests.length = 0;
    telemetry.reset();
    logs.lines.length = 0;
    await telemetry.collect();
    graphCallsBefore = sum(telemetry.counter('helpdesk.graph.calls'));
    await harness.exchange(activity, { timeoutMs: 30_000 });
    await telemetry.collect();
  });

  after(async () => {
    await harness?.stop();
    logs?.stop();
    await telemetry?.stop();
  });

  it('records one server span for the turn with the triage intent on it', () => {
    const turns = telemetry.spans().filter((s) => s.name === 'turn');
    assert.equal(turns.length, 1);
    assert.equal(turns[0].kind, SpanKind.SERVER);
    assert.equal(turns[0].attributes['helpdesk.intent'], 'ca-blocked');
    assert.equal(turns[0].attributes['bot.activity.type'], 'message');
  });

  it('nests a triage span and the Graph calls, by operation and status, under the turn', () => {
    const spans = telemetry.spans();
    const turn = spans.find((s) => s.name === 'turn');
    assert.ok(turn);
    const traceId = turn.spanContext().traceId;
    const triage = spans.find((s) => s.name === 'triage');
    assert.ok(triage);
    assert.equal(triage.attributes['helpdesk.intent'], 'ca-blocked');
    assert.equal(triage.attributes['helpdesk.code'], 53003);
    assert.equal(triage.spanContext().traceId, traceId);
    assert.equal(triage.parentSpanContext?.spanId, turn.spanContext().spanId);

    const graph = spans.filter((s) => s.name.startsWith('graph '));
    assert.ok(graph.length >= 1, 'at least one Graph call');
    for (const span of graph) {
      assert.equal(span.kind, SpanKind.CLIENT);
      assert.equal(span.spanContext().traceId, traceId, `${span.name} belongs to the turn`);
      assert.match(String(span.attributes['graph.operation']), /^(GET|POST) \//);
      assert.equal(typeof span.attributes['http.response.status_code'], 'number');
      assert.doesNotMatch(span.name, /@|[0-9a-f]{8}-[0-9a-f]{4}-/i, 'no ids or UPNs in names');
    }
    const operations = graph.map((s) => s.attributes['graph.operation']);
    assert.ok(
      operations.some((o) => /signIns|\$batch/.test(String(o))),
      `a sign-in read among ${operations.join(', ')}`,
    );
    // As many Graph spans as HTTP requests the sandbox answered outside $batch items.
    const httpCalls = harness.sandbox.requests.filter((r) => r.batchItemId === undefined);
    assert.equal(graph.length, httpCalls.length);
    const statuses = graph.map((s) => s.attributes['http.response.status_code']).sort();
    assert.deepEqual(statuses, httpCalls.map((r) => r.status).sort());
  });

  it('counts the turn, the intent and the Graph calls as metrics', () => {
    const turns = telemetry.counter('helpdesk.turns');
    assert.deepEqual(
      turns.map((p) => [p.attributes.activityType, p.attributes.outcome, p.value]),
      [['message', 'ok', 1]],
    );
    const intents = telemetry.counter('helpdesk.triage.intents');
    assert.deepEqual(
      intents.map((p) => [p.attributes.intent, p.value]),
      [['ca-blocked', 1]],
    );
    const calls = telemetry.counter('helpdesk.graph.calls');
    assert.equal(
      sum(calls) - graphCallsBefore,
      telemetry.spans().filter((s) => s.name.startsWith('graph ')).length,
    );
    assert.ok(calls.every((p) => /^(GET|POST) \//.test(String(p.attributes.operation))));
    assert.ok(calls.some((p) => p.attributes.status === '200'));
  });

  it('writes one turn line whose correlation id reached Graph as client-request-id', () => {
    const turnLines = logs.records().filter((r) => r.msg === 'turn');
    assert.equal(turnLines.length, 1);
    const line = turnLines[0];
    assert.equal(line.intent, 'ca-blocked');
    assert.equal(line.outcome, 'ok');
    assert.equal(line.level, 'info');
    assert.match(String(line.correlationId), /^[0-9a-f-]{36}$/);
    const sent = harness.sandbox.requests.map((r) => r.clientRequestId);
    assert.ok(sent.length > 0);
    for (const id of sent) assert.equal(id, line.correlationId);
    const graphLines = logs.records().filter((r) => r.msg === 'graph call');
    assert.ok(graphLines.length > 0);
    for (const g of graphLines) assert.equal(g.correlationId, line.correlationId);
  });
});
