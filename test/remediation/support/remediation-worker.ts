/**
 * A separate bot process for the scale-out tests: it builds remediation exactly as an instance
 * would (Azure Tables, Graph on the sandbox), waits for "go" so several workers can start the
 * same moment, runs one command and reports the result to its parent over IPC.
 *
 * argv[2]: JSON WorkerTask.
 */
import { createGraphClient } from '../../../src/graph/client';
import { SandboxCredential } from '../../../src/graph/credential';
import { GraphDirectoryWriter } from '../../../src/graph/directory-writer';
import { GraphRemediationReader } from '../../../src/graph/remediation-reader';
import { GraphTransport } from '../../../src/graph/transport';
import { GraphGroupMembership } from '../../../src/graph/group-membership';
import { TableAuditLog } from '../../../src/audit/audit-log';
import { TableRecordStore } from '../../../src/storage';
import type { RemediationEvents } from '../../../src/remediation/events';
import { RemediationService } from '../../../src/remediation/service';
import { workerPolicy } from './worker-policy';

export type WorkerTask =
  | {
      command: 'approve';
      connectionString: string;
      tablePrefix: string;
      graphUrl: string;
      requestId: string;
      version: number;
      actor: { id: string; name: string };
    }
  | {
      command: 'sweep';
      connectionString: string;
      tablePrefix: string;
      graphUrl: string;
      /** The worker's clock: this instant, fixed. */
      nowIso: string;
    };

const silentEvents: RemediationEvents = {
  created: async () => undefined,
  changed: async () => undefined,
};

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
  const records = TableRecordStore.fromConnectionString(task.connectionString, {
    tablePrefix: task.tablePrefix,
  });
  const graph = createGraphClient({
    baseUrl: task.graphUrl,
    credential: new SandboxCredential(),
    maxRetries: 0,
  });
  const clock = task.command === 'sweep' ? { now: () => new Date(task.nowIso) } : undefined;
  const service = new RemediationService({
    records,
    reader: new GraphRemediationReader(new GraphTransport(graph, task.graphUrl)),
    writer: new GraphDirectoryWriter(new GraphTransport(graph, task.graphUrl)),
    membership: new GraphGroupMembership(graph),
    events: silentEvents,
    audit: new TableAuditLog(records, clock),
    policy: workerPolicy,
    clock,
  });
  // Warm up storage and Graph before the barrier, so "go" releases only the contested step.
  await records.ping();
  process.send?.({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  if (task.command === 'approve') {
    const result = await service.approve({
      actor: task.actor,
      requestId: task.requestId,
      version: task.version,
    });
    process.send?.({
      type: 'result',
      status: result.status,
      state: 'request' in result ? result.request.state : undefined,
    });
  } else {
    const report = await service.sweep();
    process.send?.({ type: 'result', status: 'swept', report });
  }
}

main()
  .catch((error: unknown) => {
    process.send?.({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
    process.exitCode = 1;
  })
  .finally(() => process.disconnect?.());
