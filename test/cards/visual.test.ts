import assert from 'node:assert/strict';
import { openCardRenderer, type CardRenderer } from '../support/card-renderer';
import { CARD_CASES } from './support/cases';

/**
 * Renders every template's sample with the Adaptive Cards browser renderer in headless Chromium,
 * checks the texts a reader must see, and saves one screenshot per card under .artifacts/cards/
 * (git-ignored) for a person to look at. Loads local files only.
 */

describe('card rendering in Chromium @slow @browser', function () {
  this.timeout(60_000);
  let renderer: CardRenderer;

  before(async () => {
    renderer = await openCardRenderer();
  });

  after(async () => {
    await renderer?.close();
  });

  for (const c of CARD_CASES) {
    it(`${c.name} shows its key texts`, async () => {
      const outcome = await renderer.render(c.render());
      assert.deepEqual(outcome.errors, []);
      for (const key of c.keyTexts) {
        const shown = outcome.text.includes(key) || outcome.buttons.includes(key);
        assert.ok(shown, `"${key}" not shown; page text:\n${outcome.text}`);
      }
      assert.doesNotMatch(outcome.text, /\$\{/);
      await renderer.screenshot(c.name);
    });
  }
});
