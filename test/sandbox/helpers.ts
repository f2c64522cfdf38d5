import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient, relativeNextLink } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import type { SandboxTenant } from '../../src/sandbox/server';

export const TOKEN = 'sandbox-token';

/** fetch against the sandbox with a bearer token; `path` includes the version. */
export async function call(
  sandbox: SandboxTenant,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sandbox.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Narrows a JSON body to a record for property access in assertions. */
export function rec(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export function values(body: unknown): Record<string, unknown>[] {
  const value = rec(body).value;
  if (!Array.isArray(value)) throw new Error('expected a value array');
  return value.map(rec);
}

export function errorOf(body: unknown): { code: string; message: string } {
  const error = rec(rec(body).error);
  return { code: String(error.code), message: String(error.message) };
}

/**
 * The real Graph SDK client pointed at the sandbox, built by the project's one client factory
 * (retries honouring Retry-After; `maxRetries` 0 shows the raw answer).
 */
export function sdkClient(sandbox: SandboxTenant, maxRetries = 0): Client {
  return createGraphClient({
    baseUrl: sandbox.url,
    credential: new SandboxCredential(),
    maxRetries,
  });
}

/** The SDK resolves relative paths only; an http nextLink must be made relative first. */
export function relativeLink(nextLink: string): string {
  return relativeNextLink(nextLink).path;
}
