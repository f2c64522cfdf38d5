import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Validates a Teams manifest against the vendored v1.30 schema, offline. See
 * test/fixtures/schemas/README.md for where the schema comes from and why `$schema` is dropped.
 */
export const SCHEMA_VERSION = '1.30';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${SCHEMA_VERSION}/MicrosoftTeams.schema.json`;

const SCHEMA_PATH = join(
  __dirname,
  '..',
  'fixtures',
  'schemas',
  `teams-v${SCHEMA_VERSION}`,
  'MicrosoftTeams.schema.json',
);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  const raw: unknown = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error('schema is not an object');
  const schema: Record<string, unknown> = { ...raw };
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

export interface ValidationResult {
  valid: boolean;
  /** "instancePath message" lines, empty when valid. */
  errors: string[];
}

export function validateManifest(manifest: unknown): ValidationResult {
  const validate = validator();
  const valid = validate(manifest) === true;
  const errors = (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`,
  );
  return { valid, errors };
}
