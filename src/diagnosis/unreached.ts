import { isAppError } from '../errors';

/** Graph did not answer a read: too busy past the wait budget, or not reachable at all. */
export type Unreached = 'busy' | 'unreachable';

/** Whether a failed read is Graph not answering (a check that could not be made), and which. */
export function unreached(error: unknown): Unreached | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code === 'graph-throttled') return 'busy';
  if (error.code === 'graph-unavailable') return 'unreachable';
  return undefined;
}
