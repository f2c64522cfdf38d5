#!/usr/bin/env node
/**
 * Guards the blind set: before a new development text is added, checks its source address and a
 * hash of its normalised text (and of each of its sentences) against the blind files, and rejects
 * overlaps. Prints only the candidate's own id and a yes/no verdict, never blind content.
 * Usage: node scripts/check-dev-overlap.mjs candidates.jsonl   (lines with id, source, text)
 *        node scripts/check-dev-overlap.mjs --against dev blind-3.jsonl   (a new blind set against
 *        the development files instead; every blind-*.jsonl/.md is a blind file, and a candidate
 *        is never compared with its own set's files)
 * Exit code 1 when any candidate overlaps.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'triage');
const args = process.argv.slice(2);
const againstDev = args[0] === '--against' && args[1] === 'dev';
const file = againstDev ? args[2] : args[0];
if (file === undefined || (args[0] === '--against' && !againstDev)) {
  console.error('usage: node scripts/check-dev-overlap.mjs [--against dev] candidates.jsonl');
  process.exit(2);
}
// The candidate's own set (blind-3.jsonl, blind-3-questions.jsonl, blind-3.md) is not a reference.
const ownSet = basename(file)
  .replace(/\.jsonl$/, '')
  .replace(/-questions$/, '');
const isOwn = (f) => f.startsWith(`${ownSet}.`) || f.startsWith(`${ownSet}-`);
const REFERENCE = readdirSync(FIXTURES)
  .filter((f) => (againstDev ? /^dev-.+\.(jsonl|md)$/ : /^blind-.+\.(jsonl|md)$/).test(f))
  .filter((f) => !isOwn(f))
  .map((f) => join(FIXTURES, f))
  .filter((path) => path !== resolve(file));

const norm = (text) =>
  text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const hash = (text) => createHash('sha256').update(norm(text)).digest('hex');
const normUrl = (url) =>
  url
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '');
// Sentences long enough to identify a text; short ones ("Sign in") are common to many.
const pieces = (text) =>
  text
    .split(/[.!?\n。]+/)
    .map(norm)
    .filter((s) => s.split(' ').length >= 6);

const blindHashes = new Set();
const blindPieces = new Set();
const blindUrls = new Set();
for (const path of REFERENCE) {
  if (!existsSync(path)) continue;
  const raw = readFileSync(path, 'utf8');
  for (const url of raw.match(/https?:\/\/[^\s"')\]>]+/g) ?? []) blindUrls.add(normUrl(url));
  if (!path.endsWith('.jsonl')) continue;
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const item = JSON.parse(line);
    if (typeof item.text !== 'string') continue;
    blindHashes.add(hash(item.text));
    for (const p of pieces(item.text))
      blindPieces.add(createHash('sha256').update(p).digest('hex'));
  }
}

let bad = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const item = JSON.parse(line);
  const reasons = [];
  if (typeof item.source === 'string' && blindUrls.has(normUrl(item.source)))
    reasons.push('source');
  if (blindHashes.has(hash(item.text ?? ''))) reasons.push('text');
  const shared = pieces(item.text ?? '').filter((p) =>
    blindPieces.has(createHash('sha256').update(p).digest('hex')),
  ).length;
  if (shared > 0) reasons.push(`${shared} sentence(s)`);
  if (reasons.length > 0) bad += 1;
  console.log(`${item.id}: ${reasons.length === 0 ? 'ok' : `REJECT (${reasons.join(', ')})`}`);
}
process.exit(bad > 0 ? 1 : 0);
