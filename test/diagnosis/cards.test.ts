import assert from 'node:assert/strict';
import { CARD_SCHEMA, MAX_CARD_BYTES, cardSizeBytes, parseActionData, render } from '../../cards';
import {
  DIAGNOSIS_CARDS,
  UNMATCHED_ID_SAMPLE,
  diagnosisCard,
  diagnosisTemplate,
  diagnosisCardData,
  incidentCardData,
  incidentSample,
  incidentTemplate,
} from '../../cards/diagnosis';
import { shown } from '../../cards/diagnosis/card-data';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { ActionKind } from '../../src/remediation/action-kinds';
import { diagnose } from '../../src/diagnosis/diagnose';
import { toGraphAppError } from '../../src/graph/errors';
import { triage } from '../../src/triage';
import {
  adaptiveCardsProblems,
  adaptiveCardsRoundTrip,
  executeActions,
  visibleTexts,
} from '../cards/support/cases';
import {
  ALEX,
  aCaPolicy,
  aSignIn,
  aTriage,
  aUser,
  anAppliedPolicy,
  fixedClock,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';

const cases = [
  ...Object.entries(DIAGNOSIS_CARDS).map(([view, { template, sample }]) => ({
    name: `diagnosis-${view}`,
    render: () => render(template, sample),
    title: sample.title,
  })),
  {
    name: 'diagnosis-unmatched-id',
    render: () => render(diagnosisTemplate, UNMATCHED_ID_SAMPLE),
    title: UNMATCHED_ID_SAMPLE.title,
  },
  {
    name: 'diagnosis-incident',
    render: () => render(incidentTemplate, incidentSample),
    title: incidentSample.title,
  },
];

describe('diagnosis card templates', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it('renders its sample as a 1.5 card with nothing left unexpanded', () => {
        const card = c.render();
        assert.ok(!JSON.stringify(card).includes('${'));
        assert.equal(card.version, '1.5');
        assert.equal(card.$schema, CARD_SCHEMA);
        assert.ok(visibleTexts(card).includes(c.title));
      });

      it('parses with the Adaptive Cards SDK without a warning, losing nothing', () => {
        const card = c.render();
        assert.deepEqual(adaptiveCardsProblems(card), []);
        assert.deepEqual(adaptiveCardsRoundTrip(card), card);
      });

      it('fits the Teams size budget and its buttons carry only ids the verbs accept', () => {
        const card = c.render();
        assert.ok(cardSizeBytes(card) <= MAX_CARD_BYTES);
        for (const action of executeActions(card)) {
          const data = parseActionData(String(action.verb), action.data) as Record<string, unknown>;
          for (const value of Object.values(data))
            assert.ok(typeof value === 'number' || /^[\w.:-]+$/.test(String(value)));
        }
      });
    });
  }
});

describe('diagnosis card data', () => {
  async function caDiagnosis() {
    const policy = aCaPolicy({
      displayName: 'CA001 [Block](https://phish.example) countries',
      excludeGroupIds: ['g1'],
    });
    const reader = new FakeDirectory({
      users: [aUser()],
      caPolicies: [policy],
      signIns: [
        aSignIn({
          appliedConditionalAccessPolicies: [
            anAppliedPolicy({ id: policy.id, displayName: policy.displayName }),
          ],
        }),
      ],
    });
    return diagnose(
      {
        triage: aTriage('ca-blocked', { code: 53003 }),
        subject: { kind: 'id', id: ALEX },
        audience: 'user',
      },
      { reader, clock: fixedClock },
    );
  }

  it('puts offers on Action.Execute request.create buttons carrying only the fix and ids', async () => {
    const d = await caDiagnosis();
    const actions = executeActions(diagnosisCard(d, { audience: 'user' }));
    assert.deepEqual(actions, [
      {
        verb: 'request.create',
        data: { v: 1, action: 'ca-exclusion', subjectId: ALEX, targetId: d.offers[0].targetId },
      },
    ]);
  });

  it('names the policy beside each exclusion button, so two buttons can be told apart', async () => {
    const d = await caDiagnosis();
    const card = diagnosisCard(d, { audience: 'user' });
    const texts = visibleTexts(card);
    const note = texts.find((t) => t.startsWith('From the policy'));
    assert.equal(note, 'From the policy "CA001 Block(https://phish.example) countries":');
    const body = JSON.stringify(card);
    assert.ok(body.indexOf(note ?? '') < body.indexOf('"request.create"'), 'the name comes first');
  });

  it('keeps a path through settings ("Settings > Accounts") and drops markup brackets', () => {
    assert.equal(
      shown('Set it up again (Settings > Accounts > Sign-in options).'),
      'Set it up again (Settings > Accounts > Sign-in options).',
    );
    assert.equal(
      shown('Open <b>now</b> [here](https://phish.example)'),
      'Open bnow/b here(https://phish.example)',
    );
    assert.equal(shown('a <https://phish.example> b'), 'a https://phish.example b');
    assert.equal(shown('x>y and `code`'), 'xy and code');
  });

  it('labels each section with its own heading, once', () => {
    for (const [view, { template, sample }] of Object.entries(DIAGNOSIS_CARDS)) {
      const headings = visibleTexts(render(template, sample)).filter((t) =>
        [sample.kind.causes, sample.kind.context, sample.signIn?.heading].includes(t),
      );
      assert.equal(new Set(headings).size, headings.length, `${view}: ${headings.join(', ')}`);
      const titles = [...sample.causes, ...sample.context].map((f) => f.title);
      assert.ok(!titles.includes(sample.kind.context), `${view}: a heading repeats a finding`);
    }
  });

  it('an error\'s meaning under "What the error means" is not titled the same again', async () => {
    const d = await diagnose(
      {
        triage: triage('AADSTS700082: The refresh token has expired due to inactivity.'),
        subject: { kind: 'id', id: ALEX },
        audience: 'user',
      },
      { reader: new FakeDirectory({ users: [aUser()] }), clock: fixedClock },
    );
    const data = diagnosisCardData(d, { audience: 'user' });
    assert.equal(data.kind.causes, 'What the error means');
    assert.equal(data.causes[0]?.title, undefined, 'the heading says it already');
    assert.match(data.causes[0]?.detail ?? '', /saved sign-in expired/);
    const texts = visibleTexts(render(diagnosisTemplate, data));
    assert.equal(texts.filter((t) => t === 'What the error means').length, 1);
  });

  it("asks for each fix in the person's own words on their card, and names the account for the helpdesk", async () => {
    const kinds = [
      'revoke-sessions',
      'dismiss-risk',
      'sync-device',
      'confirm-compromised',
    ] as const;
    const more = [
      'issue-tap',
      'add-sms-method',
      'ca-exclusion',
      'require-password-change',
    ] as const;
    const offered = (list: readonly ActionKind[]) => ({
      ...caBase,
      offers: list.map((kind) => ({ kind, subjectId: ALEX, reason: 'Why.' })),
    });
    const caBase = await caDiagnosis();
    const titles = (list: readonly ActionKind[], audience: 'user' | 'helpdesk') =>
      diagnosisCardData(offered(list), { audience }).offers.map((o) => o.title);
    assert.deepEqual(titles(kinds, 'user'), [
      'Sign me out everywhere',
      'Dismiss the risk on my account',
      'Sync my device with Intune',
      'Confirm my account is compromised',
    ]);
    assert.deepEqual(titles(kinds, 'helpdesk'), [
      'Sign the user out everywhere',
      'Dismiss user risk',
      'Sync the device with Intune',
      'Confirm the account is compromised',
    ]);
    for (const list of [kinds, more]) {
      const text = visibleTexts(diagnosisCard(offered(list), { audience: 'user' })).join('\n');
      assert.doesNotMatch(text, /the user\b|user risk|the device|the account is/i, text);
    }
  });

  it("suggests a note that fits each fix on the person's card (not 'I lost my phone' for an exclusion)", async () => {
    const base = await caDiagnosis();
    const kinds = ['issue-tap', 'ca-exclusion', 'revoke-sessions'] as const;
    const d = { ...base, offers: kinds.map((kind) => ({ kind, subjectId: ALEX, reason: 'Why.' })) };
    const placeholders = diagnosisCardData(d, { audience: 'user' }).offers.map(
      (o) => o.remark.placeholder,
    );
    assert.deepEqual(placeholders, [
      'For example: I lost my phone',
      'For example: I am travelling until Friday',
      'For example: my laptop was stolen',
    ]);
    const staff = diagnosisCardData(d, { audience: 'helpdesk' }).offers.map(
      (o) => o.remark.placeholder,
    );
    assert.deepEqual(new Set(staff), new Set(['Sent with the request']));
  });

  it('shows whose sign-in it is to the helpdesk only', async () => {
    const d = await caDiagnosis();
    assert.equal(diagnosisCardData(d, { audience: 'user' }).subject, undefined);
    assert.equal(
      diagnosisCardData(d, { audience: 'helpdesk' }).subject,
      'Alex Member (alex@contoso.example)',
    );
  });

  it('strips link brackets from names that come from the tenant', async () => {
    const text = JSON.stringify(diagnosisCard(await caDiagnosis(), { audience: 'helpdesk' }));
    assert.ok(!text.includes('](https://'), 'no Markdown link survives');
  });

  it('offers "Check again" only when the diagnosis asks for it and the paste has an id', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    const pending = await diagnose(
      {
        triage: aTriage('ca-blocked', {
          code: 53003,
          fields: { correlationId: '0b1e2c3d-0000-4000-8000-000000000001' },
        }),
        subject: { kind: 'id', id: ALEX },
        audience: 'user',
      },
      { reader, clock: fixedClock },
    );
    assert.equal(pending.checkAgain, true);
    assert.deepEqual(executeActions(diagnosisCard(pending, { audience: 'user' })), []);
    const card = diagnosisCard(pending, { audience: 'user', triageId: 'tri-1' });
    assert.deepEqual(executeActions(card), [
      { verb: 'triage.check-again', data: { v: 1, triageId: 'tri-1' } },
    ]);
    const texts = visibleTexts(card);
    assert.ok(texts.includes('No sign-in with that correlation ID in your sign-in log yet'));
    assert.ok(texts.some((t) => t.includes('usually take a few minutes to arrive')));
    assert.ok(texts.includes('0b1e2c3d-0000-4000-8000-000000000001'), 'the pasted id is shown');
  });

  it('offers "Check again" where a line says Graph was too busy or out of reach, and only there', async () => {
    const answer = async (
      status?: number,
      intent: 'account-disabled' | 'account-locked' = 'account-disabled',
    ) => {
      const reader = new FakeDirectory({ users: [aUser()] });
      if (status !== undefined) {
        reader.findSignIns = () =>
          Promise.reject(
            toGraphAppError(new GraphError(status, 'Graph did not answer'), {
              operation: 'findSignIns',
            }),
          );
      }
      const d = await diagnose(
        { triage: aTriage(intent), subject: { kind: 'id', id: ALEX }, audience: 'user' },
        { reader, clock: fixedClock },
      );
      return diagnosisCard(d, { audience: 'user', triageId: 'tri-2' });
    };
    const checkAgain = [{ verb: 'triage.check-again', data: { v: 1, triageId: 'tri-2' } }];
    const lines = (card: Record<string, unknown>) =>
      visibleTexts(card).filter((t) => /too busy|could not be reached/.test(t));

    const busy = await answer(429);
    assert.equal(lines(busy).length, 1, 'one busy line');
    assert.deepEqual(executeActions(busy), checkAgain);
    const unreachable = await answer(503, 'account-locked');
    assert.deepEqual(lines(unreachable), [
      'Could not tell whether the account is locked: Microsoft Graph could not be reached just now',
      'Microsoft Graph could not be reached just now to read the sign-in log, so the bot cannot see whether sign-ins were refused for a lock-out; asking again in a few minutes may tell.',
    ]);
    assert.deepEqual(executeActions(unreachable), checkAgain);

    const answered = await answer();
    assert.deepEqual(lines(answered), []);
    assert.deepEqual(executeActions(answered), [], 'no busy line, no Check again');
    const forbidden = await answer(403);
    assert.deepEqual(
      executeActions(forbidden),
      [],
      'a missing permission is not helped by asking again',
    );
  });

  it('builds the incident card from an incident, listing 20 accounts and counting the rest', () => {
    assert.equal(incidentSample.users.length, 20);
    assert.equal(incidentSample.more, 'and 3 more');
    assert.match(incidentSample.title, /^23 people blocked by "CA001/);
    const texts = visibleTexts(render(incidentTemplate, incidentSample));
    assert.ok(texts.includes('user01@sandbox.example'));
    assert.ok(texts.some((t) => t.includes('within 8 minutes')));
    const small = incidentCardData({ ...sampleIncident(), count: 3 });
    assert.equal(small.more, undefined);
  });
});

function sampleIncident() {
  return {
    id: 'p:2026-01-15T11:00:00.000Z',
    policyId: 'p',
    policyName: 'P',
    count: 3,
    firstAt: new Date('2026-01-15T11:00:00Z'),
    lastAt: new Date('2026-01-15T11:02:00Z'),
    users: [1, 2, 3].map((i) => ({ id: `u${i}`, userPrincipalName: `u${i}@contoso.example` })),
  };
}

describe('next steps on the card', () => {
  it("gives the blocked person their own steps where the diagnosis fell back on the catalog's", async () => {
    const triage = {
      ...aTriage('app-misconfigured', { code: 700016 }),
      entry: {
        code: 700016,
        name: 'UnauthorizedClient_DoesNotMatchRequest',
        intent: 'app-misconfigured' as const,
        userText: 'The app is not set up in this organisation.',
        helpdeskText: 'Check the app registration.',
        nextSteps: ['Open Enterprise applications and check the app id.'],
        diagnosis: 'none' as const,
        documented: true,
      },
    };
    const d = await diagnose(
      { triage, subject: { kind: 'id', id: ALEX }, audience: 'user' },
      { reader: new FakeDirectory({ users: [aUser()] }), clock: fixedClock },
    );
    assert.equal(d.stepsFromCatalog, true);
    const helpdesk = diagnosisCardData(d, { audience: 'helpdesk' }).nextSteps.map((s) => s.step);
    assert.deepEqual(helpdesk, ['Open Enterprise applications and check the app id.']);
    const user = diagnosisCardData(d, { audience: 'user' }).nextSteps.map((s) => s.step);
    assert.ok(user.length > 0 && !user.some((s) => s.includes('Enterprise applications')));
  });
});
