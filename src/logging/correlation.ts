import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation scope of one unit of work (a turn, a background round). Everything awaited
 * inside `withCorrelation` sees the same id: log lines carry it, Graph calls send it as
 * `client-request-id`, storage calls as `x-ms-client-request-id`, so one id finds a turn in the
 * app's logs, in Graph's sign-in/audit support tooling and in storage analytics.
 */
export interface CorrelationScope {
  correlationId: string;
  /** Facts gathered during the unit of work for its summary line (intent, outcome...). */
  readonly facts: Record<string, string | number | boolean>;
}

const scopes = new AsyncLocalStorage<CorrelationScope>();

/** A fresh id; a GUID, because Graph expects `client-request-id` to be one. */
export function newCorrelationId(): string {
  return randomUUID();
}

export function withCorrelation<T>(correlationId: string, work: () => T): T {
  return scopes.run({ correlationId, facts: {} }, work);
}

export function currentCorrelation(): CorrelationScope | undefined {
  return scopes.getStore();
}

export function currentCorrelationId(): string | undefined {
  return scopes.getStore()?.correlationId;
}

/** Adds facts to the current scope's summary; outside a scope it does nothing. */
export function noteFacts(facts: Record<string, string | number | boolean | undefined>): void {
  const scope = scopes.getStore();
  if (!scope) return;
  for (const [key, value] of Object.entries(facts)) {
    if (value !== undefined) scope.facts[key] = value;
  }
}
