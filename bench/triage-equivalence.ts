/**
 * Triage's answers from this tree against another copy of src/triage (by default main's, written
 * to .artifacts/main/src/triage by `git archive main src/triage | tar -x -C .artifacts/main`):
 * every development paste and question, variants of them (cut, joined, case changed, words
 * dropped) and generated text of the shapes the property tests use, each read by both copies
 * with the shipped catalog and with the test catalog. The whole result is compared, written out
 * with `undefined`, NaN and -0 kept apart, so a changed probability, key order or field shows.
 * The other exported readers (normalize, codes, fields, similar forms, concepts, questions, the
 * model's guess and all its probabilities) are compared too. Prints the number of texts and any difference; exits 1 on one.
 *   npx tsx bench/triage-equivalence.ts [--against <dir holding src/triage>] [--runs N]
 * Reads the dev-*.jsonl files only (never the blind sets).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import * as current from '../src/triage/triage';
import * as currentModel from '../src/triage/model';
import { loadCatalog, type Catalog } from '../src/triage/catalog';
import { normalize } from '../src/triage/normalize';
import { extractCodes } from '../src/triage/extract-codes';
import { extractFields } from '../src/triage/extract-fields';
import { findSimilar } from '../src/triage/similar';
import { findConcept } from '../src/triage/concepts';
import { readQuestion } from '../src/triage/question';
import { pasteLikeText } from '../test/triage/support/paste-like';
import { testCatalog } from '../test/triage/support/test-catalog';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'triage');
const argv = process.argv.slice(2);
const against = resolve(
  argv.includes('--against') ? (argv[argv.indexOf('--against') + 1] ?? '') : '.artifacts/main',
);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3000;

/** A text form of a value that keeps apart what JSON.stringify would merge. */
function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return '<undefined>';
    if (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0) || !Number.isFinite(v)))
      return `<${String(Object.is(v, -0) ? '-0' : v)}>`;
    return v;
  });
}

function devTexts(): string[] {
  const texts: string[] = [];
  for (const name of readdirSync(FIXTURES).sort()) {
    if (!name.startsWith('dev-') || !name.endsWith('.jsonl')) continue;
    for (const line of readFileSync(join(FIXTURES, name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const text = (JSON.parse(line) as { text?: unknown }).text;
      if (typeof text === 'string') texts.push(text);
    }
  }
  return texts;
}

// The property tests' shapes of text (test/triage/fuzz.test.ts), plus words of sign-in chat.
const pasteLike = pasteLikeText([
  'my account is locked',
  'password ',
  'expired',
  'how do I ',
  '?',
  '. ',
  'authenticator ',
  'keeps asking ',
  'outlook ',
  'Okta ',
  'sign in ',
  "can't ",
  'the wifi password',
  'Temporary Access Pass ',
  'not working',
  'ログイン',
  'パスワード',
  'Kennwort abgelaufen',
]);

function variants(texts: readonly string[]): string[] {
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const out: string[] = [];
  for (let i = 0; i < texts.length; i += 1) {
    const text = texts[i] ?? '';
    const other = texts[(i * 7 + 3) % texts.length] ?? '';
    out.push(text.toUpperCase(), text.toLowerCase(), text.slice(0, text.length >> 1));
    out.push(text.slice(text.length >> 1), `${text}\n\n${other}`, `${other} ${text}`);
    out.push(
      text
        .split(' ')
        .filter(() => next() > 0.2)
        .join(' '),
    );
    out.push(text.replace(/\n/g, ' '), text.replace(/\. /g, '.\n'));
  }
  const line =
    '2024-05-03T10:22:11.123Z INFO [TokenCache] refreshed silently for 0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0 in 42 ms\n';
  out.push(line.repeat(9000), `${line.repeat(200)}my account is locked out\n${line.repeat(200)}`);
  out.push(`${'word '.repeat(20000)}password expired`, (texts[0] ?? '').repeat(300));
  return out;
}

interface Copy {
  triage: typeof current.triage;
  triageByRules: typeof current.triageByRules;
  classify: typeof currentModel.classify;
  modelProbabilities: typeof currentModel.modelProbabilities;
  shippedModel: typeof currentModel.shippedModel;
  loadCatalog: typeof loadCatalog;
  normalize: typeof normalize;
  extractCodes: typeof extractCodes;
  extractFields: typeof extractFields;
  findSimilar: typeof findSimilar;
  findConcept: typeof findConcept;
  readQuestion: typeof readQuestion;
}

async function load(dir: string): Promise<Copy> {
  const m = (file: string): Promise<Record<string, unknown>> =>
    import(join(dir, 'src', 'triage', `${file}.ts`)) as Promise<Record<string, unknown>>;
  const [t, model, catalog, norm, codes, fields, similar, concepts, question] = await Promise.all(
    [
      'triage',
      'model',
      'catalog',
      'normalize',
      'extract-codes',
      'extract-fields',
      'similar',
      'concepts',
      'question',
    ].map(m),
  );
  return {
    triage: t?.triage,
    triageByRules: t?.triageByRules,
    classify: model?.classify,
    modelProbabilities: model?.modelProbabilities,
    shippedModel: model?.shippedModel,
    loadCatalog: catalog?.loadCatalog,
    normalize: norm?.normalize,
    extractCodes: codes?.extractCodes,
    extractFields: fields?.extractFields,
    findSimilar: similar?.findSimilar,
    findConcept: concepts?.findConcept,
    readQuestion: question?.readQuestion,
  } as Copy;
}

function readings(copy: Copy, text: string, catalog: Catalog): Record<string, string> {
  const paste = copy.normalize(text);
  const fields = copy.extractFields(paste.text);
  return {
    triage: show(copy.triage(text, catalog)),
    rules: show(copy.triageByRules(text, catalog)),
    classify: show(copy.classify(text)),
    // Every intent's probability, written to the last bit (JSON's shortest form of a double).
    probabilities: show(copy.modelProbabilities(text, copy.shippedModel())),
    normalize: show(paste),
    codes: show(copy.extractCodes(paste.text, catalog)),
    fields: show(fields),
    similar: show(copy.findSimilar(paste.text, catalog)),
    concept: show(copy.findConcept(paste.text)),
    question: show(copy.readQuestion(paste.text, fields)),
  };
}

async function main(): Promise<void> {
  const here: Copy = {
    triage: current.triage,
    triageByRules: current.triageByRules,
    classify: currentModel.classify,
    modelProbabilities: currentModel.modelProbabilities,
    shippedModel: currentModel.shippedModel,
    loadCatalog,
    normalize,
    extractCodes,
    extractFields,
    findSimilar,
    findConcept,
    readQuestion,
  };
  const other = await load(against);
  const dev = devTexts();
  const generated = fc.sample(pasteLike, { seed: 42, numRuns: runs });
  const texts = [...dev, ...variants(dev), ...generated];
  // Each copy reads its own shipped catalog; the test catalog is one object both are given.
  const shipped = { here: here.loadCatalog(), other: other.loadCatalog() };
  const test = testCatalog();
  let differences = 0;
  for (const [i, text] of texts.entries()) {
    for (const [name, mine, theirs] of [
      ['shipped', shipped.here, shipped.other],
      ['test', test, test],
    ] as const) {
      const a = readings(here, text, mine);
      const b = readings(other, text, theirs);
      for (const key of Object.keys(a)) {
        if (a[key] === b[key]) continue;
        differences += 1;
        if (differences <= 10) {
          console.log(`text ${i} (${name} catalog), ${key} differs:`);
          console.log(`  text:  ${JSON.stringify(text.slice(0, 300))}`);
          console.log(`  here:  ${(a[key] ?? '').slice(0, 600)}`);
          console.log(`  other: ${(b[key] ?? '').slice(0, 600)}`);
        }
      }
    }
  }
  console.log(
    `${texts.length} texts (${dev.length} dev, ${texts.length - dev.length - generated.length} variants, ${generated.length} generated), 2 catalogs: ${differences} differences against ${against}`,
  );
  if (differences > 0) process.exitCode = 1;
}

void main();
