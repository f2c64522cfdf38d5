/**
 * Trains the triage fallback model on the development sets and writes it to
 * src/triage/triage-model.json (`npm run train:triage`). Deterministic: the same development
 * files give the same file byte for byte. Never reads a blind set.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogTexts, readTrainingTexts, trainShipped } from './triage-model-training';

const OUT = join(__dirname, '..', 'src', 'triage', 'triage-model.json');

function main(): void {
  const texts = readTrainingTexts();
  const always = catalogTexts();
  const model = trainShipped(texts, always);
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(OUT, json);
  console.log(
    `trained on ${texts.length} development texts and ${always.length} catalog forms and phrases, ${model.intents.length} intents, 2^${model.bits} buckets, thresholds ${model.threshold} (last resort), ${model.agreeThreshold} (agreeing with a weak lead), ${model.questionThreshold} (question): ${OUT} (${(json.length / 1024).toFixed(0)} KB)`,
  );
}

main();
