/**
 * `npm run verify:security`: the security suite's claims at full size, from outside (HTTP
 * against the composed bot, the SDK's own token validation, the sandbox tenant's request log).
 * Prints each figure as it is measured and ends with one JSON line; exits 1 when a claim fails.
 */
import { startEdgeHarness } from '../test/security/support/edge-harness';
import { runFlood } from '../test/security/support/flood';
import { probeCardActions, probeHostileText, probeTokens } from '../test/security/support/probes';
import { raceApprovals } from '../test/security/support/race';

const FLOOD = { messages: 500, seconds: 10, otherEveryMs: 100 };
const RACE_CLICKS = 1000;
const HOSTILE_TURNS = Number(process.env.SECURITY_FUZZ_RUNS ?? 150);

async function main(): Promise<void> {
  const figures: Record<string, unknown> = {};
  const show = (part: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(part))
      console.log(`${key}: ${JSON.stringify(value)}`);
    Object.assign(figures, part);
  };
  // The SDK prints every refused token with its stack; the figures below are what counts.
  const error = console.error;
  console.error = () => undefined;
  try {
    const deployed = await startEdgeHarness();
    try {
      show(await probeTokens(deployed));
    } finally {
      await deployed.stop();
    }
    const local = await startEdgeHarness({}, { local: true });
    try {
      show(await probeCardActions(local));
      const flood = await runFlood(local, FLOOD);
      show({
        floodMessages: flood.floodMessages,
        floodTurnsRun: flood.floodTurnsRun,
        floodGraphRequests: flood.floodGraphRequests,
        floodOthersAsked: flood.othersAsked,
        floodOthersAnswered: flood.othersAnswered,
        floodOthersP50Ms: flood.othersP50Ms,
        floodOthersP99Ms: flood.othersP99Ms,
        inFlightAfterFlood: flood.inFlightAfter,
      });
    } finally {
      await local.stop();
    }
    const fuzz = await startEdgeHarness(
      { RATE_PASTES: '100000,100000', MAX_TURNS_PER_PERSON: '100' },
      { local: true },
    );
    try {
      show(await probeHostileText(fuzz, HOSTILE_TURNS));
    } finally {
      await fuzz.stop();
    }
    show({ ...(await raceApprovals(RACE_CLICKS)) });
  } finally {
    console.error = error;
  }

  const failed = [
    figures.jwtValidAccepted !== true && 'a valid token was not accepted',
    figures.jwtRefused !== figures.jwtCases && 'a bad token was not refused with a bare 401',
    figures.handlerRunsOnRefused !== 0 && 'a handler ran for a refused token',
    figures.otherTenantStatus !== 403 && 'another tenant was not refused',
    figures.forgedGraphWrites !== 0 && 'a forged action wrote to the directory',
    figures.forgedAnsweredWithCard !== figures.forgedActions &&
      'a forged action got no clear answer',
    figures.floodOthersAnswered !== figures.floodOthersAsked && 'another person went unanswered',
    figures.inFlightAfterFlood !== 0 && 'turns were left running after the flood',
    figures.hostileFailures !== 0 && 'hostile text broke a turn',
    figures.graphWrites !== 1 && 'racing approvals did not make exactly one pass',
    figures.raceCompleted !== 1 && 'racing approvals did not tell exactly one clicker it was done',
    figures.raceAnswered !== figures.raceApprovals && 'a racing approval got no card',
  ].filter((x): x is string => typeof x === 'string');
  console.log(JSON.stringify({ ...figures, failed }));
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ failed: [String(error)] }));
  process.exit(1);
});
