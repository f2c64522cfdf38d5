import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseActionData, render, triageCardData, triageExplainTemplate } from '../../cards';
import { DIAGNOSIS_SAMPLES, diagnosisCardData, diagnosisTemplate } from '../../cards/diagnosis';
import { carriedFields, notItPayload, unrelatedNotItPayload } from '../../cards/triage/correction';
import {
  unrelatedCardData,
  unrelatedTemplate,
  type UnrelatedCardData,
} from '../../cards/triage/unrelated';
import {
  noneFitCardData,
  noneFitTemplate,
  notItCardData,
  notItTemplate,
} from '../../cards/triage/not-it';
import { LEADS, unsureCardData, unsureTemplate } from '../../cards/triage/unsure';
import { triage } from '../../src/triage';
import {
  CHOOSABLE_INTENTS,
  chosenReading,
  correctionChoices,
  readFromWordsAlone,
} from '../../src/triage/correction';
import type { Diagnosis } from '../../src/diagnosis/types';
import type { Triage } from '../../src/triage/types';
import { executeActions, visibleTexts } from './support/cases';

const CORRELATION = '2f8c6e1a-7b34-4d9e-a051-3c6d8e2f9b47';
/** Read from words alone: a concept cue, no code. */
const WORDS_ALONE =
  'Outlook keeps prompting me for my password and will not connect to the mailbox anymore. ' +
  `Correlation ID: ${CORRELATION} Timestamp: 2025-03-14T09:26:41Z`;

/** A development paste's text by its id (dev-*.jsonl only, never a blind set). */
function devPaste(id: string): string {
  const dir = join(__dirname, '..', 'fixtures', 'triage');
  for (const name of readdirSync(dir).filter((n) => n.startsWith('dev-') && n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line.includes(`"${id}"`)) return (JSON.parse(line) as { text: string }).text;
    }
  }
  throw new Error(`no dev paste ${id}`);
}

const hasChosen = (data: unknown): boolean =>
  typeof data === 'object' && data !== null && 'chosen' in data;

const notItButtons = (card: unknown) =>
  executeActions(card).filter((action) => action.verb === 'triage.not-it');

describe("That's not it", () => {
  it('is offered on a reading from words alone, carrying the guess and the pasted details', () => {
    const result = triage(WORDS_ALONE);
    assert.equal(result.matchedBy, 'concept');
    const card = render(
      triageExplainTemplate,
      triageCardData(result, { audience: 'user', offerCorrection: true }),
    );
    const [button] = notItButtons(card);
    assert.ok(button, 'the card offers "That\'s not it"');
    assert.ok(visibleTexts(card).includes("That's not it"));
    assert.deepEqual(parseActionData('triage.not-it', button.data), {
      v: 1,
      guessed: 'legacy-auth-blocked',
      // The problems the model also saw in these words, best first (triage's runners-up).
      leads: ['app-misconfigured', 'invalid-password'],
      fields: { correlationId: CORRELATION, timestamp: '2025-03-14T09:26:41Z' },
    });
    assert.doesNotMatch(JSON.stringify(button.data), /Outlook|prompting/, 'no pasted text');
  });

  it('is never offered on a code, an exact name or sentence, a question or an unrelated text', () => {
    for (const text of [
      'AADSTS50053',
      'DeviceNotDomainJoined - Device-based Conditional Access policy requires a domain joined device',
      'teams keeps saying my password is wrong but i just typed it right, now it says try again later',
    ]) {
      const result = triage(text);
      assert.equal(readFromWordsAlone(result), false, text);
      const card = render(
        triageExplainTemplate,
        triageCardData(result, { audience: 'user', offerCorrection: true }),
      );
      assert.deepEqual(notItButtons(card), [], text);
    }
    for (const text of ['How do I set up SMS sign-in?', 'the printer on floor 3 is jammed']) {
      assert.equal(notItPayload(triage(text)), undefined, text);
    }
  });

  it('puts the button on a diagnosis card only when the caller gives its data', () => {
    const notIt = notItPayload(triage(WORDS_ALONE), 'tri-01J8ZK3Q5N2W7D');
    assert.ok(notIt);
    const sample = DIAGNOSIS_SAMPLES['sign-in'];
    const plain = render(diagnosisTemplate, sample);
    assert.deepEqual(notItButtons(plain), []);
    const offered = render(diagnosisTemplate, { ...sample, notIt });
    const [button] = notItButtons(offered);
    assert.deepEqual(parseActionData('triage.not-it', button.data), notIt);
    const built = diagnosisCardData({ ...diagnosisOf(sample) }, { audience: 'user', notIt });
    assert.deepEqual(built.notIt, notIt);
  });

  it('asks which problem fits: leads first, the guess left out, None of these last', () => {
    const guessed: Triage = {
      ...triage(WORDS_ALONE),
      unsure: { intent: 'account-locked', score: 0.5 },
      others: [{ intent: 'password-expired', name: 'password-expired' }],
    };
    const payload = notItPayload(guessed, 'tri-1');
    assert.ok(payload);
    // What the paste showed first, then the model's runner-up.
    assert.deepEqual(payload.leads, ['account-locked', 'password-expired', 'app-misconfigured']);
    const data = notItCardData(payload);
    const leads = data.leads.map((lead) => lead.choose.chosen);
    const values = [...leads, ...data.choices.map((choice) => choice.value)];
    assert.deepEqual(leads, ['account-locked', 'password-expired', 'app-misconfigured']);
    assert.equal(values.at(-1), 'none');
    assert.ok(!values.includes('legacy-auth-blocked'), 'the guess is not offered again');
    assert.equal(new Set(values).size, values.length);
    assert.equal(values.length, CHOOSABLE_INTENTS.length);
    assert.equal(data.leads[0].title, 'A locked account');
    assert.equal(
      data.intro,
      `I read your message as ${LEADS['legacy-auth-blocked']}. Choose the problem that matches what you see, and I will explain that one instead.`,
    );

    const card = render(notItTemplate, data);
    const choose = executeActions(card).find((action) => !hasChosen(action.data));
    assert.ok(choose, '"Show me this" sends the chosen input');
    assert.equal(choose.verb, 'triage.choose');
    const clicked = { ...(choose.data as object), chosen: 'account-locked' };
    assert.deepEqual(parseActionData('triage.choose', clicked), {
      v: 1,
      guessed: 'legacy-auth-blocked',
      chosen: 'account-locked',
      fields: payload.fields,
      askId: 'tri-1',
      // The leads ride along, so a click with nothing chosen gets this same card again.
      leads: ['account-locked', 'password-expired', 'app-misconfigured'],
    });
    assert.deepEqual(correctionChoices('account-locked').length, CHOOSABLE_INTENTS.length - 1);
  });

  it("leads with triage's runners-up, best first, after what the paste itself showed", () => {
    // A real development paste (Japanese): IMAP failing after a password change, read as an
    // older sign-in method; the model's runner-up is the password, which is what it was.
    const paste = devPaste('page-exchangeteamjp-imap-yen-password');
    const result = triage(paste);
    assert.equal(result.intent, 'legacy-auth-blocked');
    const runnersUp = (result.runnersUp ?? []).map((r) => r.intent);
    assert.equal(runnersUp[0], 'invalid-password');
    const payload = notItPayload(result, 'tri-2');
    assert.ok(payload);
    assert.deepEqual(payload.leads, runnersUp);
    const data = notItCardData(payload);
    const values = [
      ...data.leads.map((lead) => lead.choose.chosen),
      ...data.choices.map((choice) => choice.value),
    ];
    assert.deepEqual(values.slice(0, runnersUp.length), runnersUp);
    assert.ok(!values.includes('legacy-auth-blocked'), 'never the guess itself');
    assert.equal(values.length, CHOOSABLE_INTENTS.length, 'then every other problem, and none');

    // A lead the paste itself showed comes first; a runner-up equal to it is listed once; at most 3.
    const mixed: Triage = {
      ...result,
      others: [{ intent: 'password-expired', name: 'password-expired' }],
      runnersUp: [
        { intent: 'account-locked', score: 0.4 },
        { intent: 'password-expired', score: 0.3 },
        { intent: 'tap-blocked', score: 0.2 },
      ],
    };
    assert.deepEqual(notItPayload(mixed)?.leads, [
      'password-expired',
      'account-locked',
      'tap-blocked',
    ]);
    const card = render(notItTemplate, notItCardData(notItPayload(mixed) ?? payload));
    const shown = visibleTexts(card).join('\n');
    assert.ok(
      shown.indexOf('An expired password') < shown.indexOf('A locked account'),
      'the choices are shown in that order',
    );
  });

  it('groups the leads under "Closest to your message", the rest under "Other problems"', () => {
    const payload = notItPayload(triage(WORDS_ALONE), 'tri-3');
    assert.ok(payload?.leads);
    const card = render(notItTemplate, notItCardData(payload));
    const body = card.body as Array<Record<string, unknown>>;
    const headings = body.filter((item) => item.style === 'heading').map((item) => item.text);
    assert.deepEqual(headings, [
      'Which of these fits better?',
      'Closest to your message',
      'Other problems',
    ]);
    const at = (text: string) => body.findIndex((item) => item.text === text);
    const list = body.findIndex((item) => item.type === 'Input.ChoiceSet');
    // Each lead is a button between the two headings, in the order triage ranked them.
    const leadButtons = body
      .slice(at('Closest to your message') + 1, at('Other problems'))
      .flatMap((item) => executeActions(item));
    assert.deepEqual(
      leadButtons.map((button) => (button.data as { chosen: string }).chosen),
      payload.leads,
    );
    for (const button of leadButtons) {
      assert.equal(button.verb, 'triage.choose');
      const { leads: _leads, ...carried } = payload;
      assert.deepEqual(parseActionData('triage.choose', button.data), {
        ...carried,
        chosen: (button.data as { chosen: string }).chosen,
      });
    }
    assert.equal(
      JSON.stringify(body).match(/"associatedInputs":"none"/g)?.length,
      payload.leads.length,
      'a lead button does not need the list below chosen',
    );
    // The rest are the list under the second heading, none of the leads again.
    assert.ok(at('Other problems') < list);
    const listed = (body[list].choices as Array<{ value: string }>).map((c) => c.value);
    assert.ok(listed.every((value) => !payload.leads?.includes(value as never)));
    assert.equal(listed.length + payload.leads.length, CHOOSABLE_INTENTS.length);
  });

  it('shows a single list with no group heading when there are no leads', () => {
    const { leads: _leads, ...payload } = notItPayload(triage(WORDS_ALONE), 'tri-4') ?? {
      v: 1 as const,
      guessed: 'legacy-auth-blocked' as const,
    };
    const card = render(notItTemplate, notItCardData(payload));
    const body = card.body as Array<Record<string, unknown>>;
    const headings = body.filter((item) => item.style === 'heading').map((item) => item.text);
    assert.deepEqual(headings, ['Which of these fits better?']);
    const shown = visibleTexts(card);
    assert.ok(!shown.includes('Closest to your message') && !shown.includes('Other problems'));
    assert.deepEqual(
      executeActions(card).map((action) => action.verb),
      ['triage.choose'],
      'only "Show me this"',
    );
    const list = body.find((item) => item.type === 'Input.ChoiceSet');
    assert.equal((list?.choices as unknown[]).length, CHOOSABLE_INTENTS.length);
  });

  it('promises the helpdesk the details from the message, never the message itself', () => {
    const card = render(noneFitTemplate, noneFitCardData('tri-1', 'legacy-auth-blocked'));
    const text = JSON.stringify(card);
    assert.match(
      text,
      /they get the details from your message \(codes, ids, time, account\), not the message itself/,
    );
    assert.doesNotMatch(text, /get what you pasted/);
  });

  it('sends None of these to the helpdesk with the reading it turned down, and no more', () => {
    const card = render(noneFitTemplate, noneFitCardData('tri-1', 'legacy-auth-blocked'));
    const [ask] = executeActions(card);
    assert.equal(ask.verb, 'helpdesk.ask');
    const clicked = { ...(ask.data as object), note: 'none fit' };
    assert.deepEqual(parseActionData('helpdesk.ask', clicked), {
      v: 1,
      triageId: 'tri-1',
      notIt: 'legacy-auth-blocked',
      note: 'none fit',
    });
    for (const notIt of ['format-disk', 'unrelated', 'An older sign-in method', '']) {
      assert.throws(
        () => parseActionData('helpdesk.ask', { v: 1, triageId: 'tri-1', notIt }),
        /This button is out of date|notIt/,
      );
    }
    assert.deepEqual(noneFitCardData(undefined, 'legacy-auth-blocked'), {});
  });

  it('offers "It is a sign-in problem" on the unsure card too, with the resemblance first', () => {
    const text =
      'Your account has been blocked as it was identified to be violating our security policy. Please contact support if you feel this is a mistake.';
    const result = triage(text);
    assert.equal(result.intent, 'unrelated');
    assert.equal(result.unsure?.intent, 'ca-blocked');
    const card = render(unsureTemplate, unsureCardData(text, result));
    assert.match(visibleTexts(card).join('\n'), /It reads a little like an access rule blocking/);
    const [button] = notItButtons(card);
    assert.ok(button, 'the card offers the correction');
    assert.ok(visibleTexts(card).includes('It is a sign-in problem'));
    const data = parseActionData('triage.not-it', button.data);
    assert.deepEqual(data, { v: 1, guessed: 'unrelated', leads: ['ca-blocked'] });
    assert.doesNotMatch(JSON.stringify(button.data), /security policy/, 'no pasted text');
    // The choice answers "is it that?": the resemblance is the one-click lead, first.
    assert.deepEqual(
      notItCardData(data).leads.map((lead) => lead.choose.chosen),
      ['ca-blocked'],
    );
    // Small talk that happens to resemble an error gets no button, as on the unrelated card.
    const talk = unsureCardData('thanks!', { ...triage('thanks!'), unsure: result.unsure });
    assert.deepEqual(notItButtons(render(unsureTemplate, talk)), []);
  });

  it('offers "It is a sign-in problem" on the unrelated card, opening the same choice', () => {
    const text = `I cannot get into my work stuff since yesterday. Correlation ID: ${CORRELATION}`;
    const result = triage(text);
    assert.equal(result.intent, 'unrelated');
    // What the message route sends: the details triage found, no helpdesk draft yet.
    assert.deepEqual(unrelatedCardData(text, result), {
      notIt: { v: 1, guessed: 'unrelated', fields: { correlationId: CORRELATION } },
    });
    for (const talk of ['thanks!', 'Thank you so much', 'ok great', 'good morning team']) {
      assert.deepEqual(unrelatedCardData(talk, triage(talk)), {}, talk);
    }
    const card = render(unrelatedTemplate, { notIt: unrelatedNotItPayload(result, 'tri-1') });
    assert.match(visibleTexts(card).join('\n'), /That doesn't look like a sign-in error/);
    const [button] = notItButtons(card);
    assert.ok(button, 'the card offers the correction');
    assert.ok(visibleTexts(card).includes('It is a sign-in problem'));
    const data = parseActionData('triage.not-it', button.data);
    assert.deepEqual(data, {
      v: 1,
      guessed: 'unrelated',
      fields: { correlationId: CORRELATION },
      askId: 'tri-1',
    });
    assert.doesNotMatch(JSON.stringify(button.data), /work stuff/, 'no pasted text');
    // The choice: every known problem, unrelated never among them, then None of these.
    const choice = notItCardData(data);
    assert.match(choice.intro, /^I could not tell which sign-in problem your message describes\./);
    assert.doesNotMatch(choice.intro, /I read your message as/);
    assert.deepEqual(
      choice.choices.map((c) => c.value),
      [...CHOOSABLE_INTENTS, 'none'],
    );
    const rendered = render(notItTemplate, choice);
    assert.match(
      visibleTexts(rendered).join('\n'),
      /I could not tell which sign-in problem your message describes/,
    );
    // None of these keeps the ask, with no problem named as turned down.
    assert.deepEqual(noneFitCardData('tri-1', 'unrelated'), {
      askHelpdesk: { v: 1, triageId: 'tri-1' },
    });
    // Without data (small talk) the card has no button; a forged reading is refused.
    assert.deepEqual(notItButtons(render(unrelatedTemplate, {})), []);
    assert.throws(() =>
      render(unrelatedTemplate, {
        notIt: { v: 1, guessed: 'invalid-password' },
      } as unknown as UnrelatedCardData),
    );
  });

  it('keeps only details within their bounds, and never the paste', () => {
    assert.deepEqual(
      carriedFields({
        correlationId: 'not-a-guid',
        requestId: CORRELATION,
        appName: 'x'.repeat(300),
        upn: 'user@sandbox.example',
        ip: '203.0.113.24',
        deviceState: 'Unregistered',
      }),
      { requestId: CORRELATION, upn: 'user@sandbox.example' },
    );
  });

  it('carries any pasted details as button data its verb accepts (property)', () => {
    const base = triage(WORDS_ALONE);
    const value = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    const keys = ['correlationId', 'requestId', 'timestamp', 'appId', 'appName', 'upn', 'ip'];
    const fields = fc.record(Object.fromEntries(keys.map((key) => [key, value])), {
      requiredKeys: [],
    });
    fc.assert(
      fc.property(fields, (pasted) => {
        const reading = { ...base, fields: pasted };
        const card = render(
          triageExplainTemplate,
          triageCardData(reading, { audience: 'user', offerCorrection: true }),
        );
        const [button] = notItButtons(card);
        assert.deepEqual(parseActionData('triage.not-it', button.data), notItPayload(reading));
        const { leads: _leads, ...choice } = parseActionData('triage.not-it', button.data);
        parseActionData('triage.choose', { ...choice, chosen: 'account-locked' });
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('explains every problem a person may choose, with the details and no invented code', () => {
    const fields = { correlationId: CORRELATION, upn: 'user@sandbox.example' };
    for (const intent of CHOOSABLE_INTENTS) {
      const reading = chosenReading(intent, fields);
      assert.equal(reading.matchedBy, 'chosen');
      assert.equal(readFromWordsAlone(reading), false, 'a chosen reading is not offered again');
      const data = triageCardData(reading, { audience: 'user', offerCorrection: true });
      assert.equal(data.code, undefined, intent);
      assert.ok(reading.message, `${intent} has an explanation`);
      assert.equal(data.meaning, reading.message.userText);
      assert.ok(data.facts.some((fact) => fact.value === CORRELATION));
      assert.equal(data.notIt, undefined);
    }
  });
});

/** The least Diagnosis diagnosisCardData needs, shaped like the sample. */
function diagnosisOf(sample: (typeof DIAGNOSIS_SAMPLES)['sign-in']): Diagnosis {
  return {
    view: 'sign-in',
    headline: sample.title,
    findings: [],
    nextSteps: ['Try again.'],
    offers: [],
    missingPermissions: [],
    status: 'found',
    details: { view: 'sign-in' },
    checkAgain: false,
    stepsFromCatalog: false,
    intent: 'invalid-password',
  } as unknown as Diagnosis;
}
