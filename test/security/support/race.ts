import { RemediationAnnouncer } from '../../../bot/remediation/announcer';
import { TableAuditLog } from '../../../src/audit/audit-log';
import { createGraphClient } from '../../../src/graph/client';
import { SandboxCredential } from '../../../src/graph/credential';
import { GraphDirectoryWriter } from '../../../src/graph/directory-writer';
import { GraphGroupMembership } from '../../../src/graph/group-membership';
import { GraphRemediationReader } from '../../../src/graph/remediation-reader';
import { GraphTransport } from '../../../src/graph/transport';
import { RemediationService } from '../../../src/remediation/service';
import { DEMO_USERS } from '../../../src/sandbox/demo-ids';
import { startSandboxTenant } from '../../../src/sandbox/server';
import { createStorage, startAzurite } from '../../../src/storage';
import { RecordingNotifier } from '../../remediation/support/recording-notifier';
import { workerPolicy } from '../../remediation/support/worker-policy';
import { HOME_TENANT } from './edge-harness';
import { passCodesIn, scanForSecrets, storagePlaces, type Place } from './secret-scan';
import { startTwoBots } from './two-bots';

export interface RaceFigures {
  raceApprovals: number;
  /** Clicks answered with a card (every one should be). */
  raceAnswered: number;
  /** Clicks whose card says the pass was made, "Done." (exactly one). */
  raceCompleted: number;
  /** Passes created in the directory, from the sandbox's request log (exactly one). */
  graphWrites: number;
  approveInvokeP50Ms: number;
  approveInvokeP99Ms: number;
  /** Passes issued in the run, then the places searched for them (and for any token). */
  raceSecretsKnown: number;
  racePlacesScanned: number;
  raceSecretHits: number;
  raceSecretHitPlaces: string[];
}

const helpdesk = { id: '29:helpdesk', aadObjectId: DEMO_USERS.helpdesk.id, name: 'Helpdesk Agent' };

/**
 * A pending pass request, then `clicks` approvals of it at once from the helpdesk, through a
 * balancer in front of two bot processes that share one Azurite. The limits are lifted in the
 * bot processes so that every click reaches the request store: this measures the race, not the
 * limiter.
 */
export async function raceApprovals(clicks: number): Promise<RaceFigures> {
  const azurite = await startAzurite({ inMemory: true });
  const sandbox = await startSandboxTenant({ port: 0 });
  try {
    const graph = createGraphClient({ baseUrl: sandbox.url, credential: new SandboxCredential() });
    const storage = createStorage({ connectionString: azurite.connectionString });
    const notifier = new RecordingNotifier();
    const service = new RemediationService({
      records: storage.records,
      reader: new GraphRemediationReader(new GraphTransport(graph, sandbox.url)),
      writer: new GraphDirectoryWriter(new GraphTransport(graph, sandbox.url)),
      membership: new GraphGroupMembership(graph),
      events: new RemediationAnnouncer(notifier, workerPolicy),
      audit: new TableAuditLog(storage.records),
      policy: workerPolicy,
    });
    const created = await service.create({
      actor: { id: DEMO_USERS.member.id, name: 'Demo User' },
      kind: 'issue-tap',
      subjectId: DEMO_USERS.member.id,
      mode: 'request',
      inputs: {},
    });
    if (created.status !== 'created') throw new Error(`no request: ${JSON.stringify(created)}`);
    const requestId = created.request.id;

    const bots = await startTwoBots({
      connectionString: azurite.connectionString,
      sandboxUrl: sandbox.url,
      env: {
        RATE_APPROVALS: '100000,1000000',
        MAX_TURNS_PER_PERSON: '10000',
        MAX_TURNS_IN_FLIGHT: '10000',
      },
    });
    let places: Place[] = [];
    let codes: string[] = [];
    let figures: Omit<
      RaceFigures,
      'raceSecretsKnown' | 'racePlacesScanned' | 'raceSecretHits' | 'raceSecretHitPlaces'
    >;
    try {
      const click = async (
        i: number,
        verb = 'request.approve',
      ): Promise<{ ms: number; text: string }> => {
        const started = Date.now();
        const response = await fetch(`${bots.url}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            type: 'invoke',
            name: 'adaptiveCard/action',
            id: `race-${i}`,
            channelId: 'msteams',
            serviceUrl: 'http://127.0.0.1:9/',
            from: helpdesk,
            recipient: { id: '28:bot' },
            conversation: {
              id: `a:race-${i}`,
              conversationType: 'personal',
              tenantId: HOME_TENANT,
            },
            channelData: { tenant: { id: HOME_TENANT } },
            value: {
              action: {
                type: 'Action.Execute',
                verb,
                data: { v: 1, requestId, version: 1 },
              },
              trigger: 'manual',
            },
          }),
        }).catch(() => undefined);
        const text = response?.ok ? await response.text() : `status ${response?.status ?? 'none'}`;
        return { ms: Date.now() - started, text };
      };
      // Warm-up, not measured: each process's first turns load and compile the code they run
      // (a deployment runs compiled code, already warm); a refresh goes the same way as a click.
      for (let i = 0; i < 4; i += 1) await click(-1 - i, 'request.refresh');
      const results = await Promise.all(Array.from({ length: clicks }, (_, i) => click(i)));
      const times = results.map((r) => r.ms).sort((a, b) => a - b);
      codes = results.flatMap((r) => passCodesIn(r.text));
      // Let the follow-up work (outcome, audit, notices) finish before storage is read.
      await new Promise((r) => setTimeout(r, 3000));
      places = await storagePlaces(azurite.connectionString);
      figures = {
        raceApprovals: clicks,
        raceAnswered: results.filter((r) => r.text.includes('AdaptiveCard')).length,
        raceCompleted: results.filter((r) => r.text.includes('"Done."')).length,
        graphWrites: sandbox.requests.filter(
          (r) => r.method === 'POST' && r.path.endsWith('/temporaryAccessPassMethods'),
        ).length,
        approveInvokeP50Ms: times[Math.min(times.length - 1, Math.ceil(0.5 * times.length) - 1)],
        approveInvokeP99Ms: times[Math.min(times.length - 1, Math.ceil(0.99 * times.length) - 1)],
      };
    } finally {
      await bots.stop();
    }
    // Every place but the approver's own answer: both processes' output, every stored entity,
    // blob and queue message, the channel posts, and the Graph request log.
    bots.output.forEach((lines, i) =>
      places.push({ place: `output of bot ${i + 1}`, text: lines.join('') }),
    );
    places.push({ place: 'channel posts', text: JSON.stringify(notifier.calls) });
    places.push({ place: 'Graph request log', text: JSON.stringify(sandbox.requests) });
    const scan = scanForSecrets(codes, places);
    return {
      ...figures,
      raceSecretsKnown: scan.secretsKnown,
      racePlacesScanned: scan.placesScanned,
      raceSecretHits: scan.secretHits,
      raceSecretHitPlaces: scan.secretHitPlaces,
    };
  } finally {
    await sandbox.close();
    await azurite.stop();
  }
}
