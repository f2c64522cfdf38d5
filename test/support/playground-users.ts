import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startPlayground } from '../../bot/playground';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startBotHarness, type BotHarness } from './bot-harness';
import { artifactPath, launchChromium } from './browser';
import { freePort } from './free-port';
import type { Clock } from '../../src/ports';

interface PlaygroundPerson {
  /** The Playground's id for the current user, and the personal chat's. */
  currentId: string;
  chatId: string;
  name: string;
  givenName: string;
  surname: string;
  user: { id: string; upn: string };
}

/**
 * The Playground's config with `person` as its current user in a personal chat of their own (the
 * Playground has one user per instance, so a second instance plays the second person), in a new
 * folder; `more` changes the rest of the config.
 */
function configDirAs(person: PlaygroundPerson, more: (yaml: string) => string = (y) => y): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `playground-${person.currentId}-`));
  const base = fs.readFileSync(path.join(process.cwd(), '.m365agentsplayground.yml'), 'utf8');
  const { upn, id } = person.user;
  const swapped = more(
    base
      .replace('currentUser:\n  id: user-member', `currentUser:\n  id: ${person.currentId}`)
      .replace(
        /name: Demo User\n(\s+)userPrincipleName: user@sandbox\.example\n(\s+)aadObjectId: \S+/,
        `name: ${person.name}\n$1userPrincipleName: ${upn}\n$2aadObjectId: ${id}`,
      )
      .replace(
        /givenName: Demo\n(\s+)surname: User\n(\s+)email: user@sandbox\.example/,
        `givenName: ${person.givenName}\n$1surname: ${person.surname}\n$2email: ${upn}`,
      )
      .replace('personalChat:\n  id: personal-chat-id', `personalChat:\n  id: ${person.chatId}`),
  );
  assert.ok(
    swapped.includes(`currentUser:\n  id: ${person.currentId}\n  name: ${person.name}`),
    'the Playground config still has the shape this swap expects',
  );
  fs.writeFileSync(path.join(dir, '.m365agentsplayground.yml'), swapped);
  return dir;
}

/** A Playground config folder whose current user is the Helpdesk Agent instead of the Demo User. */
export function agentConfigDir(): string {
  const member = DEMO_USERS.member;
  return configDirAs(
    {
      currentId: 'user-helpdesk-current',
      chatId: 'personal-chat-helpdesk',
      name: 'Helpdesk Agent',
      givenName: 'Helpdesk',
      surname: 'Agent',
      user: DEMO_USERS.helpdesk,
    },
    // The Demo User takes the agent's place among the other people.
    (yaml) =>
      yaml.replace(
        /- id: user-helpdesk\n(\s+)name: Helpdesk Agent\n(\s+)userPrincipleName: helpdesk@sandbox\.example\n(\s+)aadObjectId: \S+\n(\s+)givenName: Helpdesk\n(\s+)surname: Agent\n(\s+)email: helpdesk@sandbox\.example/,
        `- id: user-member\n$1name: Demo User\n$2userPrincipleName: ${member.upn}\n$3aadObjectId: ${member.id}\n$4givenName: Demo\n$5surname: User\n$6email: ${member.upn}`,
      ),
  );
}

/**
 * A Playground config folder whose current user is the Tenant Admin (in the admin group, not the
 * helpdesk's), with a personal chat of their own.
 */
export function adminConfigDir(): string {
  return configDirAs({
    currentId: 'user-admin-current',
    chatId: 'personal-chat-admin',
    name: 'Tenant Admin',
    givenName: 'Tenant',
    surname: 'Admin',
    user: DEMO_USERS.admin,
  });
}

/** Types a message into the open chat and sends it. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('[contenteditable="true"]').first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * Sends `words` and waits until one more text matching `answer` is on the page than before (an
 * earlier card's copy of it cannot pass for the new answer), then scrolls to it.
 */
export async function sendAndWait(page: Page, words: string, answer: RegExp): Promise<void> {
  const seen = page.getByText(answer);
  const before = await seen.count();
  await send(page, words);
  for (let waited = 0; (await seen.count()) <= before; waited += 250) {
    assert.ok(waited < 30_000, `no new answer to "${words}"`);
    await page.waitForTimeout(250);
  }
  await scrollToLast(page, answer);
}

/**
 * Scrolls the last element showing `text` into view. The Playground re-renders its message list
 * as later activities arrive, which can detach the element found a moment before: the scroll is
 * tried again on a fresh look-up, a few times.
 */
export async function scrollToLast(page: Page, text: string | RegExp): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.getByText(text).last().scrollIntoViewIfNeeded({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await page.waitForTimeout(300);
    }
  }
}

/** Posts a message in the open channel, mentioning the bot (a channel message must). */
export async function postInChannel(page: Page, text: string): Promise<void> {
  const box = page.locator('[contenteditable="true"]').first();
  await box.click();
  await page.keyboard.type('@Sign');
  await page.getByRole('menuitem', { name: 'Sign-in Helpdesk' }).click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post' }).click();
}

/** The agent opens the Helpdesk channel and tells the bot to post approval requests there. */
export async function chooseApprovalChannel(agentPage: Page): Promise<void> {
  await agentPage.getByText('Helpdesk', { exact: true }).first().click();
  await postInChannel(agentPage, 'use this channel for approvals');
  await agentPage
    .getByText(/Approval requests will be posted in this channel/)
    .first()
    .waitFor({ timeout: 20_000 });
}

/** One person's Playground in Chromium, on a bot on real parts. */
export interface OnePlayground {
  harness: BotHarness;
  page: Page;
  stop(): Promise<void>;
}

/**
 * Starts the bot, a Playground (the Demo User's unless `configDir` names another person, see
 * agentConfigDir) and a Chromium page open on it; `stop` undoes whatever was started.
 */
export async function startOnePlayground(
  options: { configDir?: string; height?: number; clock?: Clock } = {},
): Promise<OnePlayground> {
  const started: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
  };
  try {
    const harness = await startBotHarness({ clock: options.clock });
    started.push(() => harness.stop());
    const playground = await startPlayground({
      botEndpoint: `${harness.server.url}/api/messages`,
      port: await freePort(),
      configDir: options.configDir ?? process.cwd(),
    });
    started.push(() => playground.stop());
    const browser = await launchChromium();
    started.push(() => browser.close());
    const page = await browser.newPage({
      viewport: { width: 1280, height: options.height ?? 900 },
    });
    await page.goto(playground.url, { waitUntil: 'networkidle' });
    return { harness, page, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
/** The Demo User's and the Helpdesk Agent's Playgrounds, each in its own page, on one bot. */
export interface TwoPlaygrounds {
  harness: BotHarness;
  memberPage: Page;
  agentPage: Page;
  /** Screenshots of both pages, for a failed test. */
  capture(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTwoPlaygrounds(
  options: { background?: boolean; clock?: Clock } = {},
): Promise<TwoPlaygrounds> {
  // Whatever was started is stopped again if a later step fails (no Chromium, a port taken...).
  const started: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
  };
  try {
    const browser = await launchChromium();
    started.push(() => browser.close());
    const harness = await startBotHarness(options);
    started.push(() => harness.stop());
    const botEndpoint = `${harness.server.url}/api/messages`;
    const member = await startPlayground({
      botEndpoint,
      port: await freePort(),
      configDir: process.cwd(),
    });
    started.push(() => member.stop());
    const agent = await startPlayground({
      botEndpoint,
      port: await freePort(),
      configDir: agentConfigDir(),
    });
    started.push(() => agent.stop());
    const memberPage = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const agentPage = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Opening each Playground installs the app for its user: the bot stores both references.
    await memberPage.goto(member.url, { waitUntil: 'networkidle' });
    await agentPage.goto(agent.url, { waitUntil: 'networkidle' });
    return {
      harness,
      memberPage,
      agentPage,
      async capture(name) {
        await memberPage.screenshot({ path: artifactPath('playground', `${name}-member.png`) });
        await agentPage.screenshot({ path: artifactPath('playground', `${name}-agent.png`) });
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Mocha hooks for a suite on two Playgrounds: started before the suite, both pages captured as
 * `<failureName>` when a test fails, stopped after. The pages are read from the returned object
 * once `before` has run.
 */
export function useTwoPlaygrounds(
  failureName: string,
  options: { background?: boolean; clock?: Clock } = {},
): { readonly memberPage: Page; readonly agentPage: Page; readonly playgrounds: TwoPlaygrounds } {
  let playgrounds: TwoPlaygrounds | undefined;
  before(async () => {
    playgrounds = await startTwoPlaygrounds(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await playgrounds?.capture(failureName);
  });
  after(async () => {
    await playgrounds?.stop();
  });
  const started = (): TwoPlaygrounds => {
    if (!playgrounds) throw new Error('the Playgrounds are not started yet');
    return playgrounds;
  };
  return {
    get memberPage() {
      return started().memberPage;
    },
    get agentPage() {
      return started().agentPage;
    },
    get playgrounds() {
      return started();
    },
  };
}

/**
 * Mocha hooks for a suite on one Playground: started before the suite, the page captured as
 * `.artifacts/playground/<failureName>.png` when a test fails, stopped after. The page and bot are
 * read from the returned object once `before` has run.
 */
export function useOnePlayground(
  failureName: string,
  options: { configDir?: string; height?: number; clock?: Clock } = {},
): { readonly page: Page; readonly harness: BotHarness } {
  let one: OnePlayground | undefined;
  before(async () => {
    one = await startOnePlayground(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await one?.page.screenshot({ path: artifactPath('playground', `${failureName}.png`) });
    }
  });
  after(async () => {
    await one?.stop();
  });
  const started = (): OnePlayground => {
    if (!one) throw new Error('the Playground is not started yet');
    return one;
  };
  return {
    get page() {
      return started().page;
    },
    get harness() {
      return started().harness;
    },
  };
}
