import assert from 'node:assert/strict';
import { render, type AdaptiveCardJson } from '../../cards';
import {
  DIAGNOSIS_CARDS,
  UNMATCHED_ID_SAMPLE,
  diagnosisTemplate,
  incidentSample,
  incidentTemplate,
} from '../../cards/diagnosis';
import { openCardRenderer, type CardRenderer } from '../support/card-renderer';

/**
 * Every diagnosis template's sample drawn by the Adaptive Cards browser renderer in headless
 * Chromium: no renderer error, the headline and buttons on screen, and a screenshot per card in
 * .artifacts/cards/ for a person to look at. Local files only.
 */

const CASES: Array<{ name: string; card: () => AdaptiveCardJson; must: string[] }> = [
  ...Object.entries(DIAGNOSIS_CARDS).map(([view, { template, sample }]) => ({
    name: `diagnosis-${view}`,
    card: () => render(template, sample),
    must: [
      sample.title,
      ...sample.offers.map((o) => o.title),
      ...sample.offers.flatMap((o) => (o.note === undefined ? [] : [o.note])),
      ...(sample.checkAgain ? ['Check again'] : []),
    ],
  })),
  {
    name: 'diagnosis-unmatched-id',
    card: () => render(diagnosisTemplate, UNMATCHED_ID_SAMPLE),
    must: [
      UNMATCHED_ID_SAMPLE.title,
      'What you pasted',
      'aaaaaaaa-0000-4000-8000-00000000aaaa',
      'Your latest failed sign-in',
      'This is a different sign-in from the one you pasted',
      'Check again',
    ],
  },
  {
    name: 'diagnosis-incident',
    card: () => render(incidentTemplate, incidentSample),
    must: [incidentSample.title, 'user01@sandbox.example', 'and 3 more'],
  },
];

describe('diagnosis cards drawn in Chromium @slow @browser', function () {
  this.timeout(60_000);
  let renderer: CardRenderer;

  before(async () => {
    renderer = await openCardRenderer();
  });

  after(async () => {
    await renderer?.close();
  });

  for (const c of CASES) {
    it(`${c.name} shows its headline and buttons`, async () => {
      const outcome = await renderer.render(c.card());
      assert.deepEqual(outcome.errors, []);
      for (const key of c.must) {
        assert.ok(
          outcome.text.includes(key) || outcome.buttons.includes(key),
          `"${key}" not shown:\n${outcome.text}`,
        );
      }
      assert.doesNotMatch(outcome.text, /\$\{/);
      await renderer.screenshot(c.name);
    });
  }
});
