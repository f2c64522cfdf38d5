import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The layering is a lint rule, so a build that adds an arrow from src/ to cards/ or bot/ fails.
 * Each case lints a would-be file at a real path of the tree with the project's own config.
 */

const ROOT = path.resolve(__dirname, '../..');

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

describe('the import rule', function () {
  this.timeout(60_000);

  it('fails a domain file that imports cards/ or bot/', async () => {
    const cards = await importErrors(
      'src/remediation/added-by-a-change.ts',
      "import { render } from '../../cards/render';\nexport const r = render;\n",
    );
    assert.equal(cards.length, 1);
    assert.match(cards[0], /src\/ never imports cards\//);
    const bot = await importErrors(
      'src/diagnosis/added-by-a-change.ts',
      "import { addressOf } from '../../bot/remediation/channel';\nexport const a = addressOf;\n",
    );
    assert.equal(bot.length, 1);
    assert.match(bot[0], /src\/ never imports bot\//);
  });

  it('fails a card that imports bot/, and lets bot/ import both', async () => {
    const fromCards = await importErrors(
      'cards/remediation/added-by-a-change.ts',
      "import { addressOf } from '../../bot/remediation/channel';\nexport const a = addressOf;\n",
    );
    assert.equal(fromCards.length, 1);
    const fromBot = await importErrors(
      'bot/remediation/added-by-a-change.ts',
      "import { render } from '../../cards/render';\nimport { toAppError } from '../../src/errors';\nexport const r = [render, toAppError];\n",
    );
    assert.deepEqual(fromBot, []);
  });

  it('lets only src/graph/ use the Graph client: every other caller goes through the transport', async () => {
    const code =
      "import type { Client } from '@microsoft/microsoft-graph-client';\nexport type C = Client;\n";
    for (const file of [
      'src/posture/added-by-a-change.ts',
      'src/announcements/added-by-a-change.ts',
      'bot/posture/added-by-a-change.ts',
    ]) {
      const errors = await importErrors(file, code);
      assert.equal(errors.length, 1, file);
      assert.match(errors[0], /src\/graph\/transport\.ts/);
    }
    assert.deepEqual(await importErrors('src/graph/added-by-a-change.ts', code), []);
  });
});
