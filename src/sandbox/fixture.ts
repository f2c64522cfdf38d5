import { readFileSync } from 'node:fs';
import type { ZodIssue } from 'zod';
import demoTenant from './fixtures/demo-tenant.json';
import { checkReferences } from './fixture-references';
import { tenantFixtureSchema, type TenantFixture } from './fixture-schema';

export type { TenantFixture } from './fixture-schema';

/** A fixture that does not describe a consistent tenant; `problems` each name their entry. */
export class FixtureError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid tenant fixture ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FixtureError';
  }
}

function entryName(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const record = entry as Record<string, unknown>;
  for (const key of ['displayName', 'deviceName', 'userPrincipalName', 'id']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** `users[5] "Sales Member".authentication.phoneMethods[0].phoneNumber`, read from the raw input. */
function describePath(raw: unknown, path: readonly (string | number)[]): string {
  let out = '';
  let current: unknown = raw;
  for (const key of path) {
    current =
      typeof current === 'object' && current !== null
        ? (current as Record<string | number, unknown>)[key]
        : undefined;
    if (typeof key === 'number') {
      const name = entryName(current);
      out += `[${key}]${name === undefined ? '' : ` "${name}"`}`;
    } else {
      out += out === '' ? key : `.${key}`;
    }
  }
  return out === '' ? '(fixture)' : out;
}

function issueText(raw: unknown, issue: ZodIssue): string {
  return `${describePath(raw, issue.path)}: ${issue.message}`;
}

/** Validates raw JSON as a tenant fixture; throws FixtureError listing every problem. */
export function parseFixture(raw: unknown, source = '(inline)'): TenantFixture {
  const result = tenantFixtureSchema.safeParse(raw);
  if (!result.success) {
    throw new FixtureError(
      source,
      result.error.issues.map((issue) => issueText(raw, issue)),
    );
  }
  const problems = checkReferences(result.data);
  if (problems.length > 0) throw new FixtureError(source, problems);
  return result.data;
}

/** Reads and validates a fixture file. */
export function loadFixture(path: string): TenantFixture {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FixtureError(path, [`cannot read as JSON: ${reason}`]);
  }
  return parseFixture(raw, path);
}

/** The demo tenant (src/sandbox/fixtures/demo-tenant.json), validated; a fresh copy per call. */
export function demoFixture(): TenantFixture {
  return parseFixture(structuredClone(demoTenant), 'demo-tenant.json');
}
