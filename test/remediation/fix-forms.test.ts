import assert from 'node:assert/strict';
import { formLimitsSource } from '../../bot/remediation/form-limits';
import { render } from '../../cards';
import { DIAGNOSIS_CARDS } from '../../cards/diagnosis';
import { formFor } from '../../cards/diagnosis/offer-forms';
import { fixFormCardData, fixFormTemplate } from '../../cards/remediation/fix-form';
import { parseActionData } from '../../cards/verbs';
import { createRemediationPolicy } from '../../src/remediation/policy';
import type { TapPolicy } from '../../src/remediation/ports';
import { adaptiveCardsProblems } from '../cards/support/cases';

/**
 * The fix forms: bounds from the tenant and the configuration, the inputs each card carries
 * (ids the button parser knows), what a click may send, and the limits read from Graph.
 */

const GUID = '7c0e2b4d-1a3f-4b5c-8d6e-9f0a1b2c3d05';
const LIMITS = {
  tap: { min: 60, max: 480, default: 30, oneTimeOnly: false },
  exclusion: { maxHours: 24, defaultHours: 4 },
};

type Json = Record<string, unknown>;

/** Every element of a card (body, actions, show-cards), depth first. */
function elements(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(elements);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Json;
  return [record, ...Object.values(record).flatMap(elements)];
}

/** The Data.Query typeahead of Teams: the SDK reads `choices.data` from 1.6 only. */
const TEAMS_TYPEAHEAD = [
  /"choices\.data" is supported in version 1\.6/,
  /An Input\.ChoiceSet must have at least one choice defined/,
];

describe('fix forms', () => {
  it("bounds a pass's lifetime by the tenant policy and starts within it", () => {
    const form = formFor('issue-tap', LIMITS, 'user');
    assert.deepEqual(form?.lifetime?.min, 60);
    assert.deepEqual(form?.lifetime?.max, 480);
    assert.equal(form?.lifetime?.value, 60, 'the default is raised to the tenant minimum');
    assert.equal(form?.oneTimeUse?.value, 'false', 'multi-use unless chosen');
    assert.equal(form?.submit, 'Send to the helpdesk');
    const forced = formFor(
      'issue-tap',
      { ...LIMITS, tap: { ...LIMITS.tap, oneTimeOnly: true } },
      'helpdesk',
    );
    assert.match(forced?.oneTimeUse?.title ?? '', /allows only one-time passes/);
    assert.equal(forced?.submit, 'Ask for approval');
  });

  it('bounds the exclusion hours by the configuration; other fixes ask only for the note', () => {
    assert.deepEqual(formFor('ca-exclusion', LIMITS, 'user')?.hours, {
      max: 24,
      value: 4,
      label: 'For how many hours (1 to 24)',
    });
    assert.ok(formFor('add-sms-method', LIMITS, 'user')?.phone);
    assert.ok(formFor('copy-group-members', LIMITS, 'helpdesk')?.groups);
    for (const kind of ['dismiss-risk', 'confirm-compromised', 'revoke-sessions'] as const) {
      assert.deepEqual(formFor(kind, LIMITS, 'user'), { submit: 'Send to the helpdesk' });
    }
  });

  it("puts a fix's inputs in its own show-card, with the card's note and no input on Check again", () => {
    const { template, sample } = DIAGNOSIS_CARDS['temporary-access-pass'];
    const card = render(template, sample);
    const all = elements(card);
    const show = all.find((e) => e.type === 'Action.ShowCard');
    assert.equal(show?.title, 'Issue a Temporary Access Pass');
    const inside = elements(show?.card);
    const ids = inside.filter((e) => typeof e.id === 'string').map((e) => e.id);
    assert.deepEqual(ids, ['lifetimeMinutes', 'oneTimeUse', 'fixNote0']);
    const lifetime = inside.find((e) => e.id === 'lifetimeMinutes');
    assert.deepEqual([lifetime?.min, lifetime?.max, lifetime?.value], [60, 480, 60]);
    const submit = inside.find((e) => e.type === 'Action.Execute');
    assert.deepEqual(submit?.data, sample.offers[0].payload);
    const noteIds = all.filter((e) => /^fixNote/.test(String(e.id))).map((e) => e.id);
    assert.equal(new Set(noteIds).size, noteIds.length, 'each form has its own note');
    for (const action of all.filter((e) => e.verb === 'triage.check-again')) {
      assert.equal(action.associatedInputs, 'none');
    }
    assert.deepEqual(adaptiveCardsProblems(card), []);
  });

  it('gives a command its form: groups and people from the typeahead, Run now only when allowed', () => {
    const copy = render(fixFormTemplate, fixFormCardData('copy-group-members', { runNow: true }));
    const pickers = elements(copy).filter((e) => e.type === 'Input.ChoiceSet');
    assert.deepEqual(
      pickers.map((p) => [
        p.id,
        (p['choices.data'] as Json).type,
        (p['choices.data'] as Json).dataset,
      ]),
      [
        ['sourceGroupId', 'Data.Query', 'groups'],
        ['targetGroupId', 'Data.Query', 'groups'],
      ],
    );
    const buttons = elements(copy).filter((e) => e.type === 'Action.Execute');
    assert.deepEqual(
      buttons.map((b) => (b.data as Json).mode ?? 'request'),
      ['request', 'run'],
    );
    const sms = render(fixFormTemplate, fixFormCardData('add-sms-method'));
    const smsIds = elements(sms)
      .filter((e) => typeof e.id === 'string')
      .map((e) => e.id);
    assert.deepEqual(smsIds, ['subjectId', 'phoneNumber', 'note']);
    assert.equal(elements(sms).filter((e) => e.type === 'Action.Execute').length, 1, 'no Run now');
    const problems = adaptiveCardsProblems(copy).filter(
      (p) => !TEAMS_TYPEAHEAD.some((known) => known.test(p)),
    );
    assert.deepEqual(problems, []);
  });

  it('reads what a form sends as Teams sends it, leaving the ranges to the server', () => {
    const parsed = parseActionData('request.create', {
      v: 1,
      action: 'ca-exclusion',
      subjectId: GUID,
      hours: '2.5',
      lifetimeMinutes: '',
      oneTimeUse: 'true',
      note: '  ',
    });
    assert.equal(parsed.hours, 2.5, 'a decimal reaches the domain, which names the rule');
    assert.equal(parsed.lifetimeMinutes, undefined);
    assert.equal(parsed.oneTimeUse, true);
    assert.equal(parsed.note, undefined);
    const fromForm = parseActionData('request.create', {
      v: 1,
      action: 'dismiss-risk',
      subjectId: GUID,
      fixNote2: 'It was me, in Lisbon',
    });
    assert.equal(fromForm.note, 'It was me, in Lisbon', "a form's own note is the request's note");
    assert.throws(() =>
      parseActionData('request.create', {
        v: 1,
        action: 'dismiss-risk',
        subjectId: GUID,
        fixNote1: 'a',
        fixNote2: 'b',
      }),
    );
    const copy = parseActionData('request.create', {
      v: 1,
      action: 'copy-group-members',
      sourceGroupId: GUID,
      targetGroupId: GUID,
    });
    assert.equal(copy.subjectId, undefined, 'the destination may come from the form');
    for (const forged of [
      { sourceGroupId: "x' or 1 eq 1" },
      { hours: '2 hours' },
      { phoneNumber: 'x'.repeat(41) },
      { approvedBy: GUID },
    ]) {
      assert.throws(
        () => parseActionData('request.create', { v: 1, action: 'copy-group-members', ...forged }),
        /request\.create/,
        JSON.stringify(forged),
      );
    }
  });

  it('reads the tenant pass policy once for a while, and falls back when it cannot', async () => {
    let reads = 0;
    let fail = false;
    let now = 0;
    const policy: TapPolicy = {
      enabled: true,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLifetimeInMinutes: 60,
      isUsableOnce: true,
    };
    const source = formLimitsSource(
      {
        getTapPolicy: async () => {
          reads += 1;
          if (fail) throw new Error('Graph is away');
          return policy;
        },
      },
      createRemediationPolicy({ helpdeskGroupId: GUID, maxExclusionHours: 12 }),
      { ttlMs: 1000, now: () => now },
    );
    const first = await source();
    assert.deepEqual(first.tap, { min: 60, max: 480, default: 60, oneTimeOnly: true });
    assert.deepEqual(first.exclusion, { maxHours: 12, defaultHours: 4 });
    await source();
    assert.equal(reads, 1, 'cached');
    now = 2000;
    fail = true;
    const fallback = await source();
    assert.equal(reads, 2);
    assert.equal(fallback.tap, undefined, "Graph's own bounds apply, the server checks the rest");
  });
});
