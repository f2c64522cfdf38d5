#!/usr/bin/env node
/**
 * Guards the blind set: before a new development text is added, checks its source address and a
 * hash of its normalised text (and of each of its sentences) against the blind files, and rejects
 * overlaps. Prints only the candidate's own id and a yes/no verdict, never blind content.
 * Usage: node scripts/check-dev-overlap.mjs candidates.jsonl   (lines with id, source, text)
 * Exit code 1 when any candidate overlaps.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'triage');
const BLIND = ['blind-set.jsonl', 'blind-questions.jsonl', 'blind-set.md'].map((f) =>
  join(FIXTURES, f),
);

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
for (const path of BLIND) {
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

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node scripts/check-dev-overlap.mjs candidates.jsonl');
  process.exit(2);
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
