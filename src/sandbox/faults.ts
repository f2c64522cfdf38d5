import { randomUUID } from 'node:crypto';

/**
 * A fault injected on matching requests. `pathPattern` is matched against the path after the
 * version (`/auditLogs/signIns`): a string matches that path and everything below it
 * (case-insensitive, a leading /v1.0 or /beta is ignored); a RegExp is tested against the path
 * with and without the version. Without `status` the rule only adds latency.
 */
export interface FaultRule {
  method?: string;
  pathPattern: RegExp | string;
  /** 429, 5xx or any other error status to answer with. */
  status?: number;
  /** Sent as Retry-After (seconds) with the error status. */
  retryAfterSeconds?: number;
  /** Delay before the request is answered, in real milliseconds. */
  latencyMs?: number;
  /** Fire this many times, then disappear; absent means until removed. */
  times?: number;
  /**
   * Close the connection without an answer, as when Graph cannot be reached at all. A matching
   * request inside `$batch` drops the whole batch's connection: the round trip that carried it.
   */
  drop?: boolean;
}

/** Thrown past every handler when a `drop` fault fires: the server closes the connection. */
export class DroppedConnection extends Error {
  constructor(method: string, path: string) {
    super(`Injected fault: the sandbox drops the connection for ${method} ${path}.`);
    this.name = 'DroppedConnection';
  }
}

export interface ActiveFault extends FaultRule {
  id: string;
  /** How many more times the fault fires; undefined means unlimited. */
  remaining?: number;
}

export interface FaultController {
  /** Adds a rule and returns its id (for `remove`). */
  add(rule: FaultRule): string;
  remove(id: string): boolean;
  /** Removes every rule and the global latency. */
  clear(): void;
  list(): readonly ActiveFault[];
  /** Added to every top-level request, e.g. 100 for benchmarks; 0 by default. */
  latencyMs: number;
}

const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function faultErrorCode(status: number): string {
  return ERROR_CODES[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequest');
}

function matchesPath(pattern: RegExp | string, path: string, versionedPath: string): boolean {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0;
    const bare = pattern.test(path);
    pattern.lastIndex = 0;
    return bare || pattern.test(versionedPath);
  }
  const wanted = `/${pattern.replace(/^\/+/, '').replace(/^(v1\.0|beta)(\/|$)/i, '')}`
    .replace(/\/+$/, '')
    .toLowerCase();
  const actual = path.toLowerCase();
  return wanted === '' || actual === wanted || actual.startsWith(`${wanted}/`);
}

export class FaultRegistry implements FaultController {
  private rules: ActiveFault[] = [];
  latencyMs = 0;

  add(rule: FaultRule): string {
    if (rule.status !== undefined && (rule.status < 400 || rule.status > 599)) {
      throw new RangeError(`fault status must be 400-599, got ${rule.status}`);
    }
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
      throw new RangeError(`fault times must be a positive integer, got ${rule.times}`);
    }
    const id = randomUUID();
    this.rules.push({ ...rule, id, remaining: rule.times });
    return id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }

  list(): readonly ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first matching rule fires (and counts down); undefined when none matches. */
  take(method: string, path: string, versionedPath: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method.toUpperCase()) &&
        matchesPath(r.pathPattern, path, versionedPath),
    );
    if (!rule) return undefined;
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.remove(rule.id);
    }
    return rule;
  }
}
