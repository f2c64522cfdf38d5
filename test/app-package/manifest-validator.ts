import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/**
 * Validates a Teams manifest with the official manifest library (`@microsoft/app-manifest`, the
 * one the Microsoft 365 Agents Toolkit uses). The library ships the published schemas and maps
 * the manifest's `$schema` URL to its bundled copy; validation here refuses the network, so a
 * schema that is not bundled fails the test instead of being fetched.
 */
export const SCHEMA_VERSION = '1.30';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${SCHEMA_VERSION}/MicrosoftTeams.schema.json`;

export interface ValidationResult {
  valid: boolean;
  /** "instancePath message" lines, empty when valid. */
  errors: string[];
}

export async function validateManifest(manifest: unknown): Promise<ValidationResult> {
  const original = globalThis.fetch;
  globalThis.fetch = async (input: Parameters<typeof fetch>[0]) => {
    throw new Error(`manifest validation must stay offline; it asked for ${String(input)}`);
  };
  try {
    const withSchema = { $schema: SCHEMA_URL, ...(manifest as object) } as AppManifest;
    const errors = await AppManifestUtils.validateAgainstSchema(withSchema);
    return { valid: errors.length === 0, errors };
  } finally {
    globalThis.fetch = original;
  }
}
