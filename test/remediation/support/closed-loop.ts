import { randomUUID } from 'node:crypto';
import { DiagnosisService } from '../../../src/diagnosis/service';
import { recheckSignIn } from '../../../src/diagnosis/recheck';
import type { Diagnosis } from '../../../src/diagnosis/types';
import { createGraphClient } from '../../../src/graph/client';
import { SandboxCredential } from '../../../src/graph/credential';
import { GraphDirectoryReader } from '../../../src/graph/directory-reader';
import { GraphGroupMembership } from '../../../src/graph/group-membership';
import { TenantRateLimits } from '../../../src/graph/rate-limiter';
import { GraphTransport } from '../../../src/graph/transport';
import { GraphWhatIfReader } from '../../../src/graph/what-if-reader';
import { OfferBook } from '../../../src/remediation/offer-book';
import { SignInWatches } from '../../../src/remediation/sign-in-watch';
import type { SandboxTenant } from '../../../src/sandbox/server';
import { TableRecordStore, type AzuriteHandle } from '../../../src/storage';
import { triage } from '../../../src/triage';
import { LocalConnector } from '../../support/local-connector';
import { uniqueTable } from '../../storage/unique-name';
import { ManualClock } from './domain-harness';
import { startRemediationBot, type RemediationBot } from './remediation-bot';

/**
 * The closed-loop check and the exclusion preview on real parts: the remediation routes behind
 * HTTP, Graph in the sandbox tenant, records in Azurite, and diagnosis run for real to make the
 * offers a card would show. One ManualClock drives the bot, the sandbox and Graph pacing; while
 * the bot works, `ticking` moves it on so a paced Graph read is never left waiting on a clock
 * nobody advances (no real timer decides anything a test asserts).
 */
export interface ClosedLoop {
  bot: RemediationBot;
  clock: ManualClock;
  records: TableRecordStore;
  reader: GraphDirectoryReader;
  watches: SignInWatches;
  /** Diagnoses like a paste of `code` by the person and remembers the offers, as the card does. */
  diagnose(userId: string, code: number): Promise<Diagnosis>;
  /** Runs `work` while the clock moves on `stepMs` every few real milliseconds. */
  ticking<T>(work: () => Promise<T>, stepMs?: number): Promise<T>;
  /** The same records and tenant, a new bot process (what a restart gives). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startClosedLoop(
  sandbox: SandboxTenant,
  azurite: AzuriteHandle,
  clock: ManualClock,
): Promise<ClosedLoop> {
  const records = TableRecordStore.fromConnectionString(azurite.connectionString, {
    tablePrefix: uniqueTable('loop'),
  });
  const ticking = async <T>(work: () => Promise<T>, stepMs = 200): Promise<T> => {
    const timer = setInterval(() => clock.advance(stepMs), 5);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  };

  function parts() {
    const graph = createGraphClient({
      baseUrl: sandbox.url,
      credential: new SandboxCredential(),
      maxRetries: 0,
    });
    const reader = new GraphDirectoryReader(graph, {
      limits: new TenantRateLimits({ clock }),
      clock,
    });
    const watches = new SignInWatches(records, reader, {}, (userId, row) =>
      recheckSignIn({ reader, clock }, userId, row),
    );
    const offers = new OfferBook(records, clock, { strict: true });
    const whatIf = new GraphWhatIfReader(
      new GraphTransport(graph, sandbox.url),
      new GraphGroupMembership(graph, { ttlMs: 0, clock }),
    );
    return { reader, watches, offers, whatIf };
  }

  const connector = new LocalConnector();
  await connector.start();
  let current = parts();
  let bot = await startRemediationBot({
    records,
    sandbox,
    connector,
    parts: { clock, offers: current.offers, whatIf: current.whatIf, watches: current.watches },
  });
  const loop: ClosedLoop = {
    get bot() {
      return bot;
    },
    clock,
    records,
    get reader() {
      return current.reader;
    },
    get watches() {
      return current.watches;
    },
    async diagnose(userId, code) {
      const service = new DiagnosisService({ reader: current.reader, clock });
      const diagnosis = await ticking(() =>
        service.diagnose({
          triage: triage(`AADSTS${code}`),
          subject: { kind: 'id', id: userId },
          audience: 'user',
        }),
      );
      await current.offers.remember(diagnosis.offers);
      return diagnosis;
    },
    ticking,
    async restart() {
      await bot.stop();
      current = parts();
      bot = await startRemediationBot({
        records,
        sandbox,
        connector,
        parts: { clock, offers: current.offers, whatIf: current.whatIf, watches: current.watches },
      });
    },
    async stop() {
      await bot.stop();
      await connector.stop();
    },
  };
  return loop;
}

/** A sign-in row for the sandbox log, made from one of the fixture's and moved to `at`. */
export function seededSignIn(
  sandbox: SandboxTenant,
  like: { userId: string; errorCode: number },
  at: Date,
  change: (row: SandboxTenant['state']['signIns'][number]) => void = () => undefined,
): string {
  const model = sandbox.state.signIns.find(
    (s) => s.userId === like.userId && s.status.errorCode === like.errorCode,
  );
  if (!model) throw new Error(`no sign-in of ${like.userId} with ${like.errorCode} to copy`);
  const row = structuredClone(model);
  row.id = randomUUID();
  row.correlationId = randomUUID();
  row.createdDateTime = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  change(row);
  sandbox.state.signIns.push(row);
  return row.id;
}
