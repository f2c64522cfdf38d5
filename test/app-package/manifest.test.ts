import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ACCENT, drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import {
  APP_PACKAGE_DIR,
  LOCAL_DEFAULTS,
  PackageConfigError,
  packageApp,
  readAppIds,
  resolveManifest,
  type AppIds,
} from '../../scripts/package-app';
import { readZip } from './read-zip';
import { SCHEMA_URL, SCHEMA_VERSION, validateManifest } from './manifest-validator';

const REPO_ROOT = join(__dirname, '..', '..');
const TEMPLATE = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const IDS: AppIds = {
  TEAMS_APP_ID: 'b7f0c3d2-5e6a-4c1b-8f9d-0a1b2c3d4e5f',
  BOT_ID: 'c8e1d4f3-6a7b-4d2c-9e0f-1b2c3d4e5f60',
  BOT_DOMAIN: 'helpdesk-bot.example.com',
};

interface BotSection {
  botId: string;
  scopes: string[];
  supportsFiles?: boolean;
  commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  accentColor: string;
  icons: { color: string; outline: string };
  bots: BotSection[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

function resolved(ids: AppIds = IDS): Manifest {
  return JSON.parse(resolveManifest(TEMPLATE, { ...ids })) as Manifest;
}

/** Matches a PackageConfigError whose one-line message matches `pattern`. */
function configError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof PackageConfigError && pattern.test(error.message);
}

function readPng(name: string): PNG {
  return PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, name)));
}

describe('Teams app manifest', () => {
  it('validates with the official manifest library once placeholders are filled', async () => {
    const result = await validateManifest(resolved());
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
  });

  it('validates with the local default ids too', async () => {
    assert.deepEqual((await validateManifest(resolved(LOCAL_DEFAULTS))).errors, []);
  });

  it('fails validation while a placeholder is unfilled (so the validator can fail)', async () => {
    const raw = JSON.parse(TEMPLATE) as unknown;
    const result = await validateManifest(raw);
    assert.equal(result.valid, false);
    assert.ok(
      result.errors.some((e) => e.startsWith('/id ')),
      result.errors.join('\n'),
    );
    assert.ok(
      result.errors.some((e) => e.startsWith('/bots/0/botId ')),
      result.errors.join('\n'),
    );
  });

  it('fails validation for a scope spelled the wrong way', async () => {
    const manifest = resolved();
    manifest.bots[0].scopes = ['personal', 'groupchat'];
    const result = await validateManifest(manifest);
    assert.equal(result.valid, false);
    assert.ok(
      result.errors.some((e) => e.startsWith('/bots/0/scopes/1 ')),
      result.errors.join('\n'),
    );
  });

  it('validates offline: a schema the library does not bundle is refused, not fetched', async () => {
    const manifest = { ...resolved(), $schema: 'https://schemas.example.com/teams/manifest.json' };
    await assert.rejects(validateManifest(manifest), /must stay offline/);
  });

  it('fails validation for an unknown top-level property', async () => {
    const manifest = { ...resolved(), botEndpoint: 'https://example.com' };
    assert.equal((await validateManifest(manifest)).valid, false);
  });

  it('declares the schema version it is validated against', () => {
    const manifest = resolved();
    assert.equal(manifest.manifestVersion, SCHEMA_VERSION);
    assert.equal(manifest.$schema, SCHEMA_URL);
  });

  it('uses the bot id for webApplicationInfo, before and after filling', () => {
    const raw = JSON.parse(TEMPLATE) as Manifest;
    assert.equal(raw.webApplicationInfo.id, '${{BOT_ID}}');
    assert.equal(raw.bots[0].botId, '${{BOT_ID}}');
    const manifest = resolved();
    assert.equal(manifest.bots[0].botId, IDS.BOT_ID);
    assert.equal(manifest.webApplicationInfo.id, manifest.bots[0].botId);
    assert.equal(manifest.webApplicationInfo.resource, `api://botid-${IDS.BOT_ID}`);
    assert.deepEqual(manifest.validDomains, [IDS.BOT_DOMAIN]);
    assert.equal(manifest.id, IDS.TEAMS_APP_ID);
  });

  it('offers the bot in personal, team and group chat, with files (the SMS CSV), with commands per scope', () => {
    const bot = resolved().bots[0];
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    // A CSV of numbers for "sms sign-in for <group>" can be attached in the 1:1 chat.
    assert.equal(bot.supportsFiles, true);
    const listed = bot.commandLists.flatMap((list) => list.scopes).sort();
    assert.deepEqual(listed, ['groupChat', 'personal', 'team'], 'one command list per scope');
    for (const list of bot.commandLists) {
      const titles = list.commands.map((c) => c.title);
      assert.equal(new Set(titles).size, titles.length, `duplicate command in ${list.scopes}`);
      assert.ok(titles.includes('help'), `help missing in ${list.scopes}`);
    }
  });
});

describe('Teams app icons', () => {
  it('are PNG files of the sizes Teams requires', () => {
    const manifest = resolved();
    for (const [name, size] of [
      [manifest.icons.color, 192],
      [manifest.icons.outline, 32],
    ] as const) {
      const bytes = readFileSync(join(APP_PACKAGE_DIR, name));
      assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], name);
      const png = PNG.sync.read(bytes);
      assert.equal(png.width, size, `${name} width`);
      assert.equal(png.height, size, `${name} height`);
    }
  });

  it('outline icon has only white and transparent pixels, and draws something', () => {
    const png = readPng('outline.png');
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = png.data.subarray(i, i + 4);
      if (a === 0) continue;
      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
      if (a === 255) opaque += 1;
    }
    assert.ok(opaque > 200, `only ${opaque} opaque pixels`);
    const corner = png.data.readUInt8(3);
    assert.equal(corner, 0, 'background must be transparent');
  });

  it('color icon is an opaque square of the accent colour with the glyph inside 96x96', () => {
    const png = readPng('color.png');
    const accent = resolved().accentColor.toLowerCase();
    const hex = `#${[ACCENT.r, ACCENT.g, ACCENT.b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    assert.equal(hex, accent, 'icon background and manifest accentColor differ');
    for (let y = 0; y < png.height; y += 1) {
      for (let x = 0; x < png.width; x += 1) {
        const i = (y * png.width + x) * 4;
        assert.equal(png.data[i + 3], 255, `pixel ${x},${y} is not opaque`);
        const inGlyphArea = x >= 48 && x < 144 && y >= 48 && y < 144;
        if (!inGlyphArea) {
          assert.deepEqual(
            [png.data[i], png.data[i + 1], png.data[i + 2]],
            [ACCENT.r, ACCENT.g, ACCENT.b],
            `pixel ${x},${y} outside the glyph area is not background`,
          );
        }
      }
    }
  });

  it('committed icons are what scripts/make-icons.ts draws', () => {
    assert.ok(
      readPng('color.png').data.equals(drawColorIcon().data),
      'run tsx scripts/make-icons.ts',
    );
    assert.ok(
      readPng('outline.png').data.equals(drawOutlineIcon().data),
      'run tsx scripts/make-icons.ts',
    );
  });
});

describe('app package ids', () => {
  it('falls back to the local defaults when variables are unset or empty', () => {
    assert.deepEqual(readAppIds({}), LOCAL_DEFAULTS);
    assert.deepEqual(readAppIds({ BOT_ID: '  ' }), LOCAL_DEFAULTS);
  });

  it('takes ids from the environment', () => {
    assert.deepEqual(readAppIds({ ...IDS }), IDS);
  });

  it('rejects an id that is not a GUID, naming the variable', () => {
    assert.throws(
      () => readAppIds({ TEAMS_APP_ID: 'my-app' }),
      configError(/^TEAMS_APP_ID: expected a GUID/),
    );
    assert.throws(() => readAppIds({ BOT_ID: '{' + IDS.BOT_ID + '}' }), configError(/^BOT_ID: /));
  });

  it('rejects a domain with a scheme or a path', () => {
    const domainError = configError(/^BOT_DOMAIN: /);
    assert.throws(() => readAppIds({ BOT_DOMAIN: 'https://bot.example.com' }), domainError);
    assert.throws(() => readAppIds({ BOT_DOMAIN: 'bot.example.com/api' }), domainError);
    assert.equal(readAppIds({ BOT_DOMAIN: '*.devtunnels.ms' }).BOT_DOMAIN, '*.devtunnels.ms');
  });

  it('refuses a manifest with a placeholder that has no value', () => {
    assert.throws(
      () =>
        resolveManifest('{"id":"${{TEAMS_APP_ID}}","x":"${{OTHER_ID}}"}', { TEAMS_APP_ID: 'a' }),
      /no value for placeholder OTHER_ID; set OTHER_ID/,
    );
    assert.throws(() => resolveManifest('{"x":"${{bad-name}}"}', {}), /malformed placeholder/);
  });
});

describe('app package zip', () => {
  let outDir: string;

  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
  });

  afterEach(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('holds exactly manifest.json, color.png and outline.png at the root', async () => {
    const target = packageApp({ envName: 'dev', ids: IDS, outDir });
    assert.equal(target, join(outDir, 'appPackage.dev.zip'));
    const entries = readZip(readFileSync(target));
    assert.deepEqual(entries.map((e) => e.name).sort(), [
      'color.png',
      'manifest.json',
      'outline.png',
    ]);
    const byName = new Map(entries.map((e) => [e.name, e.data]));
    const manifest = byName.get('manifest.json')?.toString('utf8') ?? '';
    assert.ok(!manifest.includes('${{'), 'placeholder left in packaged manifest');
    assert.deepEqual((await validateManifest(JSON.parse(manifest))).errors, []);
    assert.ok(byName.get('color.png')?.equals(readFileSync(join(APP_PACKAGE_DIR, 'color.png'))));
    assert.ok(
      byName.get('outline.png')?.equals(readFileSync(join(APP_PACKAGE_DIR, 'outline.png'))),
    );
  });

  it('passes unzip -t when unzip is installed', function () {
    const probe = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
    if (probe.error !== undefined) this.skip();
    const target = packageApp({ envName: 'local', ids: LOCAL_DEFAULTS, outDir });
    const result = spawnSync('unzip', ['-t', target], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /No errors detected/);
  });

  it('rejects an environment name that would make a strange file name', () => {
    assert.throws(
      () => packageApp({ envName: '../x', ids: IDS, outDir }),
      configError(/^TEAMSFX_ENV: /),
    );
    assert.deepEqual(readdirSync(outDir), []);
  });

  describe('command line', () => {
    const tsxCli = require.resolve('tsx/cli');
    const run = (env: Record<string, string>, args: string[]) =>
      spawnSync(process.execPath, [tsxCli, 'scripts/package-app.ts', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', ...env },
      });

    it('writes the package for the named environment', () => {
      const result = run({ ...IDS }, ['--env', 'dev', '--out', outDir]);
      assert.equal(result.status, 0, result.stderr);
      assert.ok(existsSync(join(outDir, 'appPackage.dev.zip')));
    });

    it('refuses bad ids with one line naming the variable, and writes nothing', () => {
      const result = run({ BOT_ID: 'not-a-guid' }, ['--out', outDir]);
      assert.equal(result.status, 1);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], /BOT_ID: expected a GUID, got "not-a-guid"/);
      assert.deepEqual(readdirSync(outDir), []);
    });
  });
});
