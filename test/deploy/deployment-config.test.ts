import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_VARIABLES, parseConfig } from '../../src/config';

/**
 * The deployment files against the app's own settings: whatever src/config.ts reads must be
 * provided by the Bicep template (or be deliberately absent, with a reason), and the values the
 * files produce must pass the app's own configuration parser.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const BICEP = read('infra/azure.bicep');
const PARAMETERS = JSON.parse(read('infra/azure.parameters.json')) as {
  parameters: Record<string, { value: unknown }>;
};

/** Settings the App Service deployment leaves out on purpose. */
const NOT_IN_AZURE: Record<string, string> = {
  PORT: 'App Service sets it for the Node process',
  BOT_PASSWORD: 'the bot is a user-assigned managed identity: no secret',
  AZURE_CLIENT_SECRET: 'Graph uses the managed identity',
  AZURE_CLIENT_CERTIFICATE_PATH: 'Graph uses the managed identity',
  AZURE_CLIENT_CERTIFICATE_PASSWORD: 'Graph uses the managed identity',
  AZURE_STORAGE_CONNECTION_STRING: 'storage is reached by account URL with the managed identity',
  GRAPH_BASE_URL: 'the default, graph.microsoft.com',
  LOCAL_DATA_DIR: 'local mode only',
  TRIAGE_THREADS: 'the default follows the cores the plan gives',
  WEBSITE_INSTANCE_ID: 'App Service sets it on each instance',
  READYZ_KEY: 'optional: an operator adds it (as a Key Vault reference) to see /readyz details',
  BOT_OPENID_METADATA_URL: 'sovereign clouds only: the public cloud default applies',
  BOT_TOKEN_ISSUER: 'sovereign clouds only: the public cloud default applies',
};
/** Settings for the platform rather than the app. */
const PLATFORM = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT']);

interface Setting {
  name: string;
  expression: string;
}

function appSettings(): Setting[] {
  const block = /appSettings: \[([\s\S]*?)\n\s{6}\]/.exec(BICEP)?.[1];
  assert.ok(block, 'appSettings block in infra/azure.bicep');
  const settings: Setting[] = [];
  const pattern = /name: '([A-Z0-9_]+)',?\s*value: ([^\n}]+?)\s*(?:}|\n)/g;
  for (const match of block.matchAll(pattern)) {
    settings.push({ name: match[1], expression: match[2].trim() });
  }
  return settings;
}

interface Param {
  name: string;
  type: string;
  defaultValue?: string;
}

function bicepParams(): Param[] {
  return [...BICEP.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)].map((m) => ({
    name: m[1],
    type: m[2],
    defaultValue: m[3],
  }));
}

/** The env file as KEY=value pairs (quotes removed). */
function envFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of read(path).split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) values[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return values;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]);

/** Sample values the way Azure would resolve each Bicep expression. */
const GUID = '7d3e2c1b-4a5f-4e6d-9c8b-0a1b2c3d4e5f';
const SAMPLE_PARAMS: Record<string, string> = {
  helpdeskGroupId: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d01',
  helpdeskChannelId: '19:abc123@thread.tacv2',
  adminGroupId: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d02',
  caExclusionGroupIds: '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d03',
  protectedUserIds: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a04',
  teamsAppCatalogId: '3f6c1a52-8d4e-4b7a-9c21-5e0d7b3a9f13',
  emergencyAccessUserIds: '0a6f3b1e-4c2d-4e8f-9a7b-1c3d5e7f9a04',
  emergencyAccessGroupId: '',
};

function resolve(expression: string, params: Param[]): string {
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return literal[1];
  if (expression === 'identity.properties.clientId' || expression === 'tenantId') return GUID;
  if (expression === 'storage.properties.primaryEndpoints.table') {
    return 'https://helpdeskst.table.core.windows.net/';
  }
  if (expression.startsWith("'@Microsoft.KeyVault(")) return 'unreachable';
  const wrapped = /^string\((\w+)\)$/.exec(expression);
  const name = wrapped ? wrapped[1] : expression;
  const param = params.find((p) => p.name === name);
  assert.ok(param, `Bicep expression ${expression} is not a parameter the test knows`);
  if (SAMPLE_PARAMS[name] !== undefined) return SAMPLE_PARAMS[name];
  assert.ok(param.defaultValue !== undefined, `parameter ${name} needs a sample value`);
  return param.defaultValue.replace(/^'(.*)'$/, '$1');
}

describe('deployment files cover the app settings', () => {
  const settings = appSettings();
  const params = bicepParams();

  it('sets every variable the app reads, or says why not', () => {
    const provided = new Set(settings.map((s) => s.name));
    for (const variable of CONFIG_VARIABLES) {
      assert.ok(
        provided.has(variable) || NOT_IN_AZURE[variable] !== undefined,
        `${variable} is read by src/config.ts but infra/azure.bicep does not set it`,
      );
      assert.ok(
        !(provided.has(variable) && NOT_IN_AZURE[variable] !== undefined),
        `${variable} is both set and listed as deliberately absent`,
      );
    }
    for (const setting of settings) {
      assert.ok(
        (CONFIG_VARIABLES as readonly string[]).includes(setting.name) ||
          PLATFORM.has(setting.name),
        `infra/azure.bicep sets ${setting.name}, which the app does not read`,
      );
    }
  });

  it('produces settings that the app accepts as a production configuration', () => {
    const env: Record<string, string> = {};
    for (const s of settings) {
      env[s.name] =
        s.name === 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          ? 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/'
          : resolve(s.expression, params);
    }
    const config = parseConfig(env);
    assert.equal(config.mode, 'production');
    assert.equal(config.bot.type, 'UserAssignedMsi');
    assert.equal(config.bot.password, undefined);
    assert.equal(config.graph.credential.kind, 'managed-identity');
    assert.equal(config.storage.kind, 'account-url');
    assert.equal(config.helpdeskGroupId, SAMPLE_PARAMS.helpdeskGroupId);
    assert.equal(config.observability.logLevel, 'info');
    assert.match(
      String(settings.find((s) => s.name === 'APPLICATIONINSIGHTS_CONNECTION_STRING')?.expression),
      /@Microsoft\.KeyVault\(SecretUri=/,
      'the connection string comes from Key Vault',
    );
  });

  it('gives every Bicep parameter without a default a value, and nothing else', () => {
    const names = new Set(params.map((p) => p.name));
    for (const p of params.filter((p) => p.defaultValue === undefined)) {
      assert.ok(PARAMETERS.parameters[p.name], `infra/azure.parameters.json lacks ${p.name}`);
    }
    for (const key of Object.keys(PARAMETERS.parameters)) {
      assert.ok(names.has(key), `infra/azure.parameters.json sets unknown parameter ${key}`);
    }
  });

  it('grants the identity only table and queue data roles and Key Vault secret reads', () => {
    const roleIds = [...BICEP.matchAll(/'([0-9a-f]{8}-[0-9a-f-]{27})'/g)].map((m) => m[1]);
    assert.deepEqual(roleIds.sort(), [
      '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
      '4633458b-17de-408a-b874-0445c86b69e6',
      '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
    ]);
    assert.match(BICEP, /allowSharedKeyAccess: false/);
    assert.match(BICEP, /channelName: 'MsTeamsChannel'/);
    assert.match(BICEP, /healthCheckPath: '\/readyz'/);
  });
});

describe('Agents Toolkit project', () => {
  type Step = {
    uses: string;
    with?: Record<string, unknown>;
    writeToEnvironmentFile?: Record<string, string>;
  };
  const project = (path: string) =>
    parseYaml(read(path)) as {
      version: string;
      provision: Step[];
      deploy: Step[];
      publish?: Step[];
    };
  const bicepOutputs = [...BICEP.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
  const BUILT_IN = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX'];

  /** Every ${{VAR}} a file uses is defined before use: env file, earlier step, or the template. */
  function checkDefined(path: string, envPath: string): void {
    const text = read(path);
    const yml = project(path);
    const defined = new Set([...Object.keys(envFile(envPath)), ...BUILT_IN]);
    const steps = [...yml.provision, ...yml.deploy, ...(yml.publish ?? [])];
    for (const step of steps) {
      for (const name of placeholders(JSON.stringify(step.with ?? {}))) {
        assert.ok(defined.has(name), `${path}: ${step.uses} uses \${{${name}}} before it is set`);
      }
      for (const name of Object.values(step.writeToEnvironmentFile ?? {})) defined.add(name);
      if (step.uses === 'arm/deploy') {
        for (const name of bicepOutputs) defined.add(name);
        for (const name of placeholders(read('infra/azure.parameters.json'))) {
          assert.ok(defined.has(name), `infra/azure.parameters.json uses \${{${name}}}, unset`);
        }
      }
      if (step.uses === 'teamsApp/zipAppPackage' || step.uses === 'teamsApp/validateManifest') {
        for (const name of placeholders(read('appPackage/manifest.json'))) {
          assert.ok(defined.has(name), `${path}: the manifest needs ${name} before ${step.uses}`);
        }
      }
      if (step.uses === 'aadApp/update') {
        for (const name of placeholders(read('aad.manifest.json'))) {
          assert.ok(defined.has(name), `${path}: aad.manifest.json needs ${name}`);
        }
      }
    }
    assert.ok(text.length > 0);
  }

  it('m365agents.yml provisions with the Bicep template and deploys compiled code', () => {
    const yml = project('m365agents.yml');
    assert.match(yml.version, /^v1\.\d+$/);
    const uses = yml.provision.map((s) => s.uses);
    assert.deepEqual(uses.slice(0, 2), ['teamsApp/create', 'arm/deploy']);
    assert.ok(uses.includes('teamsApp/validateAppPackage'));
    const arm = yml.provision.find((s) => s.uses === 'arm/deploy');
    assert.deepEqual(
      (arm?.with?.templates as { path: string; parameters: string }[]).map((t) => [
        t.path,
        t.parameters,
      ]),
      [['./infra/azure.bicep', './infra/azure.parameters.json']],
    );
    const npm = yml.deploy.filter((s) => s.uses === 'cli/runNpmCommand').map((s) => s.with?.args);
    assert.deepEqual(npm, ['ci --no-audit --no-fund', 'run build', 'prune --omit=dev']);
    assert.match(BICEP, /appCommandLine: 'node lib\/bot\/main\.js'/);
    checkDefined('m365agents.yml', 'env/.env.dev');
  });

  it('m365agents.local.yml writes settings the app accepts, with the secret kept as SECRET_', () => {
    checkDefined('m365agents.local.yml', 'env/.env.local');
    const yml = project('m365agents.local.yml');
    const create = yml.provision.find((s) => s.uses === 'aadApp/create');
    assert.equal(create?.writeToEnvironmentFile?.clientSecret, 'SECRET_BOT_PASSWORD');
    const file = yml.deploy.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile');
    const envs = (file?.with?.envs ?? {}) as Record<string, string | number>;
    const samples: Record<string, string> = {
      BOT_ID: GUID,
      SECRET_BOT_PASSWORD: 'sample-secret',
      ENTRA_APP_TENANT_ID: '5e1d7c2a-9b64-4f0e-8a3d-2c7b9e4f6a10',
      HELPDESK_GROUP_ID: SAMPLE_PARAMS.helpdeskGroupId,
      HELPDESK_CHANNEL_ID: SAMPLE_PARAMS.helpdeskChannelId,
      ADMIN_GROUP_ID: SAMPLE_PARAMS.adminGroupId,
    };
    const env = Object.fromEntries(
      Object.entries(envs).map(([k, v]) => [
        k,
        String(v).replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => samples[name] ?? ''),
      ]),
    );
    for (const key of Object.keys(env)) {
      assert.ok((CONFIG_VARIABLES as readonly string[]).includes(key), `${key} is not a setting`);
    }
    const config = parseConfig(env);
    assert.equal(config.mode, 'production');
    assert.equal(config.graph.credential.kind, 'client-secret');
    assert.equal(config.bot.type, 'SingleTenant');
  });

  it('keeps secrets out of committed env files and ignores the .user files', () => {
    for (const path of ['env/.env.dev', 'env/.env.local']) {
      for (const key of Object.keys(envFile(path))) {
        assert.ok(!/SECRET|PASSWORD/.test(key), `${path} must not hold ${key}`);
      }
    }
    assert.match(read('.gitignore'), /^env\/\.env\.\*\.user$/m);
    assert.match(read('.gitignore'), /^\.localConfigs\*$/m);
  });
});
