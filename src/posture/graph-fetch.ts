import { isAppError } from '../errors';
import { toGraphAppError } from '../graph/errors';
import type { GraphTransport } from '../graph/transport';
import type { Read } from './reads';

/**
 * Graph reads that never throw, over the one Graph transport (its pacing, retries and error
 * classification): a missing permission becomes `forbidden` naming the permission the read
 * needs, any other failure `failed` with the transport's sentence for people (a 429 says when
 * to try again). Posture and reports use this so one unreadable fact never sinks a whole card.
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
  const appError = isAppError(error)
    ? error
    : toGraphAppError(error, { operation: spec.operation, permission: spec.permission });
  if (appError.code === 'graph-forbidden') {
    return { ok: false, reason: 'forbidden', permission: spec.permission };
  }
  return { ok: false, reason: 'failed', message: appError.userMessage };
}

export async function readOne<T>(graph: GraphTransport, spec: ReadSpec): Promise<Read<T>> {
  try {
    const { body } = await graph.ok('GET', spec.path, undefined, spec, spec.version);
    return { ok: true, value: body as T };
  } catch (error) {
    return failure(error, spec);
  }
}

/** Every item of a collection, following @odata.nextLink. */
export async function readAll<T>(graph: GraphTransport, spec: ReadSpec): Promise<Read<T[]>> {
  try {
    const items = await graph.all(spec.path, spec, { version: spec.version, maxPages: MAX_PAGES });
    return { ok: true, value: items as T[] };
  } catch (error) {
    return failure(error, spec);
  }
}

export function mapRead<T, U>(read: Read<T>, f: (value: T) => U): Read<U> {
  return read.ok ? { ok: true, value: f(read.value) } : read;
}
