/** Body of a request whose text was not valid JSON; the pipeline answers 400 after auth. */
export const INVALID_BODY = Symbol('invalid-body');

/** One Graph request as the sandbox pipeline sees it (a top-level HTTP call or a `$batch` item). */
export interface SandboxRequest {
  method: string;
  version: 'v1.0' | 'beta';
  /** Path after the version, still percent-encoded, e.g. `/users/a%40b.example/memberOf`. */
  rawPath: string;
  /** Decoded path segments after the version. */
  segments: string[];
  /** Query parameters, decoded; the last value wins when a name repeats. */
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** Origin of the sandbox, used to build absolute `@odata.nextLink` URLs. */
  baseUrl: string;
}

/** What a route answers; the pipeline adds request-id headers and serialises the body. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; undefined means no body (204, 201 without content). */
  body?: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
