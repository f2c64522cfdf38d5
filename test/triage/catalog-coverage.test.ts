import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogEntrySchema } from '../../src/triage/catalog-schema';
import type { CatalogEntry, Intent } from '../../src/triage/types';

const root = join(__dirname, '..', '..');
const BELOW = join(root, 'src/triage/catalog/codes-below-70000.json');
const FROM = join(root, 'src/triage/catalog/codes-from-70000.json');
const DOCUMENTED = join(root, 'test/fixtures/triage/documented-codes.json');

/** Codes people paste that the reference table does not list (or lists only recently). */
const WILD_CODES = [
  500121, 530001, 530003, 530004, 530021, 530032, 530034, 530035, 53011, 9001011, 50203,
];

const EXPECTED_INTENTS: Array<[number, Intent]> = [
  [53003, 'ca-blocked'],
  [53000, 'device-noncompliant'],
  [53001, 'device-not-domain-joined'],
  [50053, 'account-locked'],
  [50057, 'account-disabled'],
  [50126, 'invalid-password'],
  [50055, 'password-expired'],
  [50034, 'user-not-found'],
  [50076, 'mfa-required-or-failed'],
  [65001, 'consent-required'],
];

function readJsonArray(path: string): unknown[] {
  const rel = relative(root, path);
  if (!existsSync(path)) {
    assert.fail(`missing file ${rel}: it must exist before the catalog can be checked`);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    assert.fail(`${rel} is not valid JSON: ${(err as Error).message}`);
  }
  assert.ok(Array.isArray(data), `${rel} must hold a JSON array`);
  return data;
}

function codeOf(raw: unknown, index: number): string {
  const code = (raw as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? String(code) : `#${index} (no numeric code)`;
}

/** Parses every entry of one catalog file; the failure message names each bad entry's code. */
function loadCatalog(path: string): CatalogEntry[] {
  const rel = relative(root, path);
  const problems: string[] = [];
  const entries: CatalogEntry[] = [];
  readJsonArray(path).forEach((raw, index) => {
    const parsed = catalogEntrySchema.safeParse(raw);
    if (parsed.success) {
      entries.push(parsed.data as CatalogEntry);
    } else {
      const why = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`)
        .join('; ');
      problems.push(`AADSTS${codeOf(raw, index)}: ${why}`);
    }
  });
  assert.deepEqual(problems, [], `${rel} has entries that fail the schema`);
  return entries;
}

function loadDocumented(): Array<{ code: number; name: string }> {
  const list = readJsonArray(DOCUMENTED) as Array<{ code: number; name: string }>;
  for (const item of list) {
    assert.ok(
      Number.isInteger(item.code) && item.code > 0,
      `bad code in fixture: ${JSON.stringify(item)}`,
    );
    assert.ok(typeof item.name === 'string' && item.name.length >= 2, `bad name for ${item.code}`);
  }
  return list;
}

function allEntries(): CatalogEntry[] {
  return [...loadCatalog(BELOW), ...loadCatalog(FROM)];
}

function byCode(entries: CatalogEntry[]): Map<number, CatalogEntry> {
  return new Map(entries.map((e) => [e.code, e]));
}

describe('AADSTS catalog coverage', () => {
  it('codes-below-70000.json: every entry passes the schema', () => {
    loadCatalog(BELOW);
  });

  it('codes-from-70000.json: every entry passes the schema', () => {
    loadCatalog(FROM);
  });

  it('each file only holds codes from its own range', () => {
    const misplacedBelow = loadCatalog(BELOW)
      .filter((e) => e.code >= 70000)
      .map((e) => e.code);
    const misplacedFrom = loadCatalog(FROM)
      .filter((e) => e.code < 70000)
      .map((e) => e.code);
    assert.deepEqual(misplacedBelow, [], 'codes >= 70000 found in codes-below-70000.json');
    assert.deepEqual(misplacedFrom, [], 'codes < 70000 found in codes-from-70000.json');
  });

  it('no code appears twice, within or across the two files', () => {
    const seen = new Set<number>();
    const dupes: number[] = [];
    for (const e of allEntries()) {
      if (seen.has(e.code)) dupes.push(e.code);
      seen.add(e.code);
    }
    assert.deepEqual(dupes, [], 'duplicate catalog codes');
  });

  it('the documented-codes fixture has no duplicate codes', () => {
    const codes = loadDocumented().map((d) => d.code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('every documented code has an entry marked documented, with a usable intent', () => {
    const map = byCode(allEntries());
    const missing: number[] = [];
    const notMarked: number[] = [];
    for (const { code } of loadDocumented()) {
      const entry = map.get(code);
      if (!entry) missing.push(code);
      else if (entry.documented !== true) notMarked.push(code);
      else assert.notEqual(entry.intent, 'unrelated', `AADSTS${code} must not be 'unrelated'`);
    }
    assert.deepEqual(missing, [], 'documented codes with no catalog entry');
    assert.deepEqual(notMarked, [], 'documented codes whose entry says documented: false');
  });

  it('entries marked documented are in the reference list, and the others are not', () => {
    const documented = new Set(loadDocumented().map((d) => d.code));
    const wrong = allEntries()
      .filter((e) => e.documented !== documented.has(e.code))
      .map((e) => `AADSTS${e.code} documented=${e.documented}`);
    assert.deepEqual(wrong, [], 'documented flag disagrees with documented-codes.json');
  });

  for (const [code, intent] of EXPECTED_INTENTS) {
    it(`AADSTS${code} maps to ${intent}`, () => {
      const entry = byCode(allEntries()).get(code);
      assert.ok(entry, `AADSTS${code} has no catalog entry`);
      assert.equal(entry.intent, intent, `AADSTS${code} intent`);
    });
  }

  it('codes seen in the wild are all in the catalog', () => {
    const map = byCode(allEntries());
    const missing = WILD_CODES.filter((c) => !map.has(c));
    assert.deepEqual(missing, [], 'wild codes missing from the catalog');
  });
});
