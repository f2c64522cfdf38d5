import type { GraphTransport } from '../../src/graph/transport';
import type { StorageServices } from '../../src/storage';
import type { ReadinessProbe } from '../server';

/**
 * What /readyz asks of each part: storage answers a ping, Graph names the tenant. Both go through
 * the same adapters the features use (the record store, the one Graph transport).
 */
export function readinessProbes(
  storage: StorageServices,
  graph: GraphTransport,
  graphBaseUrl = 'https://graph.microsoft.com',
): Record<string, ReadinessProbe> {
  return {
    storage: async () => {
      await storage.records.ping();
      return { state: 'up', detail: 'tables answer', address: storage.describe() };
    },
    graph: async () => {
      const { body } = await graph.ok('GET', '/organization?$select=id,displayName', undefined, {
        operation: 'reading the tenant',
      });
      const tenant = (body as { value?: { id: string; displayName: string }[] } | undefined)
        ?.value?.[0];
      return {
        state: 'up',
        detail: tenant ? `${tenant.displayName} (${tenant.id})` : 'answers',
        address: graphBaseUrl,
      };
    },
  };
}
