import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createZip } from './zip';

/**
 * Builds the Teams app package: fills the `${{NAME}}` placeholders of appPackage/manifest.json
 * and writes appPackage/build/appPackage.<env>.zip holding manifest.json, color.png and
 * outline.png at the archive root.
 *
 *   npm run package                       # local defaults
 *   TEAMS_APP_ID=… BOT_ID=… BOT_DOMAIN=… npm run package -- --env dev
 *
 * It refuses to write anything when an id is not a GUID, the domain is not a bare host name, or a
 * placeholder is left without a value, and says so in one line naming the variable.
 */

export const APP_PACKAGE_DIR = join(__dirname, '..', 'appPackage');
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

export interface AppIds {
  TEAMS_APP_ID: string;
  BOT_ID: string;
  BOT_DOMAIN: string;
}

/**
 * Used when a variable is not set, so a local package (Agents Playground, sideloading against a
 * dev tunnel) builds without setup. Fixed so that the local package is always the same app.
 */
export const LOCAL_DEFAULTS: AppIds = {
  TEAMS_APP_ID: '3f6c1a52-8d4e-4b7a-9c21-5e0d7b3a9f11',
  BOT_ID: '3f6c1a52-8d4e-4b7a-9c21-5e0d7b3a9f12',
  BOT_DOMAIN: 'localhost',
};

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** A host name as validDomains wants it: no scheme, no path, no port; `*.` prefix allowed. */
const HOST =
  /^(\*\.)?[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** A configuration problem; its message is the one line shown to the person packaging. */
export class PackageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageConfigError';
  }
}

type Environment = Record<string, string | undefined>;

/** Reads and checks the ids; unset or empty variables fall back to LOCAL_DEFAULTS. */
export function readAppIds(env: Environment): AppIds {
  const pick = (name: keyof AppIds): string => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? LOCAL_DEFAULTS[name] : value;
  };
  const ids: AppIds = {
    TEAMS_APP_ID: pick('TEAMS_APP_ID'),
    BOT_ID: pick('BOT_ID'),
    BOT_DOMAIN: pick('BOT_DOMAIN'),
  };
  for (const name of ['TEAMS_APP_ID', 'BOT_ID'] as const) {
    if (!GUID.test(ids[name])) {
      throw new PackageConfigError(`${name}: expected a GUID, got "${ids[name]}"`);
    }
  }
  if (!HOST.test(ids.BOT_DOMAIN)) {
    throw new PackageConfigError(
      `BOT_DOMAIN: expected a host name without scheme, port or path, got "${ids.BOT_DOMAIN}"`,
    );
  }
  return ids;
}

/**
 * Replaces every `${{NAME}}` with its value. Throws when a placeholder has no value or when the
 * result is not JSON. Values are already checked to contain no JSON-significant characters.
 */
export function resolveManifest(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  const missing = new Set<string>();
  const resolved = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return value;
  });
  if (missing.size > 0) {
    const names = [...missing].join(', ');
    throw new PackageConfigError(`manifest.json: no value for placeholder ${names}; set ${names}`);
  }
  const leftover = /\$\{\{[^}]*\}\}/.exec(resolved);
  if (leftover !== null) {
    throw new PackageConfigError(`manifest.json: malformed placeholder ${leftover[0]}`);
  }
  try {
    JSON.parse(resolved);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PackageConfigError(
      `manifest.json: not valid JSON after filling placeholders: ${reason}`,
    );
  }
  return resolved;
}

export interface PackageOptions {
  /** Environment name used in the file name, e.g. local, dev. */
  envName: string;
  ids: AppIds;
  /** Folder holding manifest.json and the icons. */
  sourceDir?: string;
  /** Folder the zip is written to; created when missing. */
  outDir?: string;
}

/** Writes the package and returns its path. Nothing is written if any check fails. */
export function packageApp(options: PackageOptions): string {
  if (!ENV_NAME.test(options.envName)) {
    throw new PackageConfigError(
      `TEAMSFX_ENV: expected lower-case letters, digits and dashes, got "${options.envName}"`,
    );
  }
  const sourceDir = options.sourceDir ?? APP_PACKAGE_DIR;
  const outDir = options.outDir ?? join(sourceDir, 'build');
  const manifest = resolveManifest(readFileSync(join(sourceDir, 'manifest.json'), 'utf8'), {
    ...options.ids,
  });
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(join(sourceDir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(sourceDir, 'outline.png')) },
  ]);
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, `appPackage.${options.envName}.zip`);
  writeFileSync(target, zip);
  return target;
}

/** `--env <name>` or `--env=<name>`, then TEAMSFX_ENV, then `local`. */
function envNameFrom(argv: readonly string[], env: Environment): string {
  const index = argv.indexOf('--env');
  if (index >= 0 && argv[index + 1] !== undefined) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith('--env='));
  if (inline !== undefined) return inline.slice('--env='.length);
  return env.TEAMSFX_ENV?.trim() || 'local';
}

function outDirFrom(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--out');
  return index >= 0 ? argv[index + 1] : undefined;
}

function main(): void {
  const argv = process.argv.slice(2);
  try {
    const target = packageApp({
      envName: envNameFrom(argv, process.env),
      ids: readAppIds(process.env),
      outDir: outDirFrom(argv),
    });
    process.stdout.write(`wrote ${relative(process.cwd(), target) || target}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`package-app: ${message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
