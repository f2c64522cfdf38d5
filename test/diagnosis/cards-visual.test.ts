import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { render, type AdaptiveCardJson } from '../../cards';
import { DIAGNOSIS_CARDS, incidentSample, incidentTemplate } from '../../cards/diagnosis';
import { HOST_CSS, TEAMS_LIKE_HOST_CONFIG } from '../cards/support/teams-host-config';

/**
 * Every diagnosis template's sample drawn by the Adaptive Cards browser renderer in headless
 * Chromium: no renderer error, the headline and buttons on screen, and a screenshot per card in
 * .artifacts/cards/ for a person to look at. Local files only.
 */

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = join(__dirname, '..', '..');
const BUNDLE = join(REPO_ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
const ARTIFACTS = join(REPO_ROOT, '.artifacts', 'cards');

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
  frame.replaceChildren(element);
  var buttons = Array.prototype.map.call(frame.querySelectorAll('button'), function (b) {
    return b.innerText.trim();
  });
  return { text: frame.innerText, buttons: buttons, errors: errors };
};
`;

interface Outcome {
  text: string;
  buttons: string[];
  errors: string[];
}

const CASES: Array<{ name: string; card: () => AdaptiveCardJson; must: string[] }> = [
  ...Object.entries(DIAGNOSIS_CARDS).map(([view, { template, sample }]) => ({
    name: `diagnosis-${view}`,
    card: () => render(template, sample),
    must: [
      sample.title,
      ...sample.offers.map((o) => o.title),
      ...(sample.checkAgain ? ['Check again'] : []),
    ],
  })),
  {
    name: 'diagnosis-incident',
    card: () => render(incidentTemplate, incidentSample),
    must: [incidentSample.title, 'user01@sandbox.example', 'and 3 more'],
  },
];

describe('diagnosis cards drawn in Chromium @slow', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let workDir: string;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'diagnosis-cards-'));
    const html = join(workDir, 'index.html');
    writeFileSync(
      html,
      `<!doctype html><html><head><meta charset="utf-8"><style>${HOST_CSS}</style>` +
        `<script src="${pathToFileURL(BUNDLE).href}"></script><script>${PAGE_SCRIPT}</script></head>` +
        `<body><div id="frame" class="frame"></div></body></html>`,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 520, height: 900 }, deviceScaleFactor: 1 });
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

  for (const c of CASES) {
    it(`${c.name} shows its headline and buttons`, async () => {
      const outcome = await page.evaluate(
        ([card, hostConfig]) =>
          (globalThis as unknown as { renderCard(c: unknown, h: unknown): Outcome }).renderCard(
            card,
            hostConfig,
          ),
        [c.card() as unknown, TEAMS_LIKE_HOST_CONFIG as unknown] as const,
      );
      assert.deepEqual(outcome.errors, []);
      for (const key of c.must) {
        assert.ok(
          outcome.text.includes(key) || outcome.buttons.includes(key),
          `"${key}" not shown:\n${outcome.text}`,
        );
      }
      assert.doesNotMatch(outcome.text, /\$\{/);
      await page.locator('#frame').screenshot({ path: join(ARTIFACTS, `${c.name}.png`) });
    });
  }
});
