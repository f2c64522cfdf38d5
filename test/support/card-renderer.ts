import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOST_CSS, TEAMS_LIKE_HOST_CONFIG } from '../cards/support/teams-host-config';
import { artifactPath, launchChromium } from './browser';

const BUNDLE = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  'adaptivecards',
  'dist',
  'adaptivecards.min.js',
);

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

/** What the renderer drew: visible text, button titles, and parse warnings or errors. */
export interface RenderOutcome {
  text: string;
  buttons: string[];
  errors: string[];
}

export interface CardRenderer {
  render(card: unknown): Promise<RenderOutcome>;
  /** Saves the drawn card as .artifacts/cards/<name>.png for a person to look at. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Adaptive Cards browser renderer in headless Chromium with a Teams-like host config, on a
 * local page that may load nothing but local files (any other request is a bug in a template).
 */
export async function openCardRenderer(): Promise<CardRenderer> {
  const workDir = mkdtempSync(join(tmpdir(), 'card-renderer-'));
  const html = join(workDir, 'index.html');
  writeFileSync(
    html,
    `<!doctype html><html><head><meta charset="utf-8"><style>${HOST_CSS}</style>` +
      `<script src="${pathToFileURL(BUNDLE).href}"></script><script>${PAGE_SCRIPT}</script></head>` +
      `<body><div id="frame" class="frame"></div></body></html>`,
  );
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 520, height: 900 },
    deviceScaleFactor: 1,
  });
  await page.route('**/*', (route) =>
    route.request().url().startsWith('file://') ? route.continue() : route.abort(),
  );
  await page.goto(pathToFileURL(html).href);
  mkdirSync(join(process.cwd(), '.artifacts', 'cards'), { recursive: true });
  return {
    render: (card) =>
      page.evaluate(
        ([c, hostConfig]) =>
          (
            globalThis as unknown as { renderCard(c: unknown, h: unknown): RenderOutcome }
          ).renderCard(c, hostConfig),
        [card, TEAMS_LIKE_HOST_CONFIG as unknown] as const,
      ),
    async screenshot(name) {
      await page.locator('#frame').screenshot({ path: artifactPath('cards', `${name}.png`) });
    },
    async close() {
      await browser.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
