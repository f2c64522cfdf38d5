import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Small files with one reason to change: no TypeScript file in src/, bot/ or cards/ is longer
 * than 300 lines, except the few below, each with the reason it stays whole. Data (the triage
 * catalog, the sandbox fixture, card templates as JSON) is not code and is not counted.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAX_LINES = 300;

/** Longer on purpose, or not split yet; each entry says which and why. */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/sandbox/fixture-schema.ts':
    'the one zod schema of the sandbox fixture: every resource the tenant serves, validated together so a cross-reference error names both ends',
  'cards/diagnosis/samples.ts':
    'sample data, one per diagnosis card kind, for the previews and card tests; no logic',
  'src/storage/table-record-store.ts':
    'not split yet: the Table adapter with its eTag and batch rules; the contract suite covers it whole',
  'src/announcements/outcome-journal.ts':
    'the journal file format in one place: its writer and its reader share the slot and header layout, so they cannot disagree (the process side is in process-outcomes.ts)',
  'src/announcements/recipient-delivery.ts':
    'not split yet: the per-recipient state machine from claim to send, with the in-doubt steps (arm, leaving mark) that must stay in order around the request',
  'src/announcements/delivery-worker.ts':
    'not split yet: the queue consumer that expands audiences and delivers; its parts share one in-flight state',
};

function typeScriptFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...typeScriptFiles(relative));
    else if (entry.name.endsWith('.ts')) out.push(relative);
  }
  return out;
}

function lineCount(file: string): number {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

describe('file size', () => {
  const files = ['src', 'bot', 'cards'].flatMap(typeScriptFiles);

  it(`keeps every TypeScript file in src/, bot/ and cards/ at ${MAX_LINES} lines or fewer`, () => {
    assert.ok(files.length > 100, `found only ${files.length} files: the walk is broken`);
    const tooLong = files
      .filter((f) => !(f in ALLOWED))
      .map((f) => ({ file: f, lines: lineCount(f) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file} (${f.lines} lines)`);
    assert.deepEqual(tooLong, [], 'split these by reason to change, or list them with a reason');
  });

  it('lists only files that exist and are still long, each with a reason', () => {
    for (const [file, reason] of Object.entries(ALLOWED)) {
      assert.ok(files.includes(file), `${file} is allowed but does not exist`);
      assert.ok(lineCount(file) > MAX_LINES, `${file} is short now: take it off the list`);
      assert.ok(reason.length > 20, `${file} needs a reason`);
    }
  });
});
