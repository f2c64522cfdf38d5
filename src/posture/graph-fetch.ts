import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { relativeNextLink } from '../graph/client';
import { toGraphAppError } from '../graph/errors';
import type { Read } from './reads';

/**
 * Graph reads that never throw: a 401/403 becomes `forbidden` naming the permission the read
 * needs, any other failure `failed` with a sentence for people. Posture and reports use this so
 * one unreadable fact never sinks a whole card.
 */

const MAX_PAGES = 50;

export interface ReadSpec {
  path: string;
  /** Least-privileged application permission that allows the read. */
  permission: string;
  /** What the bot was reading, for messages ("reading Conditional Access policies"). */
  operation: string;
  version?: 'v1.0' | 'beta';
}

function failure<T>(error: unknown, spec: ReadSpec): Read<T> {
  const status = error instanceof GraphError ? error.statusCode : undefined;
  if (status === 401 || status === 403) {
    return { ok: false, reason: 'forbidden', permission: spec.permission };
  }
  const appError = toGraphAppError(error, {
    operation: spec.operation,
    permission: spec.permission,
  });
  return { ok: false, reason: 'failed', message: appError.userMessage };
}

export async function readOne<T>(graph: Client, spec: ReadSpec): Promise<Read<T>> {
  try {
    const body = (await graph
      .api(spec.path)
      .version(spec.version ?? 'v1.0')
      .get()) as T;
    return { ok: true, value: body };
  } catch (error) {
    return failure(error, spec);
  }
}

/** Every item of a collection, following @odata.nextLink. */
export async function readAll<T>(graph: Client, spec: ReadSpec): Promise<Read<T[]>> {
  const items: T[] = [];
  let path: string | undefined = spec.path;
  let version: string = spec.version ?? 'v1.0';
  try {
    for (let page = 0; path !== undefined && page < MAX_PAGES; page += 1) {
      const body = (await graph.api(path).version(version).get()) as {
        value?: T[];
        '@odata.nextLink'?: string;
      };
      items.push(...(body.value ?? []));
      const next = body['@odata.nextLink'];
      if (next === undefined) {
        path = undefined;
      } else {
        ({ path, version } = relativeNextLink(next));
      }
    }
    return { ok: true, value: items };
  } catch (error) {
    return failure(error, spec);
  }
}

export function mapRead<T, U>(read: Read<T>, f: (value: T) => U): Read<U> {
  return read.ok ? { ok: true, value: f(read.value) } : read;
}
