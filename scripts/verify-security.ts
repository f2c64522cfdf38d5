/**
 * `npm run verify:security`: the security suite's claims at full size, from outside (HTTP
 * against the composed bot, the SDK's own token validation, the sandbox tenant's request log).
 * Prints each figure as it is measured and ends with one JSON line; exits 1 when a claim fails.
 */
import { captureLogs } from '../test/support/log-capture';
import { startEdgeHarness, type EdgeHarness } from '../test/security/support/edge-harness';
import { runFlood } from '../test/security/support/flood';
import { probeCardActions, probeHostileText, probeTokens } from '../test/security/support/probes';
import { raceApprovals } from '../test/security/support/race';
import {
  approveDuringOutage,
  settleAfterStop,
  startOutageRig,
} from '../test/remediation/support/outage-rig';
import { scanForSecrets, storagePlaces, type Place } from '../test/security/support/secret-scan';

const FLOOD = { messages: 500, seconds: 10, otherEveryMs: 100 };
const RACE_CLICKS = 1000;
const HOSTILE_TURNS = Number(process.env.SECURITY_FUZZ_RUNS ?? 150);
/** Teams waits about 15 s for an invoke; an approval must answer well inside that. */
const APPROVE_INVOKE_P99_MS = 5000;

/** What a harness leaves for the secret scan: what it posted and everything it stored. */
async function placesOf(h: EdgeHarness, name: string): Promise<Place[]> {
  return [
    { place: `${name}: posted activities`, text: JSON.stringify(h.connector.received) },
    ...(await storagePlaces(h.azurite.connectionString)).map((p) => ({
      ...p,
      place: `${name}: ${p.place}`,
    })),
  ];
}

async function main(): Promise<void> {
  const figures: Record<string, unknown> = {};
  const show = (part: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(part))
      console.log(`${key}: ${JSON.stringify(value)}`);
    Object.assign(figures, part);
  };
  // The app's log lines are kept in memory for the secret scan (the figures go to stdout).
  const logs = captureLogs('debug');
  const places: Place[] = [];
  const secrets: string[] = [];
  try {
    const deployed = await startEdgeHarness();
    try {
      show(await probeTokens(deployed));
      const credential = deployed.config.graph.credential;
      secrets.push(deployed.config.bot.password ?? '');
      if (credential.kind === 'client-secret') secrets.push(credential.clientSecret);
      places.push(...(await placesOf(deployed, 'deployed bot')));
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
      places.push(...(await placesOf(local, 'local bot')));
    } finally {
      await local.stop();
    }
    const fuzz = await startEdgeHarness(
      { RATE_PASTES: '100000,100000', MAX_TURNS_PER_PERSON: '100' },
      { local: true },
    );
    try {
      show(await probeHostileText(fuzz, HOSTILE_TURNS));
      places.push(...(await placesOf(fuzz, 'fuzzed bot')));
    } finally {
      await fuzz.stop();
    }
    // Faults on the real Azurite: stopped during a pass write and started again; a bot stopped
    // with a run half-done and a new one started.
    const rig = await startOutageRig();
    try {
      const outage = await approveDuringOutage(rig);
      const stopped = await settleAfterStop(rig);
      const approvalHeld =
        /"Done\."/.test(outage.approverAnswer) && outage.passesMade === 1 && outage.outboxEmptied;
      const stopHeld = stopped.state !== undefined && stopped.rerun === 0;
      show({
        faultsTried: 2,
        faultsSurvived: [approvalHeld, stopHeld].filter(Boolean).length,
        lost:
          (outage.finalState === 'succeeded' ? 0 : 1) +
          Math.abs(1 - outage.successEntries) +
          (stopped.lastAuditEvent === 'failed' ? 0 : 1),
        lostParts: {
          outcomeState: outage.finalState ?? 'not stored',
          successEntries: outage.successEntries,
          interruptedLastAuditEvent: stopped.lastAuditEvent ?? 'none',
        },
        interruptedSettledAs: `${stopped.state ?? 'executing'}/${stopped.errorCode ?? ''}`,
        interruptedRerun: stopped.rerun,
      });
    } finally {
      await rig.close();
    }
    const race = await raceApprovals(RACE_CLICKS);
    show({ ...race });
    places.push({ place: 'log lines', text: logs.lines.join('\n') });
    const scan = scanForSecrets(secrets, places);
    show({
      secretsKnown: scan.secretsKnown + race.raceSecretsKnown,
      placesScanned: scan.placesScanned + race.racePlacesScanned,
      secretHits: scan.secretHits + race.raceSecretHits,
      secretHitPlaces: [...scan.secretHitPlaces, ...race.raceSecretHitPlaces],
    });
  } finally {
    logs.stop();
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
    !(Number(figures.approveInvokeP99Ms) < APPROVE_INVOKE_P99_MS) &&
      `approval invokes took ${String(figures.approveInvokeP99Ms)} ms at p99`,
    figures.secretHits !== 0 && 'a secret reached a log, a record or a post',
    figures.faultsSurvived !== figures.faultsTried && 'a storage or process fault was not survived',
    figures.lost !== 0 && 'an outcome or audit entry was lost',
  ].filter((x): x is string => typeof x === 'string');
  console.log(JSON.stringify({ ...figures, failed }));
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ failed: [String(error)] }));
  process.exit(1);
});
