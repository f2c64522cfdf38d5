import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { CARD_CASES } from './support/cases';
import { HOST_CSS, TEAMS_LIKE_HOST_CONFIG } from './support/teams-host-config';

/**
 * Renders every template's sample with the Adaptive Cards browser renderer in headless Chromium,
 * checks the texts a reader must see, and saves one screenshot per card under .artifacts/cards/
 * (git-ignored) for a person to look at. Loads local files only.
 */

const REPO_ROOT = join(__dirname, '..', '..');
const BUNDLE = join(REPO_ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
const ARTIFACTS = join(REPO_ROOT, '.artifacts', 'cards');

interface RenderOutcome {
  text: string;
  buttons: string[];
  errors: string[];
}

interface PageGlobals {
  renderCard(card: unknown, hostConfig: unknown): RenderOutcome;
}

/** Runs in the page, where the bundle defines AdaptiveCards; plain JS, so no DOM types needed. */
const PAGE_SCRIPT = `
window.renderCard = function (card, hostConfig) {
  var adaptiveCard = new AdaptiveCards.AdaptiveCard();
  adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  var context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  adaptiveCard.parse(card, context);
  var errors = [];
  for (var i = 0; i < context.eventCount; i += 1) errors.push(context.getEventAt(i).message);
  var element = adaptiveCard.render();
  var frame = document.getElementById('frame');
  if (!element) throw new Error('nothing rendered');
  frame.replaceChildren(element);
  var buttons = Array.prototype.map.call(frame.querySelectorAll('button'), function (b) {
    return b.innerText.trim();
  });
  return { text: frame.innerText, buttons: buttons, errors: errors };
};
`;

describe('card rendering in Chromium @slow', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let workDir: string;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'cards-visual-'));
    const html = join(workDir, 'index.html');
    writeFileSync(
      html,
      `<!doctype html><html><head><meta charset="utf-8"><style>${HOST_CSS}</style>` +
        `<script src="${pathToFileURL(BUNDLE).href}"></script><script>${PAGE_SCRIPT}</script></head>` +
        `<body><div id="frame" class="frame"></div></body></html>`,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 520, height: 900 }, deviceScaleFactor: 1 });
    // Nothing but local files: any other request is a bug in a template (e.g. an image URL).
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file://') ? route.continue() : route.abort(),
    );
    await page.goto(pathToFileURL(html).href);
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  for (const c of CARD_CASES) {
    it(`${c.name} shows its key texts`, async () => {
      const outcome = await page.evaluate(
        ([card, hostConfig]) => (globalThis as unknown as PageGlobals).renderCard(card, hostConfig),
        [c.render() as unknown, TEAMS_LIKE_HOST_CONFIG as unknown] as const,
      );
      assert.deepEqual(outcome.errors, []);
      for (const key of c.keyTexts) {
        const shown = outcome.text.includes(key) || outcome.buttons.includes(key);
        assert.ok(shown, `"${key}" not shown; page text:\n${outcome.text}`);
      }
      assert.doesNotMatch(outcome.text, /\$\{/);
      await page.locator('#frame').screenshot({ path: join(ARTIFACTS, `${c.name}.png`) });
    });
  }
});
