import { applyConsentScenario, CONSENT_SCENARIOS, isConsentScenario } from './consent-scenarios';
import { loadFixture } from './fixture';
import { describeAlternatives } from '../graph/permissions';
import { allRoutes } from './routes';
import { startSandboxTenant, type SandboxOptions } from './server';

/**
 * Runs the sandbox tenant on its own:
 *   npx tsx src/sandbox/main.ts [--port 5050] [--host 127.0.0.1] [--fixture file.json] [--enforce-limits]
 *                               [--consent read-only|no-app-installation|...]
 * Prints the base URL and stops on Ctrl+C. `--routes` prints every route with the application
 * permissions it accepts, and exits.
 */

function parseArgs(argv: readonly string[]): SandboxOptions & { consent?: string } {
  const options: SandboxOptions & { consent?: string } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} expects a value`);
      i += 1;
      return next;
    };
    if (arg === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port expects 0-65535, got ${argv[i]}`);
      }
      options.port = port;
    } else if (arg === '--host') {
      options.host = value();
    } else if (arg === '--fixture') {
      options.fixture = loadFixture(value());
    } else if (arg === '--consent') {
      const name = value();
      if (!isConsentScenario(name)) {
        throw new Error(`--consent expects one of ${Object.keys(CONSENT_SCENARIOS).join(', ')}`);
      }
      options.consent = name;
    } else if (arg === '--enforce-limits') {
      options.enforceLimits = true;
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  return options;
}

function printRoutes(): void {
  for (const route of allRoutes) {
    const permissions = describeAlternatives(route.permissions) || '(none)';
    process.stdout.write(`${route.method.padEnd(6)} ${route.path}\n       ${permissions}\n`);
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--routes')) {
    printRoutes();
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  const sandbox = await startSandboxTenant(options);
  if (options.consent && isConsentScenario(options.consent)) {
    applyConsentScenario(sandbox.state, options.consent);
  }
  process.stdout.write(
    `Sandbox tenant listening on ${sandbox.url} (Graph base ${sandbox.url}/v1.0)\n`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
